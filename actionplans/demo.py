"""Demo data: Samut Prakan's FY 2564 plan approved at meeting 1/2564 with four quarters of progress and
its 2563 situation report; Yala's FY 2567 plan as drafted at the 12 September 2566 meeting; approved plans
and reports of a few other provinces so the national status page shows a mix.

Plans, activities and progress are written directly (a fixture, as committees.demo does). The approval is
linked to the resolution on the action plan's agenda item of the meetings demo when it has one; otherwise
the item and resolution are added through meetings.services, or, where the meetings app refuses (the
minutes already adopted), written as fixture rows. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone

from actionplans.choices import DocState, Nationality
from actionplans.models import ActionPlan, Activity, Progress, SituationReport, VictimsByNationality
from core.pillars import Pillar
from meetings.choices import MeetingState, ResolutionOutcome, SectionType
from meetings.models import AgendaItem, Meeting, Resolution

P, V, T, D = Pillar.PROSECUTION, Pillar.PREVENTION, Pillar.PROTECTION, Pillar.DATABASE

# (pillar, strategy, name, target, unit, quarters, budget, source, agency, achieved per quarter)
SAMUT_PRAKAN_2564 = [
    (
        D,
        "การบริหารจัดการและขับเคลื่อนการดำเนินงาน",
        "ประชุมคณะอนุกรรมการ ศปคม.จ.สมุทรปราการ",
        3,
        "ครั้ง",
        (2, 3, 4),
        "15000",
        "province",
        "สนง.พมจ.สมุทรปราการ",
        {2: 1, 3: 1, 4: 1},
    ),
    (
        V,
        "เสริมสร้างความรู้ความเข้าใจและสร้างเครือข่ายเฝ้าระวัง",
        "อบรมสร้างความตระหนักรู้แก่เครือข่ายภาคประชาสังคม (อพม. ผู้นำชุมชน ครู)",
        1,
        "รุ่น",
        (3,),
        "60000",
        "fund",
        "สนง.พมจ.สมุทรปราการ",
        {3: 1},
    ),
    (
        V,
        "เสริมสร้างความรู้ความเข้าใจและสร้างเครือข่ายเฝ้าระวัง",
        "อบรมสร้างความตระหนักรู้แก่เด็กและเยาวชน",
        1,
        "รุ่น",
        (3,),
        "45000",
        "fund",
        "สนง.พมจ.สมุทรปราการ ร่วมกับสำนักงานศึกษาธิการจังหวัด",
        {3: 1},
    ),
    (
        V,
        "สนับสนุนภาคประชาสังคมในการป้องกัน",
        "โครงการของ อพม. เสนอขอรับการสนับสนุนจากกองทุนฯ ผ่านการกลั่นกรองของคณะอนุกรรมการ",
        2,
        "โครงการ",
        (2, 3),
        "0",
        "fund",
        "เครือข่าย อพม. จังหวัดสมุทรปราการ",
        {2: 1, 3: 1},
    ),
    (
        P,
        "ตรวจสอบและปราบปรามการค้ามนุษย์",
        "ตรวจสถานประกอบการเสี่ยงร่วมกับทีมสหวิชาชีพ",
        4,
        "ครั้ง",
        (1, 2, 3, 4),
        "20000",
        "agency",
        "ตำรวจภูธรจังหวัดสมุทรปราการ / สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
        {1: 1, 2: 1, 3: 1, 4: 1},
    ),
    (
        T,
        "ช่วยเหลือคุ้มครองผู้เสียหาย",
        "คัดแยกผู้เสียหายและส่งต่อการคุ้มครองตามกฎหมาย",
        12,
        "ราย",
        (1, 2, 3, 4),
        "30000",
        "province",
        "บ้านพักเด็กและครอบครัวจังหวัดสมุทรปราการ",
        {1: 3, 2: 2, 3: 4, 4: 2},
    ),
    (
        D,
        "พัฒนาระบบข้อมูล",
        "บันทึกและรายงานข้อมูลคดีและผู้เสียหายในระบบฐานข้อมูลการค้ามนุษย์",
        4,
        "ครั้ง",
        (1, 2, 3, 4),
        "0",
        "none",
        "สนง.พมจ.สมุทรปราการ",
        {1: 1, 2: 1, 3: 1, 4: 1},
    ),
]

YALA_2567 = [
    (
        P,
        "บังคับใช้กฎหมาย",
        "ตรวจแรงงานในสถานประกอบการและแหล่งเสี่ยงชายแดน",
        6,
        "ครั้ง",
        (1, 2, 3, 4),
        "36000",
        "agency",
        "ตำรวจภูธรจังหวัดยะลา / สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
    ),
    (
        V,
        "ป้องกันและเฝ้าระวัง",
        "ประชาสัมพันธ์และส่งเสริมการใช้แอปพลิเคชัน PROTECT-U เพื่อแจ้งเหตุการค้ามนุษย์",
        500,
        "คน",
        (1, 2),
        "25000",
        "province",
        "สนง.พมจ.ยะลา",
    ),
    (
        V,
        "ป้องกันและเฝ้าระวัง",
        "ชี้แจงหน่วยงานให้เสนอโครงการต่อกองทุนฯ ตามแบบ กปค.01 ผ่านการกลั่นกรองของคณะอนุกรรมการ ครอบคลุม 4 ด้าน",
        1,
        "ครั้ง",
        (1,),
        "0",
        "none",
        "สนง.พมจ.ยะลา",
    ),
    (
        V,
        "ป้องกันและเฝ้าระวัง",
        "อบรมสร้างความตระหนักรู้แก่ผู้นำศาสนาและผู้นำชุมชน",
        2,
        "รุ่น",
        (2, 3),
        "80000",
        "fund",
        "สนง.พมจ.ยะลา ร่วมกับ ศอ.บต.",
    ),
    (
        T,
        "ช่วยเหลือคุ้มครองผู้เสียหาย",
        "ช่วยเหลือ คุ้มครอง และฟื้นฟูผู้เสียหายโดยทีมสหวิชาชีพ",
        10,
        "ราย",
        (1, 2, 3, 4),
        "40000",
        "province",
        "บ้านพักเด็กและครอบครัวจังหวัดยะลา",
    ),
    (
        D,
        "พัฒนาระบบข้อมูล",
        "จัดทำฐานข้อมูลสถานการณ์การค้ามนุษย์จังหวัดและรายงานรายไตรมาส",
        4,
        "ครั้ง",
        (1, 2, 3, 4),
        "0",
        "none",
        "สนง.พมจ.ยะลา",
    ),
    (D, "การบริหารจัดการ", "ประชุมคณะอนุกรรมการ ศปคม.จ.ยะลา", 3, "ครั้ง", (1, 3, 4), "15000", "province", "สนง.พมจ.ยะลา"),
]

# Other provinces: (code, plan state, report approved) for FY 2567, so the national page shows a mix.
OTHERS_2567 = [
    ("20", DocState.APPROVED, True),
    ("74", DocState.APPROVED, True),
    ("57", DocState.APPROVED, False),
    ("63", DocState.APPROVED, True),
    ("90", DocState.PROPOSED, False),
    ("24", DocState.DRAFT, False),
]

SP_REPORT_2563 = {
    "figures": {
        "cases_sexual": 4,
        "cases_forced_labour": 3,
        "cases_begging": 1,
        "cases_forced_marriage": 0,
        "cases_other": 0,
        "cases_prosecuted": 7,
        "victims_total": 15,
        "victims_male": 6,
        "victims_female": 9,
        "victims_child": 5,
        "victims_adult": 10,
        "victims_assisted": 15,
    },
    "nationalities": {"thai": 6, "myanmar": 5, "lao": 2, "cambodian": 2, "other": 0},
    "situation": "สมุทรปราการเป็นจังหวัดอุตสาหกรรมและมีท่าอากาศยานนานาชาติ พบการแสวงประโยชน์ทางเพศในสถานบริการ "
    "และการบังคับใช้แรงงานต่างด้าวในโรงงานและเรือประมงชายฝั่ง",
    "risk_areas": "พื้นที่อุตสาหกรรมบางพลี บางปู สถานบริการในอำเภอเมือง ท่าเทียบเรือประมงพระสมุทรเจดีย์",
    "problems": "ผู้เสียหายต่างด้าวไม่กล้าให้ข้อมูล ล่ามภาษาไม่เพียงพอ",
    "recommendations": "เพิ่มล่ามและเครือข่าย อพม. เฝ้าระวังในชุมชน ประชาสัมพันธ์ช่องทางแจ้งเหตุ",
}


def _aware(d: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime(d.year, d.month, d.day, hour, minute))


def _fixture_meeting(sc, *, starts_at: dt.datetime, number: int, place: str) -> Meeting:
    """A past meeting of a province that has no meetings demo (fixture rows, held)."""
    from core.thaidate import be_year, fiscal_year_of

    fy = fiscal_year_of(starts_at)
    year = fy if sc.numbering_basis == "fiscal" else be_year(starts_at.year)
    existing = Meeting.objects.filter(subcommittee=sc, starts_at__date=timezone.localtime(starts_at).date()).first()
    if existing:
        return existing
    m = Meeting(
        subcommittee=sc,
        number=number,
        number_year=year,
        numbering_basis=sc.numbering_basis,
        fiscal_year=fy,
        starts_at=starts_at,
        place=place,
        state=MeetingState.HELD,
    )
    m.full_clean()
    m.save()
    return m


def _section(meeting: Meeting) -> AgendaItem:
    section = AgendaItem.objects.filter(
        meeting=meeting, parent__isnull=True, section_type=SectionType.FOR_CONSIDERATION
    ).first()
    if section:
        return section
    # section 5 of the usual six when the agenda has no sections yet
    order = (
        max(AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).aggregate(n=Max("order"))["n"] or 0, 4) + 1
    )
    return AgendaItem.objects.create(
        meeting=meeting,
        section_type=SectionType.FOR_CONSIDERATION,
        order=order,
        title=SectionType.FOR_CONSIDERATION.label,
    )


def _agenda_item(meeting: Meeting, *, find: str, title: str, actor) -> AgendaItem:
    """The meeting's item about ``find`` (the meetings demo's when it has one), else a new one."""
    item = (
        AgendaItem.objects.filter(meeting=meeting, parent__isnull=False, title__icontains=find)
        .order_by("order")
        .first()
    )
    if item:
        return item
    if actor is not None:
        from meetings import services as meeting_services

        try:
            return meeting_services.add_agenda_item(
                actor=actor,
                meeting=meeting,
                section_type=SectionType.FOR_CONSIDERATION,
                title=title,
                presenter="ฝ่ายเลขานุการ",
            )
        except (ValidationError, PermissionDenied):
            pass
    section = _section(meeting)
    order = (section.children.aggregate(n=Max("order"))["n"] or 0) + 1
    return AgendaItem.objects.create(
        meeting=meeting,
        parent=section,
        section_type=section.section_type,
        order=order,
        title=title,
        presenter="ฝ่ายเลขานุการ",
    )


def _resolution(item: AgendaItem, *, text: str, actor) -> Resolution:
    existing = Resolution.objects.filter(agenda_item=item).first()
    if existing:
        return existing
    if actor is not None:
        from meetings import services as meeting_services

        try:
            return meeting_services.record_resolution(
                actor=actor, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=text
            )
        except (ValidationError, PermissionDenied):
            pass
    return Resolution.objects.create(agenda_item=item, outcome=ResolutionOutcome.APPROVED, text=text)


def _plan(sc, fiscal_year: int, rows, *, actor, progress: bool = True) -> tuple[ActionPlan, bool]:
    plan = ActionPlan.objects.filter(subcommittee=sc, fiscal_year=fiscal_year).order_by("revision").first()
    if plan:
        return plan, False
    plan = ActionPlan.objects.create(
        subcommittee=sc,
        fiscal_year=fiscal_year,
        title=f"แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{sc.province} ประจำปีงบประมาณ {fiscal_year}",
        created_by=actor,
    )
    for i, row in enumerate(rows, start=1):
        pillar, strategy, name, target, unit, quarters, budget, source, agency = row[:9]
        act = Activity(
            plan=plan,
            order=i,
            pillar=pillar,
            strategy=strategy,
            name=name,
            target_quantity=target,
            target_unit=unit,
            budget=Decimal(budget),
            budget_source=source,
            responsible_agency=agency,
            **{f"q{q}": q in quarters for q in (1, 2, 3, 4)},
        )
        act.full_clean()
        act.save()
        achieved = row[9] if len(row) > 9 else {}
        if progress:
            for q, qty in achieved.items():
                share = (Decimal(budget) * qty / target).quantize(Decimal("0.01"))
                Progress.objects.create(
                    activity=act,
                    quarter=q,
                    done=f"ดำเนินการ{name} ไตรมาส {q} ได้ {qty} {unit}",
                    quantity_achieved=qty,
                    budget_spent=share,
                    recorded_by=actor,
                )
    return plan, True


def _approve(doc, *, item: AgendaItem, resolution: Resolution, at: dt.datetime) -> None:
    type(doc).objects.filter(pk=doc.pk).update(
        state=DocState.APPROVED, agenda_item=item, resolution=resolution, approved_at=at
    )


def _report(sc, year: int, data: dict, *, actor) -> tuple[SituationReport, bool]:
    report = SituationReport.objects.filter(subcommittee=sc, year=year).order_by("revision").first()
    if report:
        return report, False
    report = SituationReport(subcommittee=sc, year=year, created_by=actor, **data["figures"])
    for f in SituationReport.NARRATIVE:
        setattr(report, f, data.get(f, ""))
    report.full_clean()
    report.save()
    for code in Nationality.values:
        VictimsByNationality.objects.create(report=report, nationality=code, victims=data["nationalities"].get(code, 0))
    return report, True


def _generic_report(total: int, province_name: str) -> dict:
    male = total // 3
    child = total // 4
    thai = total // 2
    return {
        "figures": {
            "cases_sexual": max(total // 4, 1),
            "cases_forced_labour": max(total // 5, 1),
            "cases_prosecuted": max(total // 4, 1),
            "victims_total": total,
            "victims_male": male,
            "victims_female": total - male,
            "victims_child": child,
            "victims_adult": total - child,
            "victims_assisted": total,
        },
        "nationalities": {"thai": thai, "myanmar": total - thai},
        "situation": f"สถานการณ์การค้ามนุษย์ในจังหวัด{province_name} โดยภาพรวมอยู่ในระดับที่เฝ้าระวัง",
    }


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
