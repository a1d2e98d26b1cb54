"""``load``: what seed_demo calls for the action plans app."""

from __future__ import annotations

import datetime as dt

from actionplans.choices import DocState
from actionplans.demo.data import OTHERS_2567, SAMUT_PRAKAN_2564, SP_REPORT_2563, YALA_2567
from actionplans.demo.documents import _generic_report, _plan, _report
from actionplans.demo.meeting_links import _agenda_item, _approve, _aware, _fixture_meeting, _resolution
from actionplans.models import ActionPlan


def load(ctx: dict) -> dict:
    subcommittees = ctx.get("subcommittees", {})
    users = ctx.get("users", {})
    meetings = ctx.get("meetings", {}) or {}
    sp, yala = subcommittees.get("11"), subcommittees.get("95")
    sp_actor, yala_actor = users.get("sp-secretariat"), users.get("yala-secretariat")
    out: dict = {"action_plans": {}, "situation_reports": {}}
    if sp is not None:
        meeting = meetings.get("sp-1-2564") or _fixture_meeting(
            sp,
            starts_at=_aware(dt.date(2021, 1, 27), 13, 30),
            number=1,
            place="ห้องประชุมศาลากลางจังหวัดสมุทรปราการ",
        )
        plan, created = _plan(sp, 2564, SAMUT_PRAKAN_2564, actor=sp_actor)
        if created:
            item = _agenda_item(
                meeting,
                find="แผนปฏิบัติการ",
                title="พิจารณาแผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดสมุทรปราการ ประจำปีงบประมาณ 2564",
                actor=sp_actor,
            )
            res = _resolution(item, text="ที่ประชุมเห็นชอบแผนปฏิบัติการประจำปีงบประมาณ 2564", actor=sp_actor)
            _approve(plan, item=item, resolution=res, at=meeting.starts_at)
        report, created = _report(sp, 2563, SP_REPORT_2563, actor=sp_actor)
        if created:
            item = _agenda_item(
                meeting,
                find="สถานการณ์",
                title="พิจารณารายงานสถานการณ์การค้ามนุษย์จังหวัดสมุทรปราการ ปี 2563",
                actor=sp_actor,
            )
            res = _resolution(item, text="ที่ประชุมเห็นชอบรายงานสถานการณ์การค้ามนุษย์จังหวัด ปี 2563", actor=sp_actor)
            _approve(report, item=item, resolution=res, at=meeting.starts_at)
        out["action_plans"]["sp-2564"] = plan
        out["situation_reports"]["sp-2563"] = report
    if yala is not None:
        plan, created = _plan(yala, 2567, YALA_2567, actor=yala_actor, progress=False)
        meeting = meetings.get("yala-2566-09-12")
        if created and meeting is not None:
            # drafted at the 12 September 2566 meeting: tabled there, not yet approved
            item = _agenda_item(
                meeting,
                find="แผนปฏิบัติการ",
                title="พิจารณาร่างแผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดยะลา ประจำปีงบประมาณ 2567",
                actor=yala_actor,
            )
            ActionPlan.objects.filter(pk=plan.pk).update(state=DocState.PROPOSED, agenda_item=item)
        out["action_plans"]["yala-2567"] = plan
    for code, state, report_ok in OTHERS_2567:
        sc = subcommittees.get(code)
        if sc is None:
            continue
        rows = [(*r[:9], dict.fromkeys(r[5], 1)) for r in YALA_2567]
        plan, created = _plan(sc, 2567, rows, actor=None)
        if not created:
            continue
        meeting = None
        if state != DocState.DRAFT or report_ok:
            meeting = _fixture_meeting(
                sc,
                starts_at=_aware(dt.date(2023, 11, 20 + int(code) % 7), 13, 30),
                number=1,
                place=f"ห้องประชุมศาลากลางจังหวัด{sc.province}",
            )
        if state == DocState.APPROVED:
            item = _agenda_item(meeting, find="แผนปฏิบัติการ", title=f"พิจารณา{plan.agenda_title}", actor=None)
            res = _resolution(item, text="ที่ประชุมเห็นชอบแผนปฏิบัติการ", actor=None)
            _approve(plan, item=item, resolution=res, at=meeting.starts_at)
        elif state == DocState.PROPOSED:
            item = _agenda_item(meeting, find="แผนปฏิบัติการ", title=f"พิจารณา{plan.agenda_title}", actor=None)
            ActionPlan.objects.filter(pk=plan.pk).update(state=DocState.PROPOSED, agenda_item=item)
        if report_ok:
            report, made = _report(sc, 2566, _generic_report(6 + int(code) % 9, sc.province.name_th), actor=None)
            if made:
                item = _agenda_item(meeting, find="สถานการณ์", title=f"พิจารณา{report.agenda_title}", actor=None)
                res = _resolution(item, text="ที่ประชุมเห็นชอบรายงานสถานการณ์", actor=None)
                _approve(report, item=item, resolution=res, at=meeting.starts_at)
    return out
