"""Demo meetings: the two real cases of DESIGN.md, written through the services (so audit and rules apply).

Samut Prakan ครั้งที่ 1/2564 (27 January 2564, adopted at 2/2564) and Yala's
meeting of 12 September 2566 (fiscal-year numbering, minutes in draft).
Idempotent: a meeting already there is reused, nothing is added twice.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from meetings import selectors, services
from meetings.choices import AdoptionMethod, AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
from meetings.models import Meeting

SP_PLACE = "ห้องประชุมศาลากลางจังหวัดสมุทรปราการ"
YALA_PLACE = "ห้องวอร์รูม ชั้น 3 อาคาร 2 ศาลากลางจังหวัดยะลา"


def _at(y: int, m: int, d: int, hh: int, mm: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


def _existing(subcommittee, number: int, year: int) -> Meeting | None:
    return Meeting.objects.filter(
        subcommittee=subcommittee, numbering_basis=subcommittee.numbering_basis, number_year=year, number=number
    ).first()


def _attendance(actor, meeting, seats, *, absent=None, stand_ins=None, guests=()):
    absent, stand_ins = absent or {}, stand_ins or {}
    rows = []
    for i, member in seats:
        if i in absent:
            rows.append({"member": member, "status": AttendanceStatus.ABSENT, "absence_reason": absent[i]})
        elif i in stand_ins:
            name, position = stand_ins[i]
            rows.append(
                {
                    "member": member,
                    "status": AttendanceStatus.STAND_IN,
                    "person_name": name,
                    "person_position": position,
                }
            )
        else:
            rows.append({"member": member, "status": AttendanceStatus.PRESENT})
    services.record_attendance(actor=actor, meeting=meeting, rows=rows)
    for name, position, agency in guests:
        services.add_guest(actor=actor, meeting=meeting, name=name, position=position, agency=agency)


def _item(actor, meeting, section, title, outcome, text, discussion="", presenter=""):
    item = services.add_agenda_item(
        actor=actor, meeting=meeting, section_type=section, title=title, presenter=presenter
    )
    services.record_resolution(actor=actor, agenda_item=item, outcome=outcome, text=text, discussion=discussion)
    return item


def _section(meeting, section_type):
    return meeting.agenda_items.get(parent__isnull=True, section_type=section_type)


def _draft_minutes(actor, meeting, end: tuple[int, int]):
    content = selectors.initial_minutes_content(meeting)
    content["end_time"] = f"{end[0]:02d}.{end[1]:02d}"
    services.save_minutes(actor=actor, meeting=meeting, content=content, base_version=0)


def _samut_prakan(ctx) -> tuple[Meeting, Meeting]:
    sc = ctx["subcommittees"]["11"]
    sec = ctx["users"]["sp-secretariat"]
    seats = sorted(((i, m) for (code, i), m in ctx["seats"].items() if code == "11"), key=lambda x: x[0])
    first = _existing(sc, 1, 2564)
    if first is None:
        chair = ctx["seats"][("11", 0)]
        first = services.schedule_meeting(
            actor=sec,
            subcommittee=sc,
            starts_at=_at(2021, 1, 27, 13, 30),
            place=SP_PLACE,
            chair_member=chair,
            chair_capacity="governor",
            number=1,
        )
        first = services.fire_transition(actor=sec, meeting=first, name="hold")
        _attendance(
            sec,
            first,
            seats,
            absent={12: "ติดภารกิจเร่งด่วน", 16: "ติดราชการต่างจังหวัด"},
            stand_ins={3: ("พ.ต.อ.สมพงษ์ รักษาดี", "รองผู้บังคับการตำรวจภูธรจังหวัดสมุทรปราการ")},
            guests=[
                ("นางสาวปวีณา ใจงาม", "นักพัฒนาสังคมปฏิบัติการ", "สนง.พมจ.สมุทรปราการ"),
                ("นายวิชัย ช่วยเหลือ", "ผู้ประสานงานโครงการ", "มูลนิธิเพื่อการพัฒนาเด็ก"),
            ],
        )
        services.record_resolution(
            actor=sec,
            agenda_item=_section(first, SectionType.CHAIR_INFORMS),
            outcome=ResolutionOutcome.ACKNOWLEDGED,
            text="ที่ประชุมรับทราบ",
            discussion="ประธานแจ้งให้ทุกหน่วยงานเร่งรัดการป้องกันการค้ามนุษย์ในสถานประกอบการและแรงงานประมง",
        )
        _item(
            sec,
            first,
            SectionType.FOR_INFORMATION,
            "ความก้าวหน้าการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์จังหวัดสมุทรปราการ",
            ResolutionOutcome.ACKNOWLEDGED,
            "ที่ประชุมรับทราบ",
            "ฝ่ายเลขานุการรายงานความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการ ปีงบประมาณ 2563",
            presenter="พมจ.สมุทรปราการ",
        )
        _item(
            sec,
            first,
            SectionType.FOR_INFORMATION,
            "ผลการดำเนินงานของหน่วยงานที่เกี่ยวข้อง",
            ResolutionOutcome.ACKNOWLEDGED,
            "ที่ประชุมรับทราบ",
            "ตำรวจภูธรจังหวัด ตรวจคนเข้าเมืองจังหวัด และสำนักงานแรงงานจังหวัดรายงานผลการดำเนินงาน",
        )
        _item(
            sec,
            first,
            SectionType.FOR_CONSIDERATION,
            "(ร่าง) แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดสมุทรปราการ ประจำปีงบประมาณ 2564",
            ResolutionOutcome.APPROVED,
            "ที่ประชุมเห็นชอบแผนปฏิบัติการ ประจำปีงบประมาณ 2564",
            "แผนประกอบด้วยการประชุมคณะอนุกรรมการ 3 ครั้ง การอบรมสร้างความตระหนักรู้แก่เครือข่ายภาคประชาสังคม "
            "(อพม. ผู้นำชุมชน ครู) 1 รุ่น และเด็กและเยาวชน 1 รุ่น และโครงการของ อพม. ที่เสนอขอรับการสนับสนุน"
            "จากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์ ผ่านการกลั่นกรองของคณะอนุกรรมการ",
            presenter="พมจ.สมุทรปราการ",
        )
        _item(
            sec,
            first,
            SectionType.FOR_CONSIDERATION,
            "รายงานสถานการณ์การค้ามนุษย์จังหวัดสมุทรปราการ ประจำปี 2563",
            ResolutionOutcome.APPROVED,
            "ที่ประชุมเห็นชอบรายงานสถานการณ์การค้ามนุษย์ ประจำปี 2563",
        )
        _draft_minutes(sec, first, (16, 0))
    second = _existing(sc, 2, 2564)
    if second is None:
        second = services.schedule_meeting(
            actor=sec,
            subcommittee=sc,
            starts_at=_at(2021, 5, 26, 13, 30),
            place=SP_PLACE,
            chair_member=ctx["seats"][("11", 0)],
            chair_capacity="governor",
            number=2,
        )
        second = services.fire_transition(actor=sec, meeting=second, name="hold")
        _attendance(sec, second, seats, absent={12: "ติดภารกิจ"})
        item2 = _section(second, SectionType.ADOPT_MINUTES)
        services.record_resolution(
            actor=sec,
            agenda_item=item2,
            outcome=ResolutionOutcome.APPROVED,
            text="ที่ประชุมรับรองรายงานการประชุมครั้งที่ 1/2564 โดยไม่มีการแก้ไข",
        )
        first.refresh_from_db()
        if first.state != MeetingState.ADOPTED:
            services.adopt_minutes(
                actor=sec,
                meeting=first,
                method=AdoptionMethod.NEXT_MEETING,
                adopted_on=dt.date(2021, 5, 26),
                under_item=item2,
            )
    first.refresh_from_db()
    return first, second


def _yala(ctx) -> Meeting:
    sc = ctx["subcommittees"]["95"]
    sec = ctx["users"]["yala-secretariat"]
    starts = _at(2023, 9, 12, 9, 30)
    year = services.numbering_year(sc.numbering_basis, starts)
    meeting = _existing(sc, 3, year)
    if meeting is not None:
        return meeting
    seats = sorted(((i, m) for (code, i), m in ctx["seats"].items() if code == "95"), key=lambda x: x[0])
    meeting = services.schedule_meeting(
        actor=sec,
        subcommittee=sc,
        starts_at=starts,
        place=YALA_PLACE,
        chair_member=ctx["seats"][("95", 0)],
        chair_capacity="permanent_secretary",
        number=3,
    )
    meeting = services.fire_transition(actor=sec, meeting=meeting, name="hold")
    _attendance(sec, meeting, seats, absent={1: "ติดภารกิจ", 13: "ลาป่วย"})
    _item(
        sec,
        meeting,
        SectionType.FOR_INFORMATION,
        "การเสนอโครงการขอรับการสนับสนุนจากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์ (แบบ กปค.01)",
        ResolutionOutcome.ACKNOWLEDGED,
        "ที่ประชุมรับทราบ และให้หน่วยงานที่ประสงค์จะขอรับการสนับสนุนจัดทำโครงการตามแบบ กปค.01 "
        "เสนอผ่านคณะอนุกรรมการพิจารณาก่อน โดยโครงการต้องสอดคล้องกับยุทธศาสตร์ทั้ง 4 ด้าน",
        "ฝ่ายเลขานุการชี้แจงว่าหน่วยงานสามารถเสนอโครงการต่อกองทุนได้ "
        "โดยต้องผ่านความเห็นชอบของคณะอนุกรรมการ และตอบยุทธศาสตร์ 4 ด้าน "
        "(ด้านการดำเนินคดี ด้านการป้องกัน ด้านการช่วยเหลือคุ้มครอง และด้านฐานข้อมูล)",
    )
    _item(
        sec,
        meeting,
        SectionType.FOR_INFORMATION,
        "การประชาสัมพันธ์แอปพลิเคชัน PROTECT-U สำหรับแจ้งเบาะแสการค้ามนุษย์",
        ResolutionOutcome.ACKNOWLEDGED,
        "ที่ประชุมรับทราบ และขอให้ทุกหน่วยงานช่วยประชาสัมพันธ์แอปพลิเคชัน PROTECT-U",
    )
    _item(
        sec,
        meeting,
        SectionType.FOR_CONSIDERATION,
        "การจัดทำ (ร่าง) แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดยะลา ประจำปีงบประมาณ 2567",
        ResolutionOutcome.APPROVED_WITH_CHANGES,
        "ที่ประชุมเห็นชอบในหลักการ และให้ฝ่ายเลขานุการปรับปรุงกิจกรรมตามข้อเสนอของหน่วยงาน",
        presenter="พมจ.ยะลา",
    )
    _draft_minutes(sec, meeting, (12, 0))
    meeting.refresh_from_db()
    return meeting


def load(ctx: dict) -> dict:
    first, second = _samut_prakan(ctx)
    yala = _yala(ctx)
    return {"meetings": {"sp-1-2564": first, "sp-2-2564": second, "yala-2566-09-12": yala}}
