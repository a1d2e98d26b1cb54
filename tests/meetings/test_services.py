"""Services: numbering, agenda, attendance rules, resolutions, conflicts, quorum per item."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from committees.choices import NumberingBasis
from meetings import selectors, services
from meetings.choices import AttendanceStatus, MeetingState, ResolutionOutcome, SectionType
from meetings.models import AgendaItem, Attendance, Meeting, Resolution
from tests.meetings.helpers import at, held, schedule

pytestmark = pytest.mark.django_db


def test_numbering_restarts_each_year_and_cancelled_keep_their_number(world):
    import datetime as dt

    from django.utils import timezone

    def on(y, m, d):
        return timezone.make_aware(dt.datetime(y, m, d, 9, 0))

    sec = world.users["secretariat"]
    m1 = schedule(world, starts_at=on(2021, 1, 27))
    m2 = schedule(world, starts_at=on(2021, 5, 1))
    services.fire_transition(actor=sec, meeting=m2, name="hold")
    m3 = schedule(world, starts_at=on(2021, 9, 1))
    services.fire_transition(actor=world.users["chair"], meeting=m3, name="cancel", reason="ติดภารกิจ")
    m4 = schedule(world, starts_at=on(2021, 11, 1))
    m5 = schedule(world, starts_at=on(2022, 1, 10))
    assert [m.label for m in (m1, m2, m3, m4, m5)] == [
        "ครั้งที่ 1/2564",
        "ครั้งที่ 2/2564",
        "ครั้งที่ 3/2564",
        "ครั้งที่ 4/2564",
        "ครั้งที่ 1/2565",
    ]
    m3.refresh_from_db()
    assert m3.state == MeetingState.CANCELLED and m3.cancelled_reason == "ติดภารกิจ"


def test_fiscal_numbering(world):
    import datetime as dt

    from django.utils import timezone

    world.other_sc.numbering_basis = NumberingBasis.FISCAL
    world.other_sc.save()
    m = schedule(world, province="other", starts_at=timezone.make_aware(dt.datetime(2023, 9, 12, 9, 30)))
    n = schedule(world, province="other", starts_at=timezone.make_aware(dt.datetime(2023, 10, 12, 9, 30)))
    assert m.label == "ครั้งที่ 1 ประจำปีงบประมาณ 2566"
    assert n.label == "ครั้งที่ 1 ประจำปีงบประมาณ 2567"
    assert (m.fiscal_year, n.fiscal_year) == (2566, 2567)


def test_same_number_twice_is_refused_and_nothing_is_stored(world):
    schedule(world, days=-400, number=1)
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as exc:
        schedule(world, days=-399, number=1)
    assert "มีการประชุมครั้งที่ 1/" in str(exc.value)
    assert Meeting.objects.count() == before


def test_six_sections_and_item_two_links_previous_minutes(world):
    first = schedule(world, days=-30)
    second = schedule(world, days=7, swap_follow_up=True)
    sections = list(second.agenda_items.filter(parent__isnull=True).order_by("order"))
    assert [s.section_type for s in sections] == [
        SectionType.CHAIR_INFORMS,
        SectionType.ADOPT_MINUTES,
        SectionType.FOR_INFORMATION,
        SectionType.FOLLOW_UP,
        SectionType.FOR_CONSIDERATION,
        SectionType.OTHER,
    ]
    assert sections[1].minutes_to_adopt == first
    assert first.label in sections[1].title
    services.swap_sections(actor=world.users["secretariat"], meeting=second)
    orders = dict(second.agenda_items.filter(parent__isnull=True).values_list("section_type", "order"))
    assert (orders[SectionType.FOLLOW_UP], orders[SectionType.FOR_INFORMATION]) == (3, 4)


def test_add_agenda_item_numbers_sub_items(world):
    m = schedule(world)
    sec = world.users["secretariat"]
    a = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผน")
    b = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="โครงการ")
    assert (a.number, b.number) == ("5.1", "5.2")
    with pytest.raises(PermissionDenied):
        services.add_agenda_item(
            actor=world.users["member"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="x"
        )
    with pytest.raises(PermissionDenied):
        services.add_agenda_item(
            actor=world.other_users["secretariat"], meeting=m, section_type=SectionType.OTHER, title="x"
        )


def test_missing_section_is_created(world):
    m = schedule(world)
    AgendaItem.objects.filter(meeting=m, section_type=SectionType.OTHER)._raw_delete("default")
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.OTHER, title="อื่น"
    )
    assert item.number == "6.1"


def test_stand_in_for_a_present_member_is_refused(world):
    m = held(world, present=2)
    member = world.seats["own"]["member"]
    with pytest.raises(ValidationError) as exc:
        services.set_stand_in(actor=world.users["secretariat"], meeting=m, member=member, name="นาย ก")
    assert "มาประชุมด้วยตนเองแล้ว" in str(exc.value)
    with pytest.raises(services.AttendanceErrors) as exc2:
        services.record_attendance(
            actor=world.users["secretariat"],
            meeting=m,
            rows=[
                {"member": world.seats["own"]["others"][0], "status": AttendanceStatus.ABSENT, "absence_reason": "ป่วย"},
                {"member": member, "status": AttendanceStatus.PRESENT, "person_name": "นาย ข"},
            ],
        )
    assert str(member.pk) in exc2.value.by_member
    # nothing stored half-way: the first row's change did not happen
    assert Attendance.objects.get(meeting=m, member=world.seats["own"]["others"][0]).absence_reason == ""


def test_stand_in_counts_toward_quorum_and_conflicts_are_excluded(world):
    m = held(world, present=3)  # 6 members: chair, member, others[0] present
    sec = world.users["secretariat"]
    q = selectors.meeting_quorum(m)
    assert (q.members, q.present, q.required, q.met) == (6, 3, 3, True)
    services.set_stand_in(
        actor=sec, meeting=m, member=world.seats["own"]["others"][1], name="นาย แทน", position="รองหัวหน้า"
    )
    assert selectors.meeting_quorum(m).present == 4
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="โครงการ")
    services.declare_conflict(actor=sec, agenda_item=item, member=world.seats["own"]["member"], reason="เป็นผู้เสนอ")
    services.declare_conflict(actor=sec, agenda_item=item, member=world.seats["own"]["others"][3], reason="ญาติผู้เสนอ")
    q = selectors.item_quorum(item)
    assert (q.members, q.present, q.required, q.met) == (4, 3, 2, True)
    with pytest.raises(ValidationError):
        services.declare_conflict(actor=sec, agenda_item=item, member=world.seats["own"]["member"], reason="ซ้ำ")
    assert selectors.present_member_ids(m) >= {world.seats["own"]["chair"].pk}


def test_member_declares_only_own_conflict(world):
    m = held(world)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="x"
    )
    services.declare_conflict(
        actor=world.users["member"], agenda_item=item, member=world.seats["own"]["member"], reason="ผู้เสนอ"
    )
    with pytest.raises(PermissionDenied):
        services.declare_conflict(
            actor=world.users["member"], agenda_item=item, member=world.seats["own"]["chair"], reason="x"
        )


def test_record_resolution_creates_then_updates_and_refuses_empty(world):
    m = held(world)
    sec = world.users["secretariat"]
    item = services.add_agenda_item(actor=sec, meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="แผน")
    with pytest.raises(ValidationError):
        services.record_resolution(actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="  ")
    r1 = services.record_resolution(actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="เห็นชอบ")
    r2 = services.record_resolution(
        actor=sec, agenda_item=item, outcome=ResolutionOutcome.APPROVED_WITH_CHANGES, text="เห็นชอบโดยแก้ไข"
    )
    assert r1.pk == r2.pk and Resolution.objects.get(pk=r1.pk).outcome == ResolutionOutcome.APPROVED_WITH_CHANGES


def test_scheduled_meeting_cannot_be_held_before_its_time(world):
    m = schedule(world, days=3)
    from core.workflow import TransitionRefused

    with pytest.raises(TransitionRefused):
        services.fire_transition(actor=world.users["secretariat"], meeting=m, name="hold")
    assert at(3) > m.created_at


def test_chair_may_record_a_resolution_but_a_member_may_not(world):
    m = held(world)
    item = services.add_agenda_item(
        actor=world.users["secretariat"], meeting=m, section_type=SectionType.FOR_CONSIDERATION, title="โครงการ"
    )
    services.record_resolution(
        actor=world.users["chair"], agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="เห็นชอบ"
    )
    with pytest.raises(PermissionDenied):
        services.record_resolution(
            actor=world.users["member"], agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="x"
        )
    with pytest.raises(PermissionDenied):
        services.record_resolution(
            actor=world.other_users["chair"], agenda_item=item, outcome=ResolutionOutcome.APPROVED, text="x"
        )
    assert Resolution.objects.get(agenda_item=item).text == "เห็นชอบ"
