"""Moved to pledges.documents: this name is kept only for main.py's export and invitation
commands until they call pledges.documents.export. Delete it then."""

from pledges.documents.attendance_pdf import build_attendance_blank_pdf, build_attendance_pdf  # noqa: F401
from pledges.documents.attendance_xlsx import build_attendance_xlsx, write_attendance_xlsx  # noqa: F401
