"""A closed ballot in the minutes' words, and the agenda item's resolution it becomes.

Used by ``ballots`` (a proposal's ballot) and ``agenda_items`` (an item decided without a proposal).
"""

from __future__ import annotations

from django.utils import translation

from core import thaidate
from fundproposals.choices import PASSING_DECISIONS, BallotMode, Decision, VoteMethod
from fundproposals.models import Ballot, Proposal
from fundproposals.services.common import project_name
from fundproposals.tally import Tally
from fundproposals.validation import money

# How the minutes say the vote was taken (devices say nothing: today's wording).
METHOD_WORDS = {
    VoteMethod.SHOW_OF_HANDS: "โดยการยกมือ",
    VoteMethod.ROLL_CALL: "โดยการขานชื่อรายบุคคล",
    VoteMethod.MIXED: "ลงมติด้วยตนเองและฝ่ายเลขานุการบันทึกแทน",
}

RESOLUTION_OUTCOME = {
    Decision.APPROVE: "approved",
    Decision.IN_PRINCIPLE: "approved_in_principle",
    Decision.MORE_INFO: "more_details",
    Decision.REJECT: "not_approved",
}


def result_text(proposal: Proposal | None, ballot: Ballot, tally: Tally, q, amount, *, head: str = "") -> str:
    """The resolution as the minutes record it, in the room's words (Thai, whatever the actor reads);
    ``head`` names an agenda item's subject instead of a proposal.

    ``ที่ประชุมพิจารณา… แล้ว มีมติเห็นชอบ ด้วยคะแนนเสียง เห็นชอบ 12 เสียง …``.
    Attendance and quorum belong to the minutes' attendance part, not to each
    resolution; only a quorum that failed is said here, because it is why
    there is no resolution. A circulated vote has no attendance part, so it
    says how many members answered.
    """
    with translation.override("th"):
        return _thai_result_text(proposal, ballot, tally, q, amount, head=head)


def _thai_result_text(proposal: Proposal | None, ballot: Ballot, tally: Tally, q, amount, *, head: str = "") -> str:
    circulated = ballot.mode == BallotMode.CIRCULATION
    who = f"คณะอนุกรรมการ (เวียนมติ ปิดเมื่อ {thaidate.format_datetime(ballot.closed_at)}) " if circulated else "ที่ประชุม"
    head = head or f"{who}พิจารณา{project_name(proposal)} ({proposal.code}) ของ{proposal.organisation or 'ผู้เสนอ'}"
    if not q.met:
        return f"{head} แต่องค์ประชุมไม่ครบ (มี {q.present} คน ต้องมีอย่างน้อย {q.required} คน) จึงไม่อาจลงมติได้"
    if ballot.method == VoteMethod.CONSENSUS:
        votes = "โดยฉันทามติ"
    else:
        how = "" if ballot.method == VoteMethod.DEVICES else f" ({METHOD_WORDS[ballot.method]})"
        votes = f"ด้วยคะแนนเสียง {tally.text()}{how}"
    if circulated:
        votes += f" (ตอบกลับ {q.present} คน จากผู้มีสิทธิ์ลงมติ {ballot.eligible_count} คน)"
    if not tally.result:
        return f"{head} แล้ว ไม่มีมติ เนื่องจากไม่มีผู้ลงมติเลือกข้อใด {votes}"
    label = Decision(tally.result).label
    text = f"{head} แล้ว มีมติ{label}"
    if tally.result in PASSING_DECISIONS and amount is not None:
        text += f" วงเงิน {money(amount)}"
    text += f" {votes}"
    if tally.casting_vote:
        tied = " และ ".join(str(Decision(d).label) for d in tally.leading)
        text += f" เนื่องจากคะแนนเสียงเท่ากัน ({tied}) ประธานจึงออกเสียงชี้ขาดให้{label}"
    return text


def record_resolution(*, actor, agenda_item, outcome: str, text: str):
    """The closed ballot becomes the agenda item's resolution (มติที่ประชุม), so it appears in the minutes."""
    from meetings import services as meeting_services

    return meeting_services.record_resolution(
        actor=actor, agenda_item=agenda_item, outcome=outcome, text=text, source="vote"
    )
