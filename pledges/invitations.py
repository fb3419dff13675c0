"""Moved to pledges.documents: this name is kept only for main.py's export and invitation
commands until they call pledges.documents.export. Delete it then."""

from pledges.documents.invitations import InvitationError, write_invitations  # noqa: F401
