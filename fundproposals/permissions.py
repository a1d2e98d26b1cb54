"""Who may do what with a fund proposal; each predicate says why it refuses.

Workflow steps are judged by the workflow table itself (``can_fire``), so a
button shown and a step allowed can never disagree.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from committees.choices import Role
from core.permissions import ALLOW, Verdict, deny
from fundproposals.choices import DEVICE_METHODS, ENTRY_METHODS, BallotMode, ProposalState, VoteMethod
from fundproposals.workflow import PROPOSAL_WORKFLOW, roles_on

EDITABLE_STATES = (ProposalState.DRAFT, ProposalState.RETURNED)
REVIEW_STATES = (ProposalState.UNDER_REVIEW, ProposalState.TABLED, ProposalState.VOTING)
SUBCOMMITTEE_ROLES = (Role.SECRETARIAT, Role.CHAIR, Role.MEMBER)


def can_view_proposal(user, proposal) -> Verdict:
    access = user.access
    if access.is_national or access.can_read_province(proposal.province_id):
        return ALLOW
    if proposal.proposer_id == user.pk:
        return ALLOW
    return deny(_("ไม่พบโครงการนี้ในขอบเขตของท่าน"))


def proposable_province_ids(user) -> set[int]:
    """Provinces where the user may start a proposal (a proposer grant, or the secretariat on an agency's behalf)."""
    return user.access.province_ids(Role.PROPOSER, Role.SECRETARIAT)


def can_create_proposal(user) -> Verdict:
    if proposable_province_ids(user):
        return ALLOW
    return deny(_("ท่านไม่มีสิทธิ์เสนอโครงการ"))


def can_edit_proposal(user, proposal) -> Verdict:
    if proposal.state not in EDITABLE_STATES:
        return deny(_("แก้ไขโครงการได้เฉพาะเมื่อเป็นร่างหรือถูกส่งกลับให้ปรับปรุง"))
    roles = roles_on(user, proposal)
    if "proposer" in roles or Role.SECRETARIAT in roles:
        return ALLOW
    return deny(_("เฉพาะผู้เสนอโครงการหรือฝ่ายเลขานุการเท่านั้นที่แก้ไขโครงการได้"))


def can_add_photo(user, proposal) -> Verdict:
    """Results photos go with the results report (after the contract)."""
    if proposal.state != ProposalState.CONTRACTED:
        return deny(_("แนบภาพผลการดำเนินงานได้เมื่อทำสัญญาแล้ว"))
    roles = roles_on(user, proposal)
    if "proposer" in roles or Role.SECRETARIAT in roles:
        return ALLOW
    return deny(_("เฉพาะผู้เสนอโครงการหรือฝ่ายเลขานุการเท่านั้น"))


def can_fire(user, proposal, name: str, context: dict | None = None) -> Verdict:
    """May ``user`` take workflow step ``name`` on ``proposal`` now (reason-needing steps: reason assumed)?"""
    ctx = dict(context or {})
    t = PROPOSAL_WORKFLOW.get(name)
    if t.needs_reason:
        ctx.setdefault("reason", "-")
    verdict = PROPOSAL_WORKFLOW.check(proposal, name, roles_on(user, proposal), ctx)
    return verdict


def can_step(user, proposal, name: str) -> Verdict:
    """Like ``can_fire`` but without the guards that depend on what the form will say (for showing a form)."""
    t = PROPOSAL_WORKFLOW.get(name)
    if proposal.state not in t.sources:
        return deny(_("ทำ “%(label)s” ไม่ได้ในสถานะปัจจุบัน") % {"label": t.label})
    if not t.roles & roles_on(user, proposal):
        return deny(_("ท่านไม่มีสิทธิ์ “%(label)s”") % {"label": t.label})
    return ALLOW


def can_see_votes(user, proposal) -> Verdict:
    """Who voted what: the subcommittee (secretariat, chair, members). Everyone else in scope sees the tally."""
    if user.access.has(proposal.province_id, *SUBCOMMITTEE_ROLES):
        return ALLOW
    return deny(_("เฉพาะคณะอนุกรรมการเท่านั้นที่ดูการลงมติรายบุคคลได้"))


def can_review_proposal(user, proposal, seat) -> Verdict:
    if seat is None:
        return deny(_("เฉพาะอนุกรรมการของจังหวัดเท่านั้นที่ให้ความเห็นได้"))
    if proposal.state not in REVIEW_STATES:
        return deny(_("ให้ความเห็นได้เมื่อโครงการอยู่ระหว่างอนุกรรมการพิจารณา"))
    return ALLOW


def can_close_ballot(user, ballot) -> Verdict:
    """The chair closes any vote; the secretariat writes down what the room decided (not devices-only votes)."""
    if not ballot.is_open:
        return deny(_("ปิดการลงมติไปแล้ว"))
    province_id = ballot.province_id
    if user.access.has(province_id, Role.CHAIR):
        return ALLOW
    if user.access.has(province_id, Role.SECRETARIAT) and ballot.method != VoteMethod.DEVICES:
        return ALLOW
    return deny(_("เฉพาะประธานอนุกรรมการเท่านั้นที่ปิดการลงมติได้"))


def can_cast_vote(user, ballot, *, seat, electorate) -> Verdict:
    """A member's own vote on their device: open ballot, a method that takes it, present, current, not recused."""
    if not ballot.is_open:
        return deny(_("การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"))
    if ballot.deadline_passed:
        return deny(_("พ้นกำหนดเวลาลงมติแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"))
    if ballot.method not in DEVICE_METHODS:
        return deny(_("เรื่องนี้ลงมติโดยวิธี%(method)s ฝ่ายเลขานุการเป็นผู้บันทึก") % {"method": ballot.get_method_display()})
    if seat is None:
        return deny(_("ท่านไม่ใช่อนุกรรมการของจังหวัดนี้ จึงไม่มีสิทธิ์ลงมติ"))
    if seat.pk in electorate.conflicted:
        return deny(_("ท่านได้แจ้งว่ามีส่วนได้เสียในเรื่องนี้ จึงไม่มีสิทธิ์ลงมติ"))
    if seat.pk not in electorate.present:
        return deny(_("ท่านไม่ได้อยู่ในที่ประชุม จึงไม่มีสิทธิ์ลงมติในเรื่องนี้"))
    return ALLOW


def is_vote_recorder(user, ballot) -> Verdict:
    """The secretariat of the ballot's province (who records the room's votes)."""
    if user.access.has(ballot.province_id, Role.SECRETARIAT):
        return ALLOW
    return deny(_("เฉพาะฝ่ายเลขานุการเท่านั้นที่บันทึกการลงมติแทนอนุกรรมการได้"))


def can_record_votes(user, ballot) -> Verdict:
    """The secretariat enters the room's votes: roll call, mixed (for members without a device) or a show of hands."""
    verdict = is_vote_recorder(user, ballot)
    if not verdict:
        return verdict
    if not ballot.is_open:
        return deny(_("การลงมตินี้ปิดแล้ว ไม่สามารถลงมติหรือเปลี่ยนการลงมติได้"))
    if ballot.mode != BallotMode.MEETING or ballot.method not in (ENTRY_METHODS | {VoteMethod.SHOW_OF_HANDS}):
        return deny(_("เรื่องนี้ลงมติโดยวิธี%(method)s ฝ่ายเลขานุการบันทึกแทนไม่ได้") % {"method": ballot.get_method_display()})
    return ALLOW


# Agenda sections whose items the room decides (5 เรื่องเพื่อพิจารณา, 6 เรื่องอื่น ๆ).
DECIDED_SECTIONS = frozenset({"for_consideration", "other"})


def can_open_meeting_ballots(user, meeting) -> Verdict:
    """Only the chair or the secretariat of the meeting's province opens a decision on one of its agenda items."""
    if not user.access.has(meeting.subcommittee.province_id, Role.CHAIR, Role.SECRETARIAT):
        return deny(_("เฉพาะประธานหรือฝ่ายเลขานุการเท่านั้นที่เปิดการลงมติได้"))
    return ALLOW


def can_open_item_ballot(user, item, *, ballots, has_proposal: bool) -> Verdict:
    """The chair or the secretariat opens a decision on an agenda item that has no proposal (a plan, a
    situation report, any item of section 5 or 6), once the meeting is under way; ``ballots`` are the item's."""
    from fundproposals.workflow import VOTING_MEETING_STATES

    meeting = item.meeting
    who = can_open_meeting_ballots(user, meeting)
    if not who:
        return who
    if item.parent_id is None or item.section_type not in DECIDED_SECTIONS:
        return deny(_("ลงมติได้เฉพาะเรื่องในระเบียบวาระเพื่อพิจารณาและเรื่องอื่น ๆ"))
    if item.withdrawn_at:
        return deny(_("ระเบียบวาระนี้ถอนออกแล้ว ไม่สามารถลงมติได้"))
    if has_proposal:
        return deny(_("เรื่องนี้เป็นโครงการ เปิดการลงมติจากหน้าโครงการ"))
    if meeting.state not in VOTING_MEETING_STATES:
        return deny(_("เปิดการลงมติได้เมื่อฝ่ายเลขานุการบันทึกว่าเริ่มประชุมแล้ว"))
    if any(b.is_open for b in ballots):
        return deny(_("ระเบียบวาระนี้มีการลงมติที่เปิดอยู่แล้ว"))
    if any(b.result for b in ballots):
        return deny(_("ระเบียบวาระนี้ลงมติได้ข้อยุติแล้ว"))
    return ALLOW
