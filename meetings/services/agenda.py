"""The agenda: sections, sub-items, withdrawing items, papers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import audit
from core.uploads import fill_stored_file, validate_upload
from meetings import permissions as perms
from meetings.choices import MeetingState, SectionType
from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Meeting,
)
from meetings.services.common import (
    _province,
    _require,
)
from notifications.services import notify_on_commit  # people (issue #10)

# --- Agenda -------------------------------------------------------------------


def _section(meeting: Meeting, section_type: str) -> AgendaItem:
    section = (
        AgendaItem.objects.select_for_update()
        .filter(meeting=meeting, parent__isnull=True, section_type=section_type)
        .order_by("order")
        .first()
    )
    if section:
        return section
    last = AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).aggregate(n=Max("order"))["n"] or 0
    with translation.override("th"):  # agenda headings are the Thai document's own words
        title = str(SectionType(section_type).label)
    section = AgendaItem(meeting=meeting, section_type=section_type, order=last + 1, title=title)
    section.full_clean()
    section.save()
    return section


def add_agenda_item(
    *,
    actor,
    meeting: Meeting,
    section_type: str,
    title: str,
    description: str = "",
    presenter: str = "",
    parent: AgendaItem | None = None,
) -> AgendaItem:
    """Add a sub-item (5.1, 5.2 …) under the meeting's section of ``section_type`` and return it.

    Other apps rely on: the section is created if the agenda lacks it; the new
    item is numbered after the section's last sub-item; ``parent`` (a section of
    this meeting) overrides the section lookup. Refused once the minutes are
    adopted or the meeting is cancelled.
    """
    _require(perms.can_edit_agenda(actor, meeting))
    if section_type not in SectionType.values:
        raise ValidationError({"section_type": _("ประเภทวาระไม่ถูกต้อง")})
    if not str(title).strip():
        raise ValidationError({"title": _("กรุณาระบุเรื่อง")})
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if parent is not None:
            if parent.meeting_id != meeting.pk or parent.parent_id is not None:
                raise ValidationError({"parent": _("ระเบียบวาระหลักต้องเป็นวาระของการประชุมนี้")})
            section = parent
        else:
            section = _section(meeting, section_type)
        last = section.children.filter(withdrawn_at__isnull=True).aggregate(n=Max("order"))["n"] or 0
        item = AgendaItem(
            meeting=meeting,
            parent=section,
            section_type=section.section_type,
            order=last + 1,
            title=title.strip(),
            description=description,
            presenter=presenter,
        )
        item.full_clean()
        item.save()
        audit.record(
            actor=actor,
            action="agenda.add",
            target=item,
            province=_province(meeting),
            changes=audit.diff({}, {"number": item.number, "title": item.title}),
        )
    return item


WITHDRAWN_ORDER_BASE = 1000
"""Withdrawn sub-items leave the numbering: kept at 1000+ so the others close up (4.3 becomes 4.2)."""


def withdraw_agenda_item(*, actor, item: AgendaItem, reason: str) -> AgendaItem:
    """Withdraw a sub-item before the meeting is held: kept, marked withdrawn, the items after it renumbered.

    Refused once the meeting is held (the record of what was discussed stays as it
    was), for a section, and without a reason. An open vote on it takes no more entries.
    """
    meeting = item.meeting
    _require(perms.can_manage_meeting(actor, meeting))
    if meeting.state != MeetingState.SCHEDULED:
        raise ValidationError(_("ถอนระเบียบวาระได้เฉพาะก่อนการประชุม เมื่อประชุมแล้วถอนไม่ได้"))
    if item.parent_id is None:
        raise ValidationError(_("ถอนได้เฉพาะเรื่องในระเบียบวาระ ไม่ใช่หัวข้อระเบียบวาระหลัก"))
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุที่ถอนระเบียบวาระ")})
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("parent").get(pk=item.pk)
        if locked.withdrawn_at:
            raise ValidationError(_("ระเบียบวาระนี้ถอนไปแล้ว"))
        number = locked.number
        siblings = AgendaItem.objects.filter(parent_id=locked.parent_id)
        top = siblings.aggregate(n=Max("order"))["n"] or 0
        old_order = locked.order
        locked.order = max(top, WITHDRAWN_ORDER_BASE) + 1
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason.strip()[:300]
        locked.withdrawn_by = actor
        locked.full_clean()
        locked.save()
        for sib in siblings.filter(withdrawn_at__isnull=True, order__gt=old_order).order_by("order"):
            AgendaItem.objects.filter(pk=sib.pk).update(order=sib.order - 1)
        audit.record(
            actor=actor,
            action="agenda.withdraw",
            target=locked,
            province=_province(meeting),
            changes={"number": [number, None], "reason": [None, locked.withdrawn_reason]},
        )
        _release_what_it_carried(actor=actor, item=locked, number=number)
    return locked


def _release_what_it_carried(*, actor, item: AgendaItem, number: str) -> None:
    """A proposal, plan or report tabled under the withdrawn item leaves "tabled", so it can be tabled again."""
    from actionplans.services import withdraw_from_agenda
    from fundproposals.services.agenda_items import untable_withdrawn

    reason = f"ถอนระเบียบวาระที่ {number} ออกจาก{item.meeting}: {item.withdrawn_reason}"
    untable_withdrawn(actor=actor, agenda_item=item, reason=reason)
    withdraw_from_agenda(actor=actor, agenda_item=item, reason=reason)


def remove_paper(*, actor, paper: AgendaPaper, reason: str = "") -> AgendaPaper:
    """Take a paper off its item before the meeting is held (the file is kept, marked removed)."""
    meeting = paper.agenda_item.meeting
    _require(perms.can_manage_meeting(actor, meeting))
    if meeting.state != MeetingState.SCHEDULED:
        raise ValidationError(_("นำเอกสารออกได้เฉพาะก่อนการประชุม เมื่อประชุมแล้วนำออกไม่ได้"))
    with transaction.atomic():
        locked = AgendaPaper.objects.select_for_update().get(pk=paper.pk)
        if locked.removed_at:
            raise ValidationError(_("นำเอกสารนี้ออกไปแล้ว"))
        locked.removed_at = timezone.now()
        locked.removed_by = actor
        locked.save(update_fields=["removed_at", "removed_by"])
        audit.record(
            actor=actor,
            action="agenda.remove_paper",
            target=locked.agenda_item,
            province=_province(meeting),
            changes={"paper": [locked.display_name, None], "reason": [None, reason]},
        )
    return locked


def update_agenda_item(
    *,
    actor,
    item: AgendaItem,
    title: str,
    description: str = "",
    presenter: str = "",
    minutes_to_adopt: Meeting | None = None,
) -> AgendaItem:
    """Edit a section's or sub-item's title, description, presenter (and, for item 2, which minutes it adopts)."""
    meeting = item.meeting
    _require(perms.can_edit_agenda(actor, meeting))
    if not str(title).strip():
        raise ValidationError({"title": _("กรุณาระบุเรื่อง")})
    fields = ["title", "description", "presenter", "minutes_to_adopt"]
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).select_related("parent").get(pk=item.pk)
        before = audit.snapshot(locked, fields)
        locked.title, locked.description, locked.presenter = title.strip(), description, presenter
        if locked.section_type == SectionType.ADOPT_MINUTES and locked.parent_id is None:
            if minutes_to_adopt is not None and (
                minutes_to_adopt.subcommittee_id != meeting.subcommittee_id
                or minutes_to_adopt.starts_at >= meeting.starts_at
            ):
                raise ValidationError({"minutes_to_adopt": _("เลือกได้เฉพาะการประชุมครั้งก่อนของคณะนี้")})
            locked.minutes_to_adopt = minutes_to_adopt
        locked.full_clean()
        locked.save()
        audit.record(
            actor=actor,
            action="agenda.update",
            target=locked,
            province=_province(meeting),
            changes=audit.diff(before, audit.snapshot(locked, fields)),
        )
    return locked


def swap_sections(*, actor, meeting: Meeting) -> None:
    """Swap sections 3 and 4 (เรื่องสืบเนื่อง and เรื่องเพื่อทราบ), as some bodies order them; sub-items follow."""
    _require(perms.can_edit_agenda(actor, meeting))
    with transaction.atomic():
        sections = {
            s.section_type: s
            for s in AgendaItem.objects.select_for_update().filter(
                meeting=meeting,
                parent__isnull=True,
                section_type__in=[SectionType.FOLLOW_UP, SectionType.FOR_INFORMATION],
            )
        }
        a, b = sections.get(SectionType.FOLLOW_UP), sections.get(SectionType.FOR_INFORMATION)
        if not a or not b:
            raise ValidationError(_("ระเบียบวาระนี้ไม่มีทั้งเรื่องสืบเนื่องและเรื่องเพื่อทราบ"))
        first, second = a.order, b.order
        temp = (AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0) + 100
        AgendaItem.objects.filter(pk=a.pk).update(order=temp)
        AgendaItem.objects.filter(pk=b.pk).update(order=first)
        AgendaItem.objects.filter(pk=a.pk).update(order=second)
        _numbering_changed()
        audit.record(
            actor=actor,
            action="agenda.swap",
            target=meeting,
            province=_province(meeting),
            changes={"follow_up": [first, second], "for_information": [second, first]},
        )


def add_paper(*, actor, agenda_item: AgendaItem, file) -> AgendaPaper:
    """Attach a paper to an item; the file is checked by content (``core.uploads``)."""
    meeting = agenda_item.meeting
    _require(perms.can_edit_agenda(actor, meeting))
    info = getattr(file, "upload_info", None) or validate_upload(file)
    with transaction.atomic():
        paper = AgendaPaper(agenda_item=agenda_item, uploaded_by=actor)
        fill_stored_file(paper, file, info)
        paper.full_clean()
        paper.save()
        audit.record(
            actor=actor,
            action="agenda.paper",
            target=paper,
            province=_province(meeting),
            changes={"item": [None, agenda_item.number], "file": [None, info.display_name]},
        )
        notify_on_commit("papers_added", meeting.pk, str(paper.pk))
    return paper


def _numbering_changed() -> None:
    """Items renumbered by ``update()`` (no signal): what is kept under the agenda's data version
    (the minutes' text frame, report fingerprints) is computed again."""
    from reports.documents import freshness

    freshness.changed(AgendaItem)
