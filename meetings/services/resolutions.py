"""Resolutions (one text, every wording kept) and conflicts of interest."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import ledger.services  # ledger hook (issue 15)
from committees.models import Member
from core import audit
from meetings import permissions as perms
from meetings.choices import MeetingState, ResolutionOutcome
from meetings.models import (
    AgendaItem,
    ConflictOfInterest,
    Meeting,
    Minutes,
    Resolution,
    ResolutionWording,
)
from meetings.services.common import (
    _province,
    _require,
)

# --- Resolutions and conflicts ---------------------------------------------------


def _minutes_adopted(meeting: Meeting) -> bool:
    return (
        meeting.state == MeetingState.ADOPTED
        or Minutes.objects.filter(meeting=meeting, adopted_on__isnull=False).exists()
    )


def _add_wording(res: Resolution, *, actor, source: str, new: bool = False) -> None:
    """Keep this wording in the resolution's history (called whenever its text changes).

    ``new``: the resolution was created in this transaction, so it has no wording yet (none is looked up)."""
    last = None if new else res.wordings.order_by("-number").first()
    if last and last.text == res.text:
        return
    ResolutionWording.objects.create(
        resolution=res, number=(last.number + 1) if last else 1, text=res.text, source=source, changed_by=actor
    )


def record_resolution(
    *, actor, agenda_item: AgendaItem, outcome: str, text: str, discussion: str = "", source: str = "record"
) -> Resolution:
    """Create or update the resolution (มติที่ประชุม) on an item and return it.

    Other apps rely on: one resolution per item (updated in place while the
    minutes are not adopted); an empty ``text`` or an unknown ``outcome`` is a
    ``ValidationError``; after adoption any change is refused; each change is audited.
    """
    meeting = agenda_item.meeting
    if _minutes_adopted(meeting):
        raise ValidationError(_("รายงานการประชุมนี้รับรองแล้ว แก้ไขมติที่ประชุมไม่ได้"))
    _require(perms.can_record_resolution(actor, meeting))
    if not str(text or "").strip():
        raise ValidationError({"text": _("กรุณาระบุมติที่ประชุม")})
    if outcome not in ResolutionOutcome.values:
        raise ValidationError({"outcome": _("กรุณาเลือกผลการพิจารณา")})
    fields = ["outcome", "text", "discussion"]
    with transaction.atomic():
        res = Resolution.objects.select_for_update().filter(agenda_item=agenda_item).first()
        before = audit.snapshot(res, fields) if res else {}
        res = res or Resolution(agenda_item=agenda_item)
        res.outcome, res.text, res.discussion, res.recorded_by = outcome, text.strip(), discussion.strip(), actor
        # the item is the caller's, the recorder the actor, the one resolution per item was just looked up under
        # lock, and its two constraints (a known outcome, a text) were checked above with Thai messages: the
        # database keeps them all, so full_clean does not ask it again (issue #12's write budgets)
        res.full_clean(exclude=["agenda_item", "recorded_by"], validate_unique=False, validate_constraints=False)
        res.save()
        ledger.services.append(kind="resolution", record=res, actor=actor)  # ledger hook (issue 15)
        _add_wording(res, actor=actor, source=source, new=not before)
        audit.record(
            actor=actor,
            action="resolution.record",
            target=res,
            province=_province(meeting),
            changes=audit.diff(before, audit.snapshot(res, fields)),
        )
    return res


def declare_conflict(*, actor, agenda_item: AgendaItem, member: Member, reason: str) -> ConflictOfInterest:
    """Record a member's conflict of interest in one item and return it.

    Other apps rely on: from then on the member is excluded from the item's
    quorum (``selectors.item_quorum``) and must not vote on it; a second
    declaration for the same item and member is refused; the reason is required.
    """
    meeting = agenda_item.meeting
    _require(perms.can_declare_conflict(actor, meeting, member))
    if member.subcommittee_id != meeting.subcommittee_id:
        raise ValidationError({"member": _("ไม่ใช่อนุกรรมการของคณะนี้")})
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุแห่งการมีส่วนได้เสีย")})
    with transaction.atomic():
        if ConflictOfInterest.objects.filter(agenda_item=agenda_item, member=member).exists():
            raise ValidationError({"member": f"{member.full_name} แจ้งการมีส่วนได้เสียในวาระนี้ไว้แล้ว"})
        coi = ConflictOfInterest(agenda_item=agenda_item, member=member, reason=reason.strip(), declared_by=actor)
        coi.full_clean()
        coi.save()
        audit.record(
            actor=actor,
            action="conflict.declare",
            target=coi,
            province=_province(meeting),
            changes={"member": [None, member.full_name], "reason": [None, coi.reason]},
        )
    return coi
