"""The agenda as a plain object (ระเบียบวาระการประชุม); the reports app renders it to PDF."""

from __future__ import annotations

from dataclasses import dataclass

from core import thaidate
from meetings.choices import MeetingState
from meetings.models import (
    Meeting,
)
from meetings.selectors.agenda_items import agenda


@dataclass(frozen=True)
class AgendaPaperRow:
    name: str
    kind: str
    size: int
    pk: int


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    section_type: str
    is_section: bool
    description: str
    presenter: str
    papers: list[AgendaPaperRow]
    minutes_to_adopt: str = ""


@dataclass(frozen=True)
class AgendaDocument:
    """ระเบียบวาระการประชุม: heading lines and the entries in order (sections, then their sub-items)."""

    title: str
    body_name: str
    number_label: str
    date_text: str
    time_text: str
    place: str
    online_link: str
    entries: list[AgendaEntry]
    cancelled: bool


def agenda_document(meeting: Meeting) -> AgendaDocument:
    """The agenda as a plain object (the reports app renders it to PDF)."""
    entries = []
    for s in agenda(meeting):
        for it in [s, *s.subitems]:
            entries.append(
                AgendaEntry(
                    number=f"ระเบียบวาระที่ {it.number}" if it.parent_id is None else it.number,
                    title=it.title,
                    section_type=it.section_type,
                    is_section=it.parent_id is None,
                    description=it.description,
                    presenter=it.presenter,
                    papers=[AgendaPaperRow(p.display_name, p.kind_label, p.size, p.pk) for p in it.papers.all()],
                    minutes_to_adopt=it.minutes_to_adopt.label if it.parent_id is None and it.minutes_to_adopt else "",
                )
            )
    return AgendaDocument(
        title="ระเบียบวาระการประชุม",
        body_name=meeting.subcommittee.name,
        number_label=meeting.label,
        date_text=f"วันที่ {thaidate.format_date(meeting.starts_at)}",
        time_text=f"เวลา {thaidate.format_time(meeting.starts_at)}",
        place=f"ณ {meeting.place}",
        online_link=meeting.online_link,
        entries=entries,
        cancelled=meeting.state == MeetingState.CANCELLED,
    )
