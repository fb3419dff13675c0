"""Ikrar: the registration desk, pledge signing and documents for integrity-pledge events.

Without a command the desktop app opens. With one, it works headless: the commands live in
ui/cli/ (``python main.py --help`` lists them; ui/cli/__init__.py describes them).
"""

from __future__ import annotations

import sys

from ui.cli.run import parse_args, run_command


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        sys.stderr.close()
        sys.exit(0)
