"""What a meeting page needs before it knows whether its cached body is still right (issue #12).

The meeting page's body (the details, the agenda with its resolutions and papers, the attendance and the
quorum) is the same for every reader who may open the meeting; only the action buttons depend on the
reader. ``meeting_page_head`` reads, in one hand-written query (no ORM compilation), the meeting's few
fields the buttons need, the minutes' version, and a *fingerprint* of every row the body shows: the
md5 of the text of each whole row (PostgreSQL's ``row::text``) of the meeting, its subcommittee and
province, its agenda items, their resolutions and papers, its attendance and the subcommittee's
members. Any change to any column of those rows, made by ``save()``, ``QuerySet.update()``,
``bulk_create()`` or by hand, gives another fingerprint, so a body kept under the old one is never
served again; nothing relies on signals.

The fingerprint is read before the body's own queries, so a body computed while a writer commits is
kept under the older fingerprint (which that writer has just made obsolete), never the reverse.
Without PostgreSQL (SQLite in development) there is no fingerprint and the body is drawn every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connections
from django.http import Http404

from meetings.models import Meeting


@dataclass
class MeetingHead:
    meeting: Meeting
    """Only the fields the buttons and the title read are loaded; any other is read on access."""
    minutes_version: int | None
    """The minutes' saved version (None: no minutes yet)."""
    fingerprint: str | None
    """Of every row the page's body shows; None: no cache (not PostgreSQL)."""


_WANTED = frozenset({"id", "state", "starts_at", "number", "number_year", "numbering_basis", "subcommittee_id"})


@cache
def _head_fields() -> tuple[str, ...]:
    """The columns read, in the model's field order (``Model.from_db`` takes the values in that order)."""
    return tuple(f.attname for f in Meeting._meta.concrete_fields if f.attname in _WANTED)


@cache
def _head_sql() -> str:
    from committees.models import Member, Province, Subcommittee
    from meetings.models import AgendaItem, AgendaPaper, Attendance, Minutes, Resolution

    t = {
        "m": Meeting._meta.db_table,
        "s": Subcommittee._meta.db_table,
        "p": Province._meta.db_table,
        "i": AgendaItem._meta.db_table,
        "r": Resolution._meta.db_table,
        "a": AgendaPaper._meta.db_table,
        "t": Attendance._meta.db_table,
        "b": Member._meta.db_table,
        "n": Minutes._meta.db_table,
    }
    parts = [
        "m::text",
        "s::text",
        "(SELECT p::text FROM {p} p WHERE p.id = s.province_id)",
        "(SELECT string_agg(i::text, ',' ORDER BY i.id) FROM {i} i WHERE i.meeting_id = m.id)",
        "(SELECT string_agg(r::text, ',' ORDER BY r.id) FROM {r} r JOIN {i} i ON i.id = r.agenda_item_id"
        " WHERE i.meeting_id = m.id)",
        "(SELECT string_agg(a::text, ',' ORDER BY a.id) FROM {a} a JOIN {i} i ON i.id = a.agenda_item_id"
        " WHERE i.meeting_id = m.id)",
        "(SELECT string_agg(t::text, ',' ORDER BY t.id) FROM {t} t WHERE t.meeting_id = m.id)",
        "(SELECT string_agg(b::text, ',' ORDER BY b.id) FROM {b} b WHERE b.subcommittee_id = m.subcommittee_id"
        " OR b.id IN (SELECT t.member_id FROM {t} t WHERE t.meeting_id = m.id))",
    ]
    # every part kept in its place (an absent one is ''), so two different sets of rows never join the same
    digest = "md5(concat_ws('|', " + ", ".join(f"coalesce({p}, '')" for p in parts) + "))"
    columns = ", ".join(f"m.{Meeting._meta.get_field(c.removesuffix('_id')).column}" for c in _head_fields())
    return (
        f"SELECT {columns}, s.province_id,"  # noqa: S608 - table names from the models
        " (SELECT n.version FROM {n} n WHERE n.meeting_id = m.id), " + digest + " FROM {m} m"
        " JOIN {s} s ON s.id = m.subcommittee_id WHERE m.id = %s"
    ).format(**t)


def meeting_page_head(user, pk: int) -> MeetingHead:
    """The meeting ``pk`` if the user may see it (else the same 404 as a missing one), with the minutes'
    version and the fingerprint of the page's body, in one query."""
    from committees.models import Subcommittee
    from meetings.selectors.lookups import meeting_for
    from meetings.selectors.minutes_docs import minutes_of

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("ไม่พบการประชุม") from None
    db = Meeting.objects.db
    if connections[db].vendor != "postgresql":
        meeting = meeting_for(user, pk)
        minutes = minutes_of(meeting)
        return MeetingHead(meeting, minutes.version if minutes else None, None)
    with connections[db].cursor() as cur:
        cur.execute(_head_sql(), [pk])
        row = cur.fetchone()
    ids = user.access.readable_province_ids()
    n = len(_head_fields())
    province_id, minutes_version, fingerprint = row[n : n + 3] if row else (None, None, None)
    if row is None or (ids is not None and province_id not in ids):
        raise Http404("ไม่พบการประชุม")
    meeting = Meeting.from_db(db, _head_fields(), row[:n])
    meeting.subcommittee = Subcommittee.from_db(db, ("id", "province_id"), (meeting.subcommittee_id, province_id))
    return MeetingHead(meeting, minutes_version, fingerprint)
