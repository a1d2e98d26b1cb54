import pytest
from django.db import IntegrityError, transaction

from committees.choices import Role
from committees.models import RiskGroupAssignment
from core.models import AuditEvent
from tests.factories import province


@pytest.fixture
def national(world, client_for):
    return client_for(world.users[Role.NATIONAL])


def _sheet(groups: dict[str, str], source="หนังสือ ที่ พม 0211/ว 1"):
    return {"source_document": source, **{f"g_{code}": g for code, g in groups.items()}}


def test_national_officer_sets_groups_on_one_sheet(national, world):
    RiskGroupAssignment.objects.create(province=province("11"), fiscal_year=2563, group="B")
    page = national.get("/risk-groups/2564/")
    assert page.status_code == 200
    assert page.content.decode().count("<select") == 77
    resp = national.post("/risk-groups/2564/", _sheet({"11": "C", "95": "A"}))
    assert resp.status_code == 302
    assert RiskGroupAssignment.objects.get(province__code="11", fiscal_year=2564).group == "C"
    assert RiskGroupAssignment.objects.get(province__code="95", fiscal_year=2564).group == "A"
    event = AuditEvent.objects.get(action="risk_group.set", province__code="11")
    assert event.actor == world.users[Role.NATIONAL]
    assert event.changes["group"] == [None, "C"]
    # the previous year is shown beside the current one
    assert "risk-B" in national.get("/risk-groups/2564/").content.decode()


def test_changing_a_group_is_audited_with_before_and_after(national):
    national.post("/risk-groups/2564/", _sheet({"11": "C"}))
    national.post("/risk-groups/2564/", _sheet({"11": "B"}, source="หนังสือแก้ไข"))
    assert RiskGroupAssignment.objects.filter(province__code="11", fiscal_year=2564).count() == 1
    last = AuditEvent.objects.filter(action="risk_group.set").first()
    assert last.changes["group"] == ["C", "B"]


def test_a_blank_choice_never_removes_a_decided_group(national):
    national.post("/risk-groups/2564/", _sheet({"11": "C"}))
    national.post("/risk-groups/2564/", _sheet({"11": ""}))
    assert RiskGroupAssignment.objects.get(province__code="11", fiscal_year=2564).group == "C"


def test_one_group_per_province_and_year_is_held_by_the_database(world):
    RiskGroupAssignment.objects.create(province=province("11"), fiscal_year=2564, group="C")
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskGroupAssignment.objects.create(province=province("11"), fiscal_year=2564, group="A")


def test_an_unknown_province_code_is_refused_and_nothing_changes(national):
    national.post("/risk-groups/2564/", _sheet({"11": "C"}))
    resp = national.post("/risk-groups/import/", {"fiscal_year": "2564", "lines": "11,A\n99,B", "source_document": ""})
    assert resp.status_code == 200
    assert "ไม่พบรหัสจังหวัด: 99" in resp.content.decode()
    assert RiskGroupAssignment.objects.get(province__code="11", fiscal_year=2564).group == "C"


def test_a_second_group_for_the_same_province_and_year_is_refused(national):
    resp = national.post("/risk-groups/import/", {"fiscal_year": "2564", "lines": "11,A\n11,B"})
    assert "มีมากกว่าหนึ่งกลุ่มในปีเดียวกัน" in resp.content.decode()
    assert not RiskGroupAssignment.objects.filter(fiscal_year=2564).exists()


def test_a_christian_era_year_is_refused_with_a_thai_message(national):
    resp = national.post("/risk-groups/import/", {"fiscal_year": "2024", "lines": "11,A"})
    assert resp.status_code == 200
    assert "ดูเหมือนเป็นปีคริสต์ศักราช" in resp.content.decode()
    assert not RiskGroupAssignment.objects.exists()


def test_a_fiscal_year_out_of_range_in_the_address_is_refused(national):
    resp = national.get("/risk-groups/2024/", follow=True)
    assert "คริสต์ศักราช" in resp.content.decode()
    resp = national.get("/risk-groups/2700/", follow=True)
    assert "ปีงบประมาณต้องอยู่ระหว่าง" in resp.content.decode()


def test_an_invalid_group_letter_is_refused(national):
    resp = national.post("/risk-groups/import/", {"fiscal_year": "2564", "lines": "11,E"})
    assert "ต้องเป็น A, B, C หรือ D" in resp.content.decode()


def test_province_list_filters_by_group_region_and_year(world, client_for):
    national = client_for(world.users[Role.NATIONAL])
    national.post("/risk-groups/2564/", _sheet({"11": "C", "95": "A", "90": "A"}))
    text = national.get("/provinces/?fiscal_year=2564&group=A").content.decode()
    assert "ยะลา" in text and "สงขลา" in text and "สมุทรปราการ" not in text
    text = national.get("/provinces/?fiscal_year=2564&group=A&region=south").content.decode()
    assert "ยะลา" in text
    text = national.get("/provinces/?fiscal_year=2565&group=A").content.decode()
    assert "ยะลา" not in text


def test_province_page_shows_its_history_and_subcommittee(world, client_for):
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=2563, group="B", source_document="หนังสือ 2563")
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=2564, group="C")
    text = client_for(world.users[Role.MEMBER]).get(f"/provinces/{world.own.code}/").content.decode()
    assert "ปีงบประมาณ 2564" in text and "ปีงบประมาณ 2563" in text and "หนังสือ 2563" in text
    assert world.seats["own"]["chair"].full_name in text
    assert "ผู้ว่าราชการจังหวัด" in text
