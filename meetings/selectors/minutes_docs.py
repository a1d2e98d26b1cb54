"""The minutes as form 11 lays them out (the HTML preview and the PDF builder read the same objects), and as plain text."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from committees.choices import MemberRole
from committees.models import Member
from core import thaidate
from emeetings.presence import (  # e-meeting hook (issue 15)
    REMOTE_NOTE,
    minutes_extra,
)
from meetings.choices import AttendanceStatus, MeetingState
from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
)
from meetings.selectors.agenda_items import agenda, has_resolution
from meetings.selectors.attendance import attendance_rows, current_members


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("updated_by", "adopted_under_item__meeting").first()


def minutes_versions(minutes: Minutes) -> list[MinutesVersion]:
    return list(minutes.versions.select_related("saved_by").order_by("-number"))


def minutes_comments(minutes: Minutes) -> list[MinutesComment]:
    return list(minutes.comments.select_related("author", "agenda_item__parent").order_by("created_at", "id"))


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    note: str = ""
    """``มาประชุมแทน <position>`` for a stand-in; the reason for an absent member."""


@dataclass(frozen=True)
class MinutesItem:
    number: str
    title: str
    is_section: bool
    discussion: str
    resolution: str
    """มติที่ประชุม (empty for a section whose sub-items carry the resolutions)."""
    outcome: str
    recusals: list[str] = field(default_factory=list)
    """``นาย ก. ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย``, one line per recused member."""
    key: str = ""
    """The agenda item's id, as the draft's ``items`` name it."""


@dataclass(frozen=True)
class MinutesDocument:
    """Form 11 (ระเบียบงานสารบรรณ) in order; every field is ready-to-print Thai text."""

    title: str
    body_name: str
    number_label: str
    date_text: str
    place: str
    present: list[Person]
    absent: list[Person]
    guests: list[Person]
    start_time: str
    opening: str
    items: list[MinutesItem]
    end_time: str
    recorder: Person
    checker: Person
    version: int
    is_adopted: bool
    adoption_note: str
    state_label: str
    chair: Person | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _seat(members: list[Member], role: str) -> Member | None:
    return next((m for m in members if m.role == role), None)


def initial_minutes_content(meeting: Meeting, sections: list[AgendaItem] | None = None) -> dict[str, Any]:
    """What a new draft starts from: times from the meeting, texts from the recorded resolutions."""
    sections = agenda(meeting) if sections is None else sections
    members = current_members(meeting)
    recorder = _seat(members, MemberRole.ASSISTANT_SECRETARY) or _seat(members, MemberRole.SECRETARY)
    checker = _seat(members, MemberRole.SECRETARY)
    items: dict[str, dict[str, str]] = {}
    for s in sections:
        for it in [s, *s.subitems]:
            res = getattr(it, "resolution", None) if has_resolution(it) else None
            if res is None and it.reports_circulation:
                # a circulated result reported under เรื่องเพื่อทราบ: the minutes start from the result
                items[str(it.pk)] = {"discussion": it.description, "resolution": "ที่ประชุมรับทราบ"}
                continue
            items[str(it.pk)] = {
                "discussion": res.discussion if res else "",
                "resolution": res.text if res else "",
            }
    return {
        "start_time": thaidate.format_time(meeting.starts_at).replace(" น.", ""),
        "end_time": thaidate.format_time(meeting.ended_at).replace(" น.", "") if meeting.ended_at else "",
        "opening": "เมื่อครบองค์ประชุมแล้ว ประธานกล่าวเปิดการประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้",
        "recorder_name": recorder.full_name if recorder else "",
        "recorder_position": recorder.position if recorder else "",
        "checker_name": checker.full_name if checker else "",
        "checker_position": checker.position if checker else "",
        "items": items,
    }


def minutes_adopted(meeting: Meeting) -> bool:
    """Once the minutes are adopted, their resolutions are final (until then, drafts)."""
    return (
        meeting.state == MeetingState.ADOPTED
        or Minutes.objects.filter(meeting=meeting, adopted_on__isnull=False).exists()
    )


def with_resolutions(content: dict[str, Any], sections: list[AgendaItem]) -> dict[str, Any]:
    """The draft with each recorded resolution's one text: what the item page says is what the minutes say."""
    items = {k: dict(v) for k, v in (content.get("items") or {}).items()}
    for s in sections:  # sections with ``subitems``, or a flat list of items
        for it in [s, *getattr(s, "subitems", [])]:
            if has_resolution(it):
                items.setdefault(str(it.pk), {"discussion": "", "resolution": ""})["resolution"] = it.resolution.text
    return {**content, "items": items}


def recusal_lines(item: AgendaItem) -> list[str]:
    """How a secretariat writes a recusal under the item (``conflicts`` prefetched by ``agenda``)."""
    return [
        f"{c.member.full_name} ไม่ร่วมพิจารณาและไม่ร่วมลงมติ เนื่องจากมีส่วนได้เสีย"
        for c in sorted(item.conflicts.all(), key=lambda c: (c.member.order, c.member_id))
    ]


def chair_capacity_text(meeting: Meeting) -> str:
    """``ประธานในที่ประชุม`` with the acting capacity when the chair is not the governor."""
    from committees.choices import ChairCapacity

    if not meeting.chair_name:
        return ""
    if meeting.chair_capacity in ("", ChairCapacity.GOVERNOR, ChairCapacity.OTHER):
        return "ประธานในที่ประชุม"
    return f"ประธานในที่ประชุม ในฐานะ{ChairCapacity(meeting.chair_capacity).label}"


def _time_text(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return value if value.endswith("น.") else f"{value} น."


_UNREAD = object()


def minutes_document(
    meeting: Meeting,
    *,
    content: dict[str, Any] | None = None,
    sections=None,
    for_text: bool = False,
    minutes: Any = _UNREAD,
) -> MinutesDocument:
    """The minutes as form 11 lays them out, from the saved draft (or the adopted version), else pre-filled.

    ``content`` overrides the stored text (an unsaved form, or an older version).
    The reports app renders this same object to PDF. ``sections``: the agenda already read.
    ``for_text`` (with ``content``): only what ``minutes_text`` prints, without the stored minutes'
    version, adoption note and e-meeting additions (which it does not print), so fewer queries.
    ``minutes``: the meeting's ``minutes_of`` already read in this request (None: it has none), not read again.
    """
    sections = sections if sections is not None else agenda(meeting)
    if for_text and content is not None:
        minutes = None
    elif minutes is _UNREAD:
        minutes = minutes_of(meeting)
    if content is None:
        if minutes and minutes.version:
            content = minutes.content if minutes.is_adopted else with_resolutions(minutes.content, sections)
        else:
            content = initial_minutes_content(meeting, sections)
    texts = content.get("items", {})
    present, absent, guests = [], [], []
    rows = attendance_rows(meeting)
    came = {
        a.member_id for a in rows if a.member_id and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)
    }
    # e-meeting hook (issue 15); the version's plain text (``for_text``) prints none of it
    extra = {} if for_text else minutes_extra(meeting, minutes, present_ids=came)
    online = extra.get("remote_ids", set())
    for att in rows:
        if att.status == AttendanceStatus.PRESENT:
            present.append(
                Person(att.member.full_name, att.member.position, REMOTE_NOTE if att.member_id in online else "")
            )
        elif att.status == AttendanceStatus.STAND_IN:
            present.append(Person(att.person_name, att.person_position, f"มาประชุมแทน {att.member.position}"))
        elif att.status == AttendanceStatus.ABSENT:
            absent.append(Person(att.member.full_name, att.member.position, att.absence_reason))
        else:
            position = " ".join(p for p in (att.person_position, att.person_agency) if p)
            guests.append(Person(att.person_name, position))
    items = []
    for s in sections:
        for it in [s, *s.subitems]:
            if it.withdrawn_at:
                continue  # withdrawn before the meeting: not in the minutes
            text = texts.get(str(it.pk), {})
            res = it.resolution if has_resolution(it) else None
            items.append(
                MinutesItem(
                    number=f"ระเบียบวาระที่ {it.number}" if it.parent_id is None else it.number,
                    title=it.title,
                    is_section=it.parent_id is None,
                    discussion=text.get("discussion", ""),
                    resolution=text.get("resolution", ""),
                    outcome=res.get_outcome_display() if res else "",
                    recusals=recusal_lines(it),
                    key=str(it.pk),
                )
            )
    adoption_note = ""
    if minutes and minutes.is_adopted:
        how = minutes.get_adoption_method_display()
        adoption_note = _("รับรองแล้วเมื่อวันที่ %(date)s (%(how)s)") % {
            "date": thaidate.format_date(minutes.adopted_on),
            "how": how,
        }
        if minutes.adopted_under_item_id:
            adoption_note += _(" ในการประชุม%(meeting)s") % {"meeting": minutes.adopted_under_item.meeting.label}
    chair = (
        Person(meeting.chair_name, meeting.chair_position, chair_capacity_text(meeting)) if meeting.chair_name else None
    )
    return MinutesDocument(
        title=_("รายงานการประชุม"),
        body_name=meeting.subcommittee.name,
        number_label=meeting.label,
        date_text=_("เมื่อวันที่ %(date)s") % {"date": thaidate.format_date(meeting.starts_at)},
        place=_("ณ %(place)s") % {"place": meeting.place},
        present=present,
        absent=absent,
        guests=guests,
        start_time=_time_text(content.get("start_time", "")),
        opening=content.get("opening", ""),
        items=items,
        end_time=_time_text(content.get("end_time", "")),
        recorder=Person(content.get("recorder_name", ""), content.get("recorder_position", "")),
        checker=Person(content.get("checker_name", ""), content.get("checker_position", "")),
        version=minutes.version if minutes else 0,
        is_adopted=bool(minutes and minutes.is_adopted),
        adoption_note=adoption_note,
        state_label=meeting.get_state_display(),
        chair=chair,
        extra=extra,  # e-meeting hook (issue 15): decree statement, online members, recordings, ledger hash
    )


@dataclass(frozen=True)
class TextFrame:
    """What the minutes' plain text takes from the meeting, its attendance and its agenda, not from the draft:
    the heading and the lists of who came, then each item's heading and recusals."""

    head: tuple[str, ...]
    items: tuple[tuple[str, str, tuple[str, ...]], ...]
    """``(item id, "number title", recusal lines)`` in agenda order, withdrawn items left out."""


def text_frame(meeting: Meeting, sections=None) -> TextFrame:
    """The text frame from the database (``sections``: the agenda with its conflicts, already read)."""
    with translation.override("th"):
        doc = minutes_document(meeting, content={}, sections=sections, for_text=True)
    lines = [f"{doc.title}{doc.body_name}", doc.number_label, doc.date_text, doc.place]
    if doc.chair:
        lines.append(f"{doc.chair.note} {doc.chair.name} {doc.chair.position}")
    lines += ["", "ผู้มาประชุม"]
    lines += [f"{i}. {p.name} {p.position} {p.note}".rstrip() for i, p in enumerate(doc.present, 1)]
    if doc.absent:
        lines += ["", "ผู้ไม่มาประชุม"]
        lines += [
            f"{i}. {p.name} {p.position} ({p.note})" if p.note else f"{i}. {p.name} {p.position}"
            for i, p in enumerate(doc.absent, 1)
        ]
    if doc.guests:
        lines += ["", "ผู้เข้าร่วมประชุม"]
        lines += [f"{i}. {p.name} {p.position}".rstrip() for i, p in enumerate(doc.guests, 1)]
    items = tuple((it.key, f"{it.number} {it.title}", tuple(it.recusals)) for it in doc.items)
    return TextFrame(head=tuple(lines), items=items)


# The models a text frame reads; it is kept under their data versions (reports.documents.freshness: a new
# version on every save or delete of a row, and on the agenda's renumbering by update()).
FRAME_MODELS = (
    "committees.Member",
    "committees.Subcommittee",
    "meetings.AgendaItem",
    "meetings.Attendance",
    "meetings.ConflictOfInterest",
    "meetings.Meeting",
)
FRAME_FORMAT = 1  # bump when ``TextFrame`` or ``text_frame`` changes: frames kept by older code are not read
FRAME_TTL = 3600


def minutes_text_frame(meeting: Meeting, sections: Callable[[], list[AgendaItem]]) -> TextFrame:
    """The meeting's text frame, kept in the cache until one of ``FRAME_MODELS`` changes (issue #12: an
    autosave then reads neither the attendance nor the conflicts). ``sections()`` reads the agenda with its
    conflicts when the frame must be computed. With the cache down, computed every time."""
    import hashlib

    from django.core.cache import cache

    from reports.documents import freshness

    current = freshness.versions(FRAME_MODELS)
    if current is None:
        return text_frame(meeting, sections())
    stamp = hashlib.sha256(repr(sorted(current.items())).encode()).hexdigest()[:32]
    key = f"meetings:minutes-frame:{FRAME_FORMAT}:{meeting.pk}:{stamp}"
    try:
        found = cache.get(key)
    except Exception:  # the configured backend already survives a lost Redis; any other too
        found = None
    if isinstance(found, TextFrame):
        return found
    frame = text_frame(meeting, sections())
    with contextlib.suppress(Exception):  # not kept: computed again next time
        cache.set(key, frame, FRAME_TTL)
    return frame


def minutes_text(meeting: Meeting, content: dict[str, Any], *, sections=None, frame: TextFrame | None = None) -> str:
    """The minutes as plain text (kept with each version; compared line by line): a record, so Thai.

    ``frame``: the meeting's ``text_frame`` already at hand (``minutes_text_frame``)."""
    frame = frame if frame is not None else text_frame(meeting, sections)
    texts = content.get("items", {})
    lines = [*frame.head, "", f"เริ่มประชุมเวลา {_time_text(content.get('start_time', ''))}", content.get("opening", "")]
    for key, heading, recusals in frame.items:
        text = texts.get(key, {})
        discussion, resolution = text.get("discussion", ""), text.get("resolution", "")
        lines += ["", heading]
        if discussion:
            lines += discussion.splitlines()
        lines += recusals
        if resolution:
            lines.append("มติที่ประชุม")
            lines += resolution.splitlines()
    lines += ["", f"เลิกประชุมเวลา {_time_text(content.get('end_time', ''))}", ""]
    lines += [content.get("recorder_name", ""), content.get("recorder_position", ""), "ผู้จดรายงานการประชุม", ""]
    lines += [content.get("checker_name", ""), content.get("checker_position", ""), "ผู้ตรวจรายงานการประชุม"]
    return "\n".join(lines)
