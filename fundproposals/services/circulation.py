"""Resolutions taken by circulation (เวียนมติ) are reported at the next meeting under เรื่องเพื่อทราบ."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from fundproposals.choices import BallotMode, BallotState
from fundproposals.models import Ballot
from fundproposals.services.common import project_name


def report_circulated(*, actor, ballot_id: int, meeting):
    """Add the circulated result as a sub-item of section 4 (เรื่องเพื่อทราบ) of ``meeting`` and return the item.

    The item carries the result as its description; its minutes start from it
    (``reports_circulation``). A ballot is reported once; another province's
    meeting, an open or an in-meeting vote are refused.
    """
    from meetings.choices import SectionType
    from meetings.models import AgendaItem
    from meetings.services import add_agenda_item

    with transaction.atomic():
        ballot = Ballot.objects.select_for_update(of=("self",)).select_related("proposal__province").get(pk=ballot_id)
        if ballot.mode != BallotMode.CIRCULATION or ballot.state != BallotState.CLOSED:
            raise ValidationError(_("รายงานต่อที่ประชุมได้เฉพาะมติที่ได้จากการเวียนมติซึ่งปิดแล้ว"))
        if ballot.proposal.province_id != meeting.subcommittee.province_id:
            raise ValidationError(_("มติเวียนนี้เป็นของคณะอนุกรรมการจังหวัดอื่น"))
        if ballot.reported_under_item_id:
            raise ValidationError(_("มติเวียนนี้รายงานต่อที่ประชุมแล้ว"))
        p = ballot.proposal
        item = add_agenda_item(
            actor=actor,
            meeting=meeting,
            section_type=SectionType.FOR_INFORMATION,
            title=f"ผลการเวียนมติ{project_name(p)} ({p.code})"[:500],
            description=ballot.result_text,
            presenter="ฝ่ายเลขานุการ",
        )
        AgendaItem.objects.filter(pk=item.pk).update(reports_circulation=True)
        item.reports_circulation = True
        ballot.reported_under_item = item
        ballot.save(update_fields=["reported_under_item", "updated_at"])
        audit.record(
            actor=actor,
            action="ballot.reported",
            target=p,
            province=p.province,
            changes={"reported": [None, f"{meeting.label} ระเบียบวาระที่ {item.number}"]},
        )
    return item
