"""The one transition table of plan and situation report revisions.

draft → proposed (tabled at a meeting of the subcommittee as an agenda item for
consideration) → approved (by a resolution of a meeting of the SAME
subcommittee: เห็นชอบ or เห็นชอบโดยมีการแก้ไข); a proposed revision can be
withdrawn to draft (the meeting deferred it or asked for changes). When a later
revision is approved the earlier approved one becomes superseded (fired by the
system, never by a person).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.choices import DocState
from committees.choices import Role
from core import workflow
from meetings.choices import MeetingState, ResolutionOutcome, SectionType

SYSTEM = "system"
# Meetings whose agenda can still take an item (the meetings app refuses the others).
AGENDA_OPEN_STATES = frozenset({MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.MINUTES_DRAFTED})
APPROVING_OUTCOMES = frozenset({ResolutionOutcome.APPROVED, ResolutionOutcome.APPROVED_WITH_CHANGES})


def _has_meeting_of_same_subcommittee(doc, ctx: dict[str, Any]) -> str | None:
    meeting = ctx.get("meeting")
    if meeting is None:
        return _("กรุณาเลือกการประชุมที่จะเสนอ")
    if meeting.subcommittee_id != doc.subcommittee_id:
        return _("ต้องเสนอต่อที่ประชุมของคณะอนุกรรมการจังหวัดเดียวกันเท่านั้น")
    if meeting.state not in AGENDA_OPEN_STATES:
        return _("การประชุม%(label)s อยู่ในสถานะ “%(state)s” เพิ่มระเบียบวาระไม่ได้แล้ว") % {
            "label": meeting.label,
            "state": meeting.get_state_display(),
        }
    return None


def _has_content(doc, ctx: dict[str, Any]) -> str | None:
    if hasattr(doc, "activities") and not doc.activities.exists():
        return _("แผนยังไม่มีกิจกรรม กรุณาเพิ่มกิจกรรมก่อนเสนอที่ประชุม")
    return None


def _has_approving_resolution_of_same_subcommittee(doc, ctx: dict[str, Any]) -> str | None:
    resolution = ctx.get("resolution")
    if resolution is None:
        return _("การเห็นชอบต้องอ้างอิงมติที่ประชุม")
    meeting = resolution.agenda_item.meeting
    if meeting.subcommittee_id != doc.subcommittee_id:
        return _("มติที่อ้างอิงต้องเป็นมติของที่ประชุมคณะอนุกรรมการจังหวัดเดียวกัน")
    if resolution.outcome not in APPROVING_OUTCOMES:
        return _("มติที่อ้างอิงคือ “%(outcome)s” ไม่ใช่มติเห็นชอบ") % {"outcome": resolution.get_outcome_display()}
    return None


def _table_at_meeting(doc, actor, ctx: dict[str, Any]) -> None:
    from meetings import services as meeting_services

    with translation.override("th"):  # the agenda is a Thai official document, whatever the actor reads
        title = f"พิจารณา{doc.agenda_title}"
    doc.agenda_item = meeting_services.add_agenda_item(
        actor=actor,
        meeting=ctx["meeting"],
        section_type=SectionType.FOR_CONSIDERATION,
        title=title,
        description=ctx.get("description", ""),
        presenter=ctx.get("presenter", "ฝ่ายเลขานุการ"),
    )


def _untable(doc, actor, ctx: dict[str, Any]) -> None:
    doc.agenda_item = None


def _record_approval(doc, actor, ctx: dict[str, Any]) -> None:
    doc.resolution = ctx["resolution"]
    doc.approved_at = timezone.now()
    earlier = (
        type(doc)
        ._default_manager.filter(subcommittee_id=doc.subcommittee_id, state=DocState.APPROVED, **doc.period_filter())
        .exclude(pk=doc.pk)
        .values_list("pk", flat=True)
    )
    for pk in earlier:
        workflow.fire(
            workflow=DOCUMENT_WORKFLOW,
            model=type(doc),
            pk=pk,
            name="supersede",
            actor=actor,
            roles_for=lambda _obj: {SYSTEM},
            province_for=lambda obj: obj.subcommittee.province,
            context={"reason": _("แทนที่ด้วยฉบับที่ %(revision)s") % {"revision": doc.revision}},
        )


DOCUMENT_WORKFLOW = workflow.Workflow(
    transitions=(
        workflow.transition(
            "propose",
            gettext_lazy("เสนอที่ประชุมพิจารณา"),
            sources=[DocState.DRAFT],
            target=DocState.PROPOSED,
            roles=[Role.SECRETARIAT],
            guards=[_has_content, _has_meeting_of_same_subcommittee],
            effect=_table_at_meeting,
        ),
        workflow.transition(
            "withdraw",
            gettext_lazy("ถอนกลับมาแก้ไข"),
            sources=[DocState.PROPOSED],
            target=DocState.DRAFT,
            roles=[Role.SECRETARIAT],
            effect=_untable,
            needs_reason=True,
            style="outline-secondary",
        ),
        workflow.transition(
            "approve",
            gettext_lazy("บันทึกความเห็นชอบตามมติที่ประชุม"),
            sources=[DocState.PROPOSED],
            target=DocState.APPROVED,
            # the system: a vote on the item closed with an approving result (``services.approve_by_meeting``)
            roles=[Role.SECRETARIAT, SYSTEM],
            guards=[_has_approving_resolution_of_same_subcommittee],
            effect=_record_approval,
            style="success",
        ),
        workflow.transition(
            "supersede",
            gettext_lazy("แทนที่ด้วยฉบับปรับปรุง"),
            sources=[DocState.APPROVED],
            target=DocState.SUPERSEDED,
            roles=[SYSTEM],
        ),
    )
)
