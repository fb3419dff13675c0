"""Writing an exported file so that a failure never leaves half of it behind (the writer lives
in events.files, where the roster import's problem list uses it too)."""

from events.files import write_atomically

__all__ = ["write_atomically"]
