"""The demo meetings hold the two real cases of DESIGN.md, and loading twice adds nothing."""

import pytest

from meetings.choices import AdoptionMethod, MeetingState, ResolutionOutcome
from meetings.models import Attendance, Meeting, MinutesVersion, Resolution

pytestmark = pytest.mark.django_db


def _load():
    from committees import demo as committees_demo
    from meetings import demo

    ctx = committees_demo.load({})
    return demo.load(ctx)


def test_demo_meetings_and_idempotence():
    result = _load()
    counts = (
        Meeting.objects.count(),
        Resolution.objects.count(),
        Attendance.objects.count(),
        MinutesVersion.objects.count(),
    )
    again = _load()
    assert counts == (
        Meeting.objects.count(),
        Resolution.objects.count(),
        Attendance.objects.count(),
        MinutesVersion.objects.count(),
    )
    assert {k: m.pk for k, m in result["meetings"].items()} == {k: m.pk for k, m in again["meetings"].items()}

    sp1 = result["meetings"]["sp-1-2564"]
    assert sp1.label == "ครั้งที่ 1/2564" and sp1.state == MeetingState.ADOPTED
    assert sp1.place == "ห้องประชุมศาลากลางจังหวัดสมุทรปราการ"
    assert sp1.chair_capacity == "governor"
    minutes = sp1.minutes
    assert minutes.adoption_method == AdoptionMethod.NEXT_MEETING
    assert minutes.adopted_under_item.meeting == result["meetings"]["sp-2-2564"]
    outcomes = list(
        Resolution.objects.filter(agenda_item__meeting=sp1, agenda_item__parent__isnull=False)
        .order_by("agenda_item__parent__order", "agenda_item__order")
        .values_list("outcome", flat=True)
    )
    assert outcomes == [
        ResolutionOutcome.ACKNOWLEDGED,
        ResolutionOutcome.ACKNOWLEDGED,
        ResolutionOutcome.APPROVED,
        ResolutionOutcome.APPROVED,
    ]
    text = minutes.versions.get(number=minutes.adopted_version).text
    assert "เมื่อวันที่ 27 มกราคม 2564" in text and "มาประชุมแทน" in text and "ผู้เข้าร่วมประชุม" in text
    assert "เริ่มประชุมเวลา 13.30 น." in text

    yala = result["meetings"]["yala-2566-09-12"]
    assert yala.label == "ครั้งที่ 3 ประจำปีงบประมาณ 2566"
    assert yala.state == MeetingState.MINUTES_DRAFTED
    assert yala.chair_capacity == "permanent_secretary"
    titles = " ".join(yala.agenda_items.values_list("title", flat=True))
    assert "PROTECT-U" in titles and "กปค.01" in titles and "2567" in titles
