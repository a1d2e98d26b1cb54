"""The meeting's life as one table: states, transitions, who may fire each and what must hold first.

scheduled → held → minutes_drafted ⇄ circulated → adopted; scheduled → cancelled.
``meetings.services.fire_transition`` is the only caller of ``core.workflow.fire``
for meetings. Adoption details (method, date, item) are checked by
``meetings.services.adopt_minutes`` before it fires ``adopt``.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.choices import Role
from core.workflow import Workflow, transition
from meetings.choices import MeetingState as S

SECRETARIAT = {Role.SECRETARIAT}


def _has_started(meeting, ctx) -> str | None:
    if meeting.starts_at > timezone.now():
        return _("ยังไม่ถึงเวลาประชุม บันทึกว่าได้ประชุมแล้วไม่ได้")
    return None


def _has_saved_minutes(meeting, ctx) -> str | None:
    from meetings.models import Minutes

    # a page that has loaded the minutes says so in ``ctx`` (buttons check several transitions)
    saved = ctx.get("minutes_saved")
    if saved is None:
        saved = Minutes.objects.filter(meeting=meeting, version__gt=0).exists()
    if not saved:
        return _("ยังไม่มีร่างรายงานการประชุมที่บันทึกไว้")
    return None


def _keep_cancel_reason(meeting, actor, ctx) -> None:
    meeting.cancelled_reason = str(ctx.get("reason", "")).strip()


MEETING_WORKFLOW = Workflow(
    (
        transition(
            "hold",
            gettext_lazy("บันทึกว่าได้ประชุมแล้ว"),
            sources=[S.SCHEDULED],
            target=S.HELD,
            roles=SECRETARIAT,
            guards=[_has_started],
        ),
        transition(
            "cancel",
            gettext_lazy("ยกเลิกการประชุม"),
            sources=[S.SCHEDULED],
            target=S.CANCELLED,
            roles={Role.SECRETARIAT, Role.CHAIR},
            effect=_keep_cancel_reason,
            needs_reason=True,
            style="outline-danger",
        ),
        transition(
            "draft_minutes",
            gettext_lazy("เริ่มร่างรายงานการประชุม"),
            sources=[S.HELD],
            target=S.MINUTES_DRAFTED,
            roles=SECRETARIAT,
            guards=[_has_saved_minutes],
        ),
        transition(
            "circulate",
            gettext_lazy("เวียนร่างรายงานการประชุมให้อนุกรรมการ"),
            sources=[S.MINUTES_DRAFTED],
            target=S.CIRCULATED,
            roles=SECRETARIAT,
            guards=[_has_saved_minutes],
        ),
        transition(
            "revise",
            gettext_lazy("นำร่างกลับมาแก้ไขตามข้อเสนอ"),
            sources=[S.CIRCULATED],
            target=S.MINUTES_DRAFTED,
            roles=SECRETARIAT,
            style="outline-secondary",
        ),
        transition(
            "adopt",
            gettext_lazy("บันทึกการรับรองรายงานการประชุม"),
            sources=[S.MINUTES_DRAFTED, S.CIRCULATED],
            target=S.ADOPTED,
            roles={Role.SECRETARIAT, Role.CHAIR},
            guards=[_has_saved_minutes],
            style="success",
        ),
    )
)

BUTTON_TRANSITIONS = ("hold", "circulate", "revise", "cancel")
"""Fired from a plain confirmation page; ``draft_minutes`` fires on the first save, ``adopt`` has its own form."""
