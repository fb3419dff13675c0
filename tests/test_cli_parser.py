"""A mistake on the command line: argparse's usage and message on stderr, exit 2; with --json
anywhere on the command line, also one JSON error object (code "usage") on stdout."""

from __future__ import annotations

import json

import pytest

import main

CHOICES = ("'event', 'roster', 'demo', 'export', 'invitations', 'checkin', 'checkin-undo', "
           "'serve', 'phone-link', 'pledge', 'signature', 'key', 'seal', 'verify', 'backup', "
           "'restore', 'audit'")


@pytest.mark.parametrize("argv, prog, message", [
    (["event", "create", "--date", "2024-01-05", "--json"], "ikrar event create",
     "the following arguments are required: --name"),
    (["event", "create", "--name", "X", "--date", "kemarin", "--json"], "ikrar event create",
     "argument --date: tanggal harus YYYY-MM-DD: 'kemarin'"),
    (["frobnicate", "--json"], "ikrar",
     f"argument COMMAND: invalid choice: 'frobnicate' (choose from {CHOICES})"),
    (["event", "--json"], "ikrar event", "the following arguments are required: ACTION"),
    (["event", "list", "--json", "--bogus"], "ikrar", "unrecognized arguments: --bogus"),
    (["--json", "event", "list", "--bogus"], "ikrar", "unrecognized arguments: --json --bogus"),
    (["checkin", "1", "--nip", "1", "--name", "a", "--json"], "ikrar checkin",
     "argument --name: not allowed with argument --nip"),
    (["signature", "render", "1", "2", "--out", "x", "--width", "abc", "--json"],
     "ikrar signature render", "argument --width: invalid int value: 'abc'"),
    # --json before the command it belongs to still asks for JSON
    (["--json", "event", "create", "--date", "2024-01-05"], "ikrar event create",
     "the following arguments are required: --name"),
    (["event", "--json", "create", "--date", "2024-01-05"], "ikrar event create",
     "the following arguments are required: --name"),
])
def test_a_usage_error_with_json_is_answered_in_json_too(db_path, capsys, argv, prog, message):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", str(db_path), *argv])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == json.dumps({"error": {"code": "usage", "message": message}},
                             ensure_ascii=False, indent=2) + "\n"
    assert err.startswith("usage: " + prog + " ")
    assert err.endswith(f"\n{prog}: error: {message}\n")
    assert not db_path.exists()


@pytest.mark.parametrize("argv, prog, message", [
    (["event", "create", "--name", "X", "--date", "kemarin"], "ikrar event create",
     "argument --date: tanggal harus YYYY-MM-DD: 'kemarin'"),
    (["frobnicate"], "ikrar",
     f"argument COMMAND: invalid choice: 'frobnicate' (choose from {CHOICES})"),
    (["event"], "ikrar event", "the following arguments are required: ACTION"),
])
def test_a_usage_error_without_json_is_text_on_stderr_only(db_path, capsys, argv, prog,
                                                           message):
    with pytest.raises(SystemExit) as stop:
        main.main(["--db", str(db_path), *argv])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: " + prog + " ")
    assert err.endswith(f"\n{prog}: error: {message}\n")


def test_help_with_json_is_the_help_text_and_exit_0(capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["event", "list", "--help", "--json"])
    assert stop.value.code == 0
    out, err = capsys.readouterr()
    assert out.startswith("usage: ikrar event list ") and err == ""


def test_a_json_error_after_the_parse_does_not_leak_into_the_next_parse(db_path, capsys):
    """The parser remembers --json only for the command line it is parsing."""
    from ui.cli.run import build_parser

    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["event", "--json"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        parser.parse_args(["event"])
    assert capsys.readouterr().out == ""
