"""Moved to pledges.documents: this name is kept only for main.py's export and invitation
commands until they call pledges.documents.export. Delete it then."""

from pledges.documents.public_roster import build_public_csv, build_public_pdf  # noqa: F401
