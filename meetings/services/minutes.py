"""The minutes: drafts with an optimistic lock, every version kept, comments, adoption."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import ledger.services  # ledger hook (issue 15)
from core import audit
from core.workflow import TransitionRefused
from meetings import permissions as perms
from meetings.choices import AdoptionMethod, MeetingState, SectionType
from meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
    Resolution,
)
from meetings.services.common import (
    _province,
    _require,
)
from meetings.services.resolutions import _add_wording
from meetings.services.scheduling import fire_transition
from notifications.services import notify_on_commit  # people (issue #10)
from search.indexing import index_later  # search (issue #14)

# --- Minutes -------------------------------------------------------------------------


class MinutesConflict(ValidationError):
    """A save based on an old version: someone saved in between. Carries what they changed."""

    def __init__(self, *, current: Minutes, base_version: int, changes_html: str, saved_by: str):
        super().__init__(
            f"มีผู้อื่น ({saved_by}) บันทึกรายงานการประชุมเป็นฉบับที่ {current.version} "
            f"หลังจากที่ท่านเริ่มแก้ไขจากฉบับที่ {base_version} ข้อความของท่านยังอยู่ในแบบฟอร์ม "
            "โปรดตรวจสิ่งที่เปลี่ยนไปด้านล่าง รวมกับข้อความของท่าน แล้วบันทึกอีกครั้ง"
        )
        self.current = current
        self.base_version = base_version
        self.changes_html = changes_html


def diff_html(before: str, after: str, *, before_label: str, after_label: str) -> str:
    """A side-by-side HTML table of two texts (``difflib``; Thai kept, lines wrapped)."""
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        before.splitlines(), after.splitlines(), before_label, after_label, context=True, numlines=2
    )


def save_minutes(
    *, actor, meeting: Meeting, content: Mapping[str, Any], base_version: int, items: list | None = None
) -> Minutes:
    """Save the minutes draft as a new version, if nobody saved since ``base_version``.

    A stale save raises ``MinutesConflict`` (nothing stored; the caller keeps the
    text). The first save of a held meeting moves it to ``minutes_drafted``.
    Adopted minutes are refused. ``items``: the meeting's agenda items the editor already read
    (``selectors.agenda_items_flat``), so the agenda is not read twice in one autosave.
    """
    from meetings.selectors import agenda, minutes_text, minutes_text_frame

    _require(perms.can_edit_minutes(actor, meeting))
    with transaction.atomic():
        # Once drafted, a save locks only the minutes row (it orders every save), reading the meeting
        # with it; the first save, which creates the minutes and moves the meeting on, locks the meeting
        # first as before. (Issue #12: an autosave costs at most 12 queries.)
        # A meeting the caller read past "held" cannot be held again: it is used as read (with its
        # subcommittee), not read again; one read as held is read with the lock (a concurrent first save
        # may have just moved it on).
        reuse = meeting.state != MeetingState.HELD
        locking = Minutes.objects.select_for_update(of=("self",)).filter(meeting_id=meeting.pk)
        if not reuse:
            locking = locking.select_related("meeting__subcommittee__province")
        minutes = locking.exclude(meeting__state=MeetingState.HELD).first()
        if minutes is not None and reuse:
            minutes.meeting = meeting
        if minutes is None:
            locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
            minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
            minutes = Minutes.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=minutes.pk)
        else:
            locked_meeting = minutes.meeting
        if minutes.adopted_on:
            raise ValidationError(_("รายงานการประชุมนี้รับรองแล้ว แก้ไขไม่ได้"))
        if minutes.version != base_version:
            theirs = minutes.versions.filter(number=minutes.version).first()
            base = minutes.versions.filter(number=base_version).first()
            raise MinutesConflict(
                current=minutes,
                base_version=base_version,
                changes_html=diff_html(
                    base.text if base else "",
                    theirs.text if theirs else "",
                    before_label=f"ฉบับที่ {base_version} (ที่ท่านเริ่มแก้ไข)",
                    after_label=f"ฉบับที่ {minutes.version} (ล่าสุด)",
                ),
                saved_by=str(minutes.updated_by or _("ผู้อื่น")),
            )
        # the agenda is read once: the items the text may name, their resolutions, the text's layout; the
        # text's frame (attendance, numbering, recusals) is kept until one of them changes
        read = items
        sections = agenda(locked_meeting, papers=False, items=read, conflicts=False)
        items = [it for s in sections for it in (s, *s.subitems)]
        frame = minutes_text_frame(
            locked_meeting, lambda: agenda(locked_meeting, papers=False, items=read if read is not None else items)
        )
        clean = _clean_content(meeting, content, item_ids={str(it.pk) for it in items})
        _correct_resolutions(actor=actor, meeting=locked_meeting, clean=clean, items=items)
        minutes.version += 1
        minutes.content = clean
        minutes.updated_by = actor
        # the meeting and the actor are the rows just read; uniqueness and the adoption constraints
        # are not touched by a draft (the database keeps them): no lookups for them
        minutes.full_clean(exclude=["meeting", "updated_by"], validate_unique=False, validate_constraints=False)
        minutes.save()
        index_later(minutes)  # search: one pending re-index per minutes, however often it autosaves
        version = MinutesVersion(
            minutes=minutes,
            number=minutes.version,
            content=clean,
            text=minutes_text(locked_meeting, clean, frame=frame),
            saved_by=actor,
        )
        version.full_clean(exclude=["minutes", "saved_by"], validate_unique=False, validate_constraints=False)
        version.save()
        audit.record(
            actor=actor,
            action="minutes.save",
            target=minutes,
            province=_province(locked_meeting),
            changes={"version": [base_version, minutes.version]},
        )
        moved = locked_meeting.state == MeetingState.HELD
        if moved:
            fire_transition(actor=actor, meeting=locked_meeting, name="draft_minutes")
    if moved:
        meeting.refresh_from_db()
    return minutes


MINUTES_TEXT_KEYS = (
    "start_time",
    "end_time",
    "opening",
    "recorder_name",
    "recorder_position",
    "checker_name",
    "checker_position",
)


def _correct_resolutions(*, actor, meeting: Meeting, clean: dict[str, Any], items=None) -> None:
    """A resolution corrected in the minutes is corrected everywhere: the one text, its old wording kept.

    ``items``: the agenda just read with its resolutions; only items whose text differs are locked and
    corrected (an autosave that changes no resolution costs no query here)."""
    texts = {k: v["resolution"] for k, v in clean["items"].items() if v.get("resolution")}
    if items is not None:
        loaded = {str(it.pk): it.resolution.text for it in items if _has_resolution(it)}
        texts = {k: v for k, v in texts.items() if k in loaded and loaded[k] != v}
    if not texts:
        return
    for res in Resolution.objects.select_for_update().filter(agenda_item__meeting=meeting, agenda_item_id__in=texts):
        new = texts[str(res.agenda_item_id)]
        if new == res.text:
            continue
        before = res.text
        if not res.wordings.exists():
            _add_wording(res, actor=res.recorded_by, source="record")  # the wording before the first correction
        res.text = new
        res.full_clean()
        res.save(update_fields=["text", "updated_at"])
        _add_wording(res, actor=actor, source="minutes")
        audit.record(
            actor=actor,
            action="resolution.correct",
            target=res,
            province=_province(meeting),
            changes={"text": [before, new]},
        )


def _has_resolution(item) -> bool:
    from meetings.selectors import has_resolution

    return has_resolution(item)


def _clean_content(meeting: Meeting, content: Mapping[str, Any], item_ids: set[str] | None = None) -> dict[str, Any]:
    if item_ids is None:
        item_ids = {str(pk) for pk in AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True)}
    out: dict[str, Any] = {k: str(content.get(k, "") or "").strip() for k in MINUTES_TEXT_KEYS}
    items = {}
    for key, value in (content.get("items") or {}).items():
        if str(key) in item_ids:
            items[str(key)] = {
                "discussion": str(value.get("discussion", "") or "").strip(),
                "resolution": str(value.get("resolution", "") or "").strip(),
            }
    out["items"] = items
    return out


def comment_on_minutes(*, actor, meeting: Meeting, text: str, agenda_item: AgendaItem | None = None) -> MinutesComment:
    """A member's correction to the circulated draft (kept with the version it refers to)."""
    _require(perms.can_comment_minutes(actor, meeting))
    if not str(text or "").strip():
        raise ValidationError({"text": _("กรุณาระบุข้อความที่ขอแก้ไข")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("ระเบียบวาระไม่ถูกต้อง")})
    with transaction.atomic():
        minutes = Minutes.objects.get(meeting=meeting)
        comment = MinutesComment(
            minutes=minutes, version_number=minutes.version, agenda_item=agenda_item, author=actor, text=text.strip()
        )
        comment.full_clean()
        comment.save()
        audit.record(actor=actor, action="minutes.comment", target=comment, province=_province(meeting))
    return comment


def adopt_minutes(
    *,
    actor,
    meeting: Meeting,
    method: str,
    adopted_on: dt.date,
    under_item: AgendaItem | None = None,
) -> Minutes:
    """Record adoption of the current version: under item 2 of a later meeting, at the same meeting, or by circulation.

    The adopted version is frozen from then on (services refuse; on PostgreSQL a trigger too).
    Adopting under a later meeting's item 2 links that item to these minutes.
    """
    if method not in AdoptionMethod.values:
        raise ValidationError({"method": _("กรุณาเลือกวิธีการรับรอง")})
    if adopted_on is None:
        raise ValidationError({"adopted_on": _("กรุณาระบุวันที่รับรอง")})
    meeting_day = timezone.localtime(meeting.starts_at).date()
    if adopted_on < meeting_day:
        raise ValidationError({"adopted_on": _("วันที่รับรองต้องไม่ก่อนวันประชุม")})
    if method == AdoptionMethod.NEXT_MEETING:
        if under_item is None:
            raise ValidationError({"under_item": _("กรุณาเลือกระเบียบวาระที่ 2 ของการประชุมครั้งที่รับรอง")})
        later = under_item.meeting
        if (
            later.subcommittee_id != meeting.subcommittee_id
            or later.starts_at <= meeting.starts_at
            or under_item.section_type != SectionType.ADOPT_MINUTES
            or later.state == MeetingState.CANCELLED
        ):
            raise ValidationError({"under_item": _("ต้องเป็นวาระรับรองรายงานการประชุมของการประชุมครั้งหลังของคณะเดียวกัน")})
    else:
        under_item = None
    with transaction.atomic():
        try:
            fire_transition(actor=actor, meeting=meeting, name="adopt")
        except TransitionRefused as exc:
            if perms.can_manage_meeting(actor, meeting) or "chair" in perms.roles_on(actor, meeting):
                raise ValidationError(exc.messages[0]) from None
            raise PermissionDenied(exc.messages[0]) from None
        minutes = Minutes.objects.select_for_update().get(meeting=meeting)
        minutes.adopted_on = adopted_on
        minutes.adoption_method = method
        minutes.adopted_version = minutes.version
        minutes.adopted_under_item = under_item
        minutes.adopted_by = actor
        minutes.full_clean()
        minutes.save()
        index_later(minutes)  # search
        ledger.services.append(
            kind="minutes", record=minutes.versions.get(number=minutes.version), actor=actor
        )  # ledger hook (issue 15)
        if under_item is not None and under_item.minutes_to_adopt_id != meeting.pk:
            AgendaItem.objects.filter(pk=under_item.pk, minutes_to_adopt__isnull=True).update(minutes_to_adopt=meeting)
        audit.record(
            actor=actor,
            action="minutes.adopt",
            target=minutes,
            province=_province(meeting),
            changes={
                "adopted_version": [None, minutes.version],
                "adoption_method": [None, method],
                "adopted_on": [None, adopted_on],
            },
        )
        notify_on_commit("minutes_adopted", meeting.pk)
    return minutes
