"""Situation reports: aggregate figures, breakdowns adding up, Thai messages, nothing saved half-way."""

import pytest
from django.db import IntegrityError, transaction

from actionplans.choices import DocState
from actionplans.models import SituationReport
from committees.choices import Role
from tests.actionplans import helpers

GOOD = {
    "year": "2566",
    "cases_sexual": "3",
    "cases_forced_labour": "2",
    "cases_begging": "1",
    "cases_forced_marriage": "0",
    "cases_other": "0",
    "cases_prosecuted": "5",
    "victims_total": "10",
    "victims_male": "4",
    "victims_female": "6",
    "victims_child": "3",
    "victims_adult": "7",
    "victims_assisted": "9",
    "nat_thai": "5",
    "nat_myanmar": "3",
    "nat_lao": "1",
    "nat_cambodian": "1",
    "nat_other": "0",
    "situation": "พบการแสวงประโยชน์ในภาคประมง",
    "risk_areas": "ท่าเรือประมง",
    "problems": "ล่ามไม่เพียงพอ",
    "recommendations": "เพิ่มล่าม",
}


@pytest.fixture
def post(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])

    def do(**changes):
        return c.post(f"/plans/situation/new/{world.own.code}/", {**GOOD, **changes})

    return do


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"victims_male": "5"}, "ผู้เสียหายจำแนกตามเพศ (ชาย 5 + หญิง 6 = 11 คน) ไม่เท่ากับผู้เสียหายทั้งหมด 10 คน"),
        ({"victims_child": "2"}, "ผู้เสียหายจำแนกตามช่วงอายุ (เด็ก 2 + ผู้ใหญ่ 7 = 9 คน) ไม่เท่ากับผู้เสียหายทั้งหมด 10 คน"),
        (
            {"nat_myanmar": "4"},
            "ผู้เสียหายจำแนกตามสัญชาติ (ไทย 5 + เมียนมา 4 + ลาว 1 + กัมพูชา 1 + อื่น ๆ 0 = 11 คน) ไม่เท่ากับผู้เสียหายทั้งหมด 10 คน",
        ),
        ({"cases_sexual": "2.5"}, "คดีแสวงประโยชน์ทางเพศ ต้องเป็นจำนวนเต็ม (ได้รับ “2.5”)"),
        ({"victims_female": "-6"}, "ผู้เสียหายเพศหญิง ต้องไม่ติดลบ (ได้รับ -6)"),
        ({"victims_assisted": "11"}, "ผู้เสียหายที่ได้รับการช่วยเหลือ 11 คน มากกว่าผู้เสียหายทั้งหมด 10 คน"),
        ({"year": "2023"}, "ดูเหมือนเป็นปีคริสต์ศักราช"),
    ],
)
def test_refused_figures_get_a_thai_message_and_nothing_is_saved(post, changes, message):
    resp = post(**changes)
    assert resp.status_code == 200
    assert message in resp.content.decode()
    assert not SituationReport.objects.exists()


def test_good_figures_are_saved_with_nationality_rows(post, world, client_for):
    resp = post()
    report = SituationReport.objects.get()
    assert resp["Location"] == f"/plans/situation/{report.pk}/"
    assert (report.year, report.cases_total, report.victims_total, report.state) == (2566, 6, 10, DocState.DRAFT)
    assert dict(report.nationalities.values_list("nationality", "victims")) == {
        "thai": 5,
        "myanmar": 3,
        "lao": 1,
        "cambodian": 1,
        "other": 0,
    }
    page = client_for(world.users[Role.MEMBER]).get(f"/plans/situation/{report.pk}/").content.decode()
    assert "สัญชาติเมียนมา" in page and "พบการแสวงประโยชน์ในภาคประมง" in page


def test_edit_keeps_the_old_figures_when_refused(post, world, client_for):
    post()
    report = SituationReport.objects.get()
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/plans/situation/{report.pk}/edit/", {**GOOD, "victims_total": "12"})
    assert "ไม่เท่ากับผู้เสียหายทั้งหมด 12 คน" in resp.content.decode()
    report.refresh_from_db()
    assert report.victims_total == 10
    resp = c.post(f"/plans/situation/{report.pk}/edit/", {**GOOD, "cases_other": "4", "problems": "ใหม่"})
    report.refresh_from_db()
    assert resp.status_code == 302 and (report.cases_other, report.problems) == (4, "ใหม่")


def test_approved_report_is_frozen_and_revised(post, world, client_for):
    post()
    report = helpers.approve(SituationReport.objects.get(), world)
    c = client_for(world.users[Role.SECRETARIAT])
    assert c.get(f"/plans/situation/{report.pk}/edit/").status_code == 404
    c.post(f"/plans/situation/{report.pk}/revise/")
    new = SituationReport.objects.get(revision=2)
    assert new.state == DocState.DRAFT and new.victims_total == 10 and new.nationalities.count() == 5
    helpers.approve(new, world)
    report.refresh_from_db()
    assert report.state == DocState.SUPERSEDED


def test_database_refuses_negative_figures(post):
    post()
    for field in ("victims_total", "cases_begging", "cases_prosecuted"):
        with pytest.raises(IntegrityError), transaction.atomic():
            SituationReport.objects.update(**{field: -1})
