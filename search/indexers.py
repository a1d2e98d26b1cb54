"""What each source puts in the index: its scope (province, proposer), title, link, text and date.

Each ``build_*`` returns the entry's fields, or ``None`` when the source must not be findable
(a cancelled meeting's items, a paper that is not a PDF with text).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from search.choices import SourceKind

log = logging.getLogger(__name__)
MAX_BODY = 200_000  # characters of a source's text that are indexed
MAX_PDF_PAGES = 200


def _cancelled(meeting) -> bool:
    from meetings.choices import MeetingState

    return meeting.state == MeetingState.CANCELLED


def build_resolution(res) -> dict | None:
    item = res.agenda_item
    meeting = item.meeting
    if _cancelled(meeting):
        return None
    return {
        "province_id": meeting.subcommittee.province_id,
        "title": f"มติ {meeting.label} วาระที่ {item.number} {item.title}",
        "url": reverse("meetings:item", args=[item.pk]),
        "body": "\n".join(filter(None, [item.title, res.text, res.discussion])),
        "happened_at": meeting.starts_at,
    }


def build_agenda_item(item) -> dict | None:
    meeting = item.meeting
    if _cancelled(meeting):
        return None
    return {
        "province_id": meeting.subcommittee.province_id,
        "title": f"{meeting.label} วาระที่ {item.number} {item.title}",
        "url": reverse("meetings:item", args=[item.pk]),
        "body": "\n".join(filter(None, [item.title, item.description, item.presenter])),
        "happened_at": meeting.starts_at,
    }


def build_minutes(minutes) -> dict | None:
    from meetings.selectors import minutes_text

    meeting = minutes.meeting
    if _cancelled(meeting) or not minutes.content:
        return None
    return {
        "province_id": meeting.subcommittee.province_id,
        "title": f"รายงานการประชุม {meeting.label}",
        "url": reverse("meetings:minutes", args=[meeting.pk]),
        "body": minutes_text(meeting, minutes.content),
        "happened_at": meeting.starts_at,
    }


def build_proposal(p) -> dict | None:
    return {
        "province_id": p.province_id,
        "proposer_id": p.proposer_id,
        "title": f"{p.code} {p.title}" if p.code else p.title,
        "url": reverse("fundproposals:detail", args=[p.pk]),
        "body": "\n".join(filter(None, [p.title, p.organisation, p.rationale, p.objectives])),
        "happened_at": p.submitted_at or p.created_at,
    }


def pdf_text(field) -> str:
    """The text layer of a PDF paper (empty for scans and broken files: nothing to index)."""
    from pypdf import PdfReader

    try:
        with field.open("rb") as fh:
            reader = PdfReader(fh)
            out, size = [], 0
            for page in reader.pages[:MAX_PDF_PAGES]:
                text = page.extract_text() or ""
                out.append(text)
                size += len(text)
                if size > MAX_BODY:
                    break
            return "\n".join(out)
    except Exception as exc:  # a damaged upload must not stop the indexer
        log.warning("search: cannot read PDF text of %s: %s", field.name, exc)
        return ""


def build_paper(paper) -> dict | None:
    item = paper.agenda_item
    meeting = item.meeting
    if _cancelled(meeting) or not paper.display_name.lower().endswith(".pdf"):
        return None
    text = pdf_text(paper.file)
    if not text.strip():
        return None
    return {
        "province_id": meeting.subcommittee.province_id,
        "title": f"{paper.display_name} ({meeting.label} วาระที่ {item.number})",
        "url": reverse("meetings:item", args=[item.pk]),
        "body": text,
        "happened_at": meeting.starts_at,
    }


@dataclass(frozen=True)
class Source:
    kind: str
    model: str  # app_label.ModelName
    related: tuple[str, ...]
    build: Callable[[object], dict | None]


SOURCES = {
    SourceKind.RESOLUTION: Source(
        SourceKind.RESOLUTION,
        "meetings.Resolution",
        ("agenda_item__meeting__subcommittee", "agenda_item__parent"),
        build_resolution,
    ),
    SourceKind.AGENDA_ITEM: Source(
        SourceKind.AGENDA_ITEM, "meetings.AgendaItem", ("meeting__subcommittee", "parent"), build_agenda_item
    ),
    SourceKind.MINUTES: Source(SourceKind.MINUTES, "meetings.Minutes", ("meeting__subcommittee",), build_minutes),
    SourceKind.PROPOSAL: Source(SourceKind.PROPOSAL, "fundproposals.Proposal", (), build_proposal),
    SourceKind.PAPER: Source(
        SourceKind.PAPER, "meetings.AgendaPaper", ("agenda_item__meeting__subcommittee", "agenda_item__parent"),
        build_paper,
    ),
}  # fmt: skip
