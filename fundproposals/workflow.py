"""The proposal's review workflow as one table (states, transitions, roles, guards).

Executed only by ``core.workflow.fire`` through ``fundproposals.services``. The
roles here are roles *on one proposal*: ``proposer`` is its owner (not anyone
holding a proposer grant), ``system`` is the deadline sweep.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.choices import Role
from core.workflow import Workflow, transition
from fundproposals.choices import FUNDED_DECISIONS, PASSING_DECISIONS, Decision
from fundproposals.choices import ProposalState as S

PROPOSER = "proposer"
SECRETARIAT = Role.SECRETARIAT.value
CHAIR = Role.CHAIR.value
NATIONAL = Role.NATIONAL.value
MEMBER = Role.MEMBER.value
VIEWER = Role.VIEWER.value
SYSTEM = "system"
WORKFLOW_ROLES = (PROPOSER, SECRETARIAT, CHAIR, NATIONAL, MEMBER, VIEWER, SYSTEM)

# Before the subcommittee or the fund decides, the proposer may withdraw.
WITHDRAWABLE = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNDER_REVIEW, S.TABLED)


def roles_on(user, proposal) -> frozenset[str]:
    """The roles ``user`` holds on ``proposal`` (None is the system's deadline sweep)."""
    if user is None:
        return frozenset({SYSTEM})
    roles = set(user.access.roles_in(proposal.province_id))
    roles.discard(Role.PROPOSER)  # a grant lets one propose; only the owner acts as this proposal's proposer
    if proposal.proposer_id == user.pk:
        roles.add(PROPOSER)
    return frozenset(roles)


def _ready_to_submit(proposal, ctx: dict[str, Any]) -> str | None:
    from fundproposals.validation import submission_problems

    problems = submission_problems(proposal)
    return problems[0] if problems else None


def _checklist_complete(proposal, ctx: dict[str, Any]) -> str | None:
    from fundproposals.choices import CHECKLIST

    checked = ctx.get("checklist") or {}
    missing = [str(label) for key, label in CHECKLIST if not checked.get(key)]
    if missing:
        return (
            _("ยังตรวจความครบถ้วนไม่ครบทุกข้อ: ")
            + ", ".join(str(m) for m in missing)
            + _(" (หากเอกสารไม่ครบ ให้ส่งกลับให้ปรับปรุง)")
        )
    return None


def _meeting_given(proposal, ctx: dict[str, Any]) -> str | None:
    meeting = ctx.get("meeting")
    if meeting is None:
        return _("กรุณาเลือกการประชุมที่จะบรรจุระเบียบวาระ")
    if meeting.subcommittee.province_id != proposal.province_id:
        return _("การประชุมนี้ไม่ใช่ของคณะอนุกรรมการจังหวัดเดียวกับโครงการ")
    if meeting.state not in ("scheduled", "held"):
        return _("บรรจุระเบียบวาระได้เฉพาะการประชุมที่ยังไม่ได้จัดทำรายงานการประชุม")
    return None


def _deadline_ahead(proposal, ctx: dict[str, Any]) -> str | None:
    deadline = ctx.get("deadline")
    if deadline is None or deadline <= timezone.now():
        return _("กำหนดเวลาลงมติต้องเป็นเวลาในอนาคต")
    return None


# Resolutions are recorded once the meeting is under way (meetings' own rule).
VOTING_MEETING_STATES = ("held", "minutes_drafted", "circulated")


def _meeting_under_way(proposal, ctx: dict[str, Any]) -> str | None:
    if proposal.agenda_item_id is None:
        return _("ยังไม่ได้บรรจุโครงการในระเบียบวาระการประชุม")
    if proposal.agenda_item.meeting.state not in VOTING_MEETING_STATES:
        return _("เปิดการลงมติได้เมื่อฝ่ายเลขานุการบันทึกว่าเริ่มประชุมแล้ว")
    return None


def _ballot_decided(proposal, ctx: dict[str, Any]) -> str | None:
    ballot = ctx.get("ballot")
    if ballot is None or not ballot.result:
        return _("การลงมติยังไม่ได้ข้อยุติ")
    return None


def _ballot_undecided(proposal, ctx: dict[str, Any]) -> str | None:
    ballot = ctx.get("ballot")
    if ballot is None or ballot.result:
        return _("การลงมติได้ข้อยุติแล้ว")
    return None


def _passed(proposal, ctx: dict[str, Any]) -> str | None:
    if proposal.decision not in PASSING_DECISIONS:
        return _("ส่งกองทุนได้เฉพาะโครงการที่คณะอนุกรรมการเห็นชอบหรือเห็นชอบในหลักการ")
    return None


def _needs_details(proposal, ctx: dict[str, Any]) -> str | None:
    if proposal.decision != Decision.MORE_INFO:
        return _("ส่งกลับได้เฉพาะโครงการที่มีมติขอรายละเอียดเพิ่มเติม")
    return None


def _funded(proposal, ctx: dict[str, Any]) -> str | None:
    if proposal.fund_decision not in FUNDED_DECISIONS:
        return _("ทำสัญญาได้เฉพาะโครงการที่กองทุนอนุมัติ")
    return None


def _stamp_received(proposal, actor, ctx: dict[str, Any]) -> None:
    from fundproposals.services import stamp_submission

    stamp_submission(proposal, actor)


def _set_decision(proposal, actor, ctx: dict[str, Any]) -> None:
    ballot = ctx["ballot"]
    proposal.decision = ballot.result
    proposal.recommended_amount = ctx.get("recommended_amount")


def _set_forwarded(proposal, actor, ctx: dict[str, Any]) -> None:
    proposal.forwarded_on = timezone.localdate()


def _set_fields(proposal, actor, ctx: dict[str, Any]) -> None:
    for name, value in (ctx.get("fields") or {}).items():
        setattr(proposal, name, value)


def _off_the_agenda(proposal, actor, ctx: dict[str, Any]) -> None:
    # the withdrawn item is kept (struck out) and the audit record names it; the proposal may be tabled again
    proposal.agenda_item = None


PROPOSAL_WORKFLOW = Workflow(
    transitions=(
        transition(
            "submit",
            gettext_lazy("ยื่นโครงการ"),
            sources=[S.DRAFT],
            target=S.SUBMITTED,
            roles=[PROPOSER, SECRETARIAT],
            guards=[_ready_to_submit],
            effect=_stamp_received,
        ),
        transition(
            "resubmit",
            gettext_lazy("ยื่นโครงการที่ปรับปรุงแล้ว"),
            sources=[S.RETURNED],
            target=S.SUBMITTED,
            roles=[PROPOSER, SECRETARIAT],
            guards=[_ready_to_submit],
            effect=_stamp_received,
        ),
        transition(
            "return",
            gettext_lazy("ส่งกลับให้ปรับปรุง"),
            sources=[S.SUBMITTED],
            target=S.RETURNED,
            roles=[SECRETARIAT],
            needs_reason=True,
            style="warning",
        ),
        transition(
            "accept",
            gettext_lazy("ส่งให้อนุกรรมการพิจารณา"),
            sources=[S.SUBMITTED],
            target=S.UNDER_REVIEW,
            roles=[SECRETARIAT],
            guards=[_checklist_complete],
            effect=_set_fields,
        ),
        transition(
            "table",
            gettext_lazy("บรรจุระเบียบวาระการประชุม"),
            sources=[S.UNDER_REVIEW],
            target=S.TABLED,
            roles=[SECRETARIAT],
            guards=[_meeting_given],
            effect=_set_fields,
        ),
        transition(
            # fired by the system when the secretariat withdraws the item from the agenda before the meeting
            "untable",
            gettext_lazy("ถอนออกจากระเบียบวาระการประชุม"),
            sources=[S.TABLED],
            target=S.UNDER_REVIEW,
            roles=[SYSTEM],
            needs_reason=True,
            effect=_off_the_agenda,
        ),
        transition(
            "circulate",
            gettext_lazy("เวียนมติ"),
            sources=[S.UNDER_REVIEW],
            target=S.VOTING,
            roles=[SECRETARIAT],
            guards=[_deadline_ahead],
        ),
        transition(
            "open_vote",
            gettext_lazy("เปิดการลงมติในที่ประชุม"),
            sources=[S.TABLED],
            target=S.VOTING,
            roles=[CHAIR, SECRETARIAT],
            guards=[_meeting_under_way],
        ),
        transition(
            "close_vote",
            gettext_lazy("ปิดการลงมติ"),
            sources=[S.VOTING],
            target=S.RESOLVED,
            roles=[CHAIR, SECRETARIAT, SYSTEM],
            guards=[_ballot_decided],
            effect=_set_decision,
        ),
        transition(
            "void_vote",
            gettext_lazy("ปิดการลงมติโดยไม่ได้ข้อยุติ"),
            sources=[S.VOTING],
            target=S.UNDER_REVIEW,
            roles=[CHAIR, SECRETARIAT, SYSTEM],
            guards=[_ballot_undecided],
            style="warning",
        ),
        transition(
            "return_for_details",
            gettext_lazy("ส่งกลับให้ชี้แจงรายละเอียดตามมติ"),
            sources=[S.RESOLVED],
            target=S.RETURNED,
            roles=[SECRETARIAT],
            guards=[_needs_details],
            needs_reason=True,
            style="warning",
        ),
        transition(
            "forward",
            gettext_lazy("ส่งโครงการให้กองทุน"),
            sources=[S.RESOLVED],
            target=S.FORWARDED,
            roles=[SECRETARIAT],
            guards=[_passed],
            effect=_set_forwarded,
        ),
        transition(
            "fund_decision",
            gettext_lazy("บันทึกผลการพิจารณาของกองทุน"),
            sources=[S.FORWARDED],
            target=S.FUND_DECIDED,
            roles=[SECRETARIAT, NATIONAL],
            effect=_set_fields,
        ),
        transition(
            "contract",
            gettext_lazy("บันทึกสัญญา"),
            sources=[S.FUND_DECIDED],
            target=S.CONTRACTED,
            roles=[SECRETARIAT, NATIONAL],
            guards=[_funded],
            effect=_set_fields,
        ),
        transition(
            "report",
            gettext_lazy("รายงานผลการดำเนินโครงการ"),
            sources=[S.CONTRACTED],
            target=S.REPORTED,
            roles=[PROPOSER, SECRETARIAT],
            effect=_set_fields,
        ),
        transition(
            "withdraw",
            gettext_lazy("ถอนโครงการ"),
            sources=WITHDRAWABLE,
            target=S.WITHDRAWN,
            roles=[PROPOSER],
            needs_reason=True,
            style="danger",
        ),
    )
)

# Transitions a person fires with the generic confirm page (a reason or nothing more);
# the others have their own forms (checklist, meeting, deadline, ballot, fund, contract, report).
SIMPLE_TRANSITIONS = ("submit", "resubmit", "return", "return_for_details", "forward", "withdraw")
