"""The database schema, as SQLAlchemy Core tables. Alembic migrations in events/migrations
create and change it; this module is what the code reads and writes through."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from events.types import AwareDateTime

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Migration 0001 repeats this table as it first was: frozen history, not a second definition.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("event_date", sa.Date, nullable=False),
    sa.Column("start_time", sa.Time),
    sa.Column("end_time", sa.Time),
    sa.Column("venue", sa.String(300), nullable=False, server_default=""),
    sa.Column("city", sa.String(120), nullable=False, server_default=""),
    sa.Column("organizer_unit", sa.String(300), nullable=False, server_default=""),
    sa.Column("institution", sa.String(300), nullable=False, server_default=""),
    sa.Column("logo", sa.LargeBinary),
    sa.Column("letter_number", sa.String(200), nullable=False, server_default=""),
    sa.Column("letter_date", sa.Date),
    sa.Column("presiding_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("presiding_title", sa.String(200), nullable=False, server_default=""),
    sa.Column("presiding_nip", sa.String(18), nullable=False, server_default=""),
    sa.Column("witness_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("witness_title", sa.String(200), nullable=False, server_default=""),
    sa.Column("witness_nip", sa.String(18), nullable=False, server_default=""),
    sa.Column("agenda", sa.Text, nullable=False, server_default=""),
    sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("archived_at", AwareDateTime()),
    sa.Column("created_at", AwareDateTime(), nullable=False),
    sa.Column("updated_at", AwareDateTime(), nullable=False),
    # A random identifier that stays with the event across databases (seals and the audit
    # trail name the event by it).
    # The store always gives one; the column stays nullable because SQLite cannot add a NOT NULL
    # column to a table with rows without rebuilding it.
    sa.Column("uid", sa.String(32)),
    # WIB, WITA or WIT: every time of the event is shown in it (migration 0005).
    sa.Column("time_zone", sa.String(8), nullable=False, server_default="WIB"),
    # The letterhead's contact lines and the documents' numbering scheme (migration 0009).
    sa.Column("address", sa.String(300), nullable=False, server_default=""),
    sa.Column("postcode", sa.String(10), nullable=False, server_default=""),
    sa.Column("phone", sa.String(60), nullable=False, server_default=""),
    sa.Column("email", sa.String(120), nullable=False, server_default=""),
    sa.Column("website", sa.String(120), nullable=False, server_default=""),
    sa.Column("number_scheme", sa.String(120), nullable=False, server_default=""),
    sa.Column("number_start", sa.Integer, nullable=False, server_default="1"),
)

sa.Index("ux_events_uid", events.c.uid, unique=True)

speakers = sa.Table(
    "speakers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("title", sa.String(200), nullable=False, server_default=""),
    sa.Column("institution", sa.String(300), nullable=False, server_default=""),
)

# Opens like speakers (an id, its event): two tables alike only in their keys.
attendees = sa.Table(
    "attendees",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("category", sa.String(20), nullable=False),
    sa.Column("nip", sa.String(18)),
    sa.Column("nik", sa.String(16)),
    sa.Column("golongan", sa.String(60), nullable=False, server_default=""),
    sa.Column("jabatan", sa.String(300), nullable=False, server_default=""),
    sa.Column("unit", sa.String(300), nullable=False, server_default=""),
    sa.Column("phone", sa.String(20), nullable=False, server_default=""),
    sa.Column("institution", sa.String(300), nullable=False, server_default=""),
    sa.Column("source", sa.String(10), nullable=False),
    sa.Column("invited", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", AwareDateTime(), nullable=False),
    sa.Column("updated_at", AwareDateTime(), nullable=False),
    # The random code on the invitation's QR (never the NIP); unique across all events.
    sa.Column("token", sa.String(32), unique=True),
    sa.UniqueConstraint("event_id", "nip"),
    sa.UniqueConstraint("event_id", "nik"),
)

# Alike in shape to pledges' signatures (an event, a person, a moment, a desk) and repeated by
# migration 0002 as it was created (frozen history): separate records, not one table twice.
checkins = sa.Table(
    "checkins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("attendee_id", sa.Integer, sa.ForeignKey("attendees.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("checked_in_at", AwareDateTime(), nullable=False),
    sa.Column("desk", sa.String(60), nullable=False, server_default=""),
    sa.Column("operator", sa.String(120), nullable=False, server_default=""),
    sa.Column("method", sa.String(20), nullable=False, server_default=""),
    # An undone check-in stays as history; only one not-undone check-in per person and event.
    sa.Column("undone_at", AwareDateTime()),
    sa.Column("undo_reason", sa.Text, nullable=False, server_default=""),
    sa.Column("undone_by", sa.String(120), nullable=False, server_default=""),
    sa.Column("undone_desk", sa.String(60), nullable=False, server_default=""),
)


def partial_unique_index(name: str, *columns: sa.Column[Any],
                         where: sa.ColumnElement[bool]) -> sa.Index:
    """A unique index over the rows matching ``where`` (SQLite and PostgreSQL both have them).

    The migrations create it on every engine with the same WHERE. Here only SQLite's option is
    named: naming ``postgresql_where`` would import SQLAlchemy's PostgreSQL dialect at every
    start of the app (about 50 ms), for a database most desks never use.
    """
    return sa.Index(name, *columns, unique=True, sqlite_where=where)


partial_unique_index("ux_checkins_active", checkins.c.event_id, checkins.c.attendee_id,
                     where=checkins.c.undone_at.is_(None))
sa.Index("ix_checkins_event_id_checked_in_at", checkins.c.event_id, checkins.c.checked_in_at)


# The audit trail (events/audit.py): one hash chain per event; chain 0 is the installation's.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, nullable=False),  # no foreign key: chain 0 has no event
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # canonical JSON, what the hash covers
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("event_id", "seq"),
)

audit_heads = sa.Table(
    "audit_heads",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("uid", sa.String(32), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
