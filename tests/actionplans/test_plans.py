"""Plans through HTTP: copy from last year, activities, approval at a meeting, revisions, progress and totals."""

import datetime as dt
from decimal import Decimal

from actionplans import selectors, services
from actionplans.choices import DocState
from actionplans.models import ActionPlan, Activity, Progress
from committees.choices import Role
from committees.models import RiskGroupAssignment
from core.models import AuditEvent
from core.pillars import Pillar
from tests.actionplans import helpers
from tests.actionplans.matrix import png

ACTIVITY_POST = {
    "pillar": Pillar.PROTECTION,
    "strategy": "คุ้มครองผู้เสียหาย",
    "name": "ประชุมทีมสหวิชาชีพ",
    "target_quantity": "3",
    "target_unit": "ครั้ง",
    "q2": "on",
    "q3": "on",
    "budget": "15000.50",
    "budget_source": "fund",
    "responsible_agency": "บ้านพักเด็กและครอบครัวจังหวัด",
    "order": "",
}


def test_copy_last_years_plan(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    last = helpers.approve(helpers.plan(world, fiscal_year=2566, activities=3), world)
    c = client_for(sec)
    resp = c.post(f"/plans/new/{world.own.code}/", {"fiscal_year": "2567", "copy_last_year": "on"})
    new = ActionPlan.objects.get(fiscal_year=2567)
    assert resp.status_code == 302 and resp["Location"] == f"/plans/{new.pk}/"
    assert new.state == DocState.DRAFT and new.copied_from == last and new.revision == 1
    assert list(new.activities.values_list("name", "target_quantity", "budget")) == list(
        last.activities.values_list("name", "target_quantity", "budget")
    )
    assert not Progress.objects.filter(activity__plan=new).exists()
    assert new.title.endswith("ประจำปีงบประมาณ 2567")
    assert AuditEvent.objects.filter(action="actionplan.create", province=world.own).exists()
    # a second plan for the same year is refused, with a reason
    again = c.post(f"/plans/new/{world.own.code}/", {"fiscal_year": "2567", "copy_last_year": "on"})
    assert "มีแผนปฏิบัติการปีงบประมาณ 2567 อยู่แล้ว" in again.content.decode()
    assert ActionPlan.objects.filter(fiscal_year=2567).count() == 1


def test_copy_refused_when_there_is_no_plan_last_year(world, client_for):
    c = client_for(world.users[Role.SECRETARIAT])
    resp = c.post(f"/plans/new/{world.own.code}/", {"fiscal_year": "2567", "copy_last_year": "on"})
    assert resp.status_code == 200
    assert "ไม่พบแผนปฏิบัติการปีงบประมาณ 2566 ที่จะคัดลอก" in resp.content.decode()
    assert not ActionPlan.objects.exists()
    resp = c.post(f"/plans/new/{world.own.code}/", {"fiscal_year": "2567"})
    assert resp.status_code == 302 and ActionPlan.objects.get().activities.count() == 0


def test_add_activity_and_refusals(world, client_for):
    plan = helpers.plan(world, activities=0)
    c = client_for(world.users[Role.SECRETARIAT])
    url = f"/plans/{plan.pk}/activities/add/"
    no_quarter = {k: v for k, v in ACTIVITY_POST.items() if k not in ("q2", "q3")}
    resp = c.post(url, no_quarter)
    assert "กรุณาเลือกไตรมาสที่ดำเนินกิจกรรมอย่างน้อยหนึ่งไตรมาส" in resp.content.decode()
    resp = c.post(url, {**ACTIVITY_POST, "budget": "-1"})
    assert "งบประมาณต้องไม่ติดลบ" in resp.content.decode()
    assert not Activity.objects.exists()
    resp = c.post(url, ACTIVITY_POST)
    assert resp.status_code == 302
    act = Activity.objects.get()
    assert (act.order, act.quarters, act.budget, act.target_label) == (1, [2, 3], Decimal("15000.50"), "3 ครั้ง")
    page = c.get(f"/plans/{plan.pk}/").content.decode()
    assert "ประชุมทีมสหวิชาชีพ" in page and "15,000.50" in page


def test_plan_page_shows_the_risk_group_of_that_year(world, client_for):
    plan = helpers.plan(world)
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=2567, group="C")
    RiskGroupAssignment.objects.create(province=world.own, fiscal_year=2566, group="A")
    page = client_for(world.users[Role.MEMBER]).get(f"/plans/{plan.pk}/").content.decode()
    assert 'class="badge risk risk-C"' in page and "risk-A" not in page


def test_propose_and_approve_through_pages(world, client_for):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world)
    meeting = helpers.meeting(world.own_sc, sec)
    c = client_for(sec)
    resp = c.post(f"/plans/{plan.pk}/do/propose/", {"meeting": meeting.pk})
    assert resp.status_code == 302
    plan.refresh_from_db()
    assert plan.state == DocState.PROPOSED and plan.agenda_item.meeting == meeting
    other_sec = world.other_users[Role.SECRETARIAT]
    foreign = helpers.resolution(helpers.meeting(world.other_sc, other_sec), other_sec)
    resp = c.post(f"/plans/{plan.pk}/do/approve/", {"resolution": foreign.pk})
    assert resp.status_code == 200  # not among the choices: the other province's resolution is not even offered
    plan.refresh_from_db()
    assert plan.state == DocState.PROPOSED
    res = helpers.resolution(meeting, sec, item=plan.agenda_item)
    form = c.get(f"/plans/{plan.pk}/do/approve/").content.decode()
    assert f'value="{res.pk}" selected' in form and f'value="{foreign.pk}"' not in form
    resp = c.post(f"/plans/{plan.pk}/do/approve/", {"resolution": res.pk})
    assert resp.status_code == 302
    plan.refresh_from_db()
    assert plan.state == DocState.APPROVED and plan.resolution == res
    page = c.get(f"/plans/{plan.pk}/").content.decode()
    assert meeting.label in page and 'data-testid="add-activity"' not in page and 'data-testid="revise"' in page
    # frozen: the edit pages are gone
    assert c.get(f"/plans/{plan.pk}/activities/add/").status_code == 404
    assert c.get(f"/plans/activities/{plan.activities.first().pk}/edit/").status_code == 404
    # a new revision through the page; the approved one stays
    resp = c.post(f"/plans/{plan.pk}/revise/")
    new = ActionPlan.objects.get(revision=2)
    assert resp["Location"] == f"/plans/{new.pk}/" and new.state == DocState.DRAFT
    plan.refresh_from_db()
    assert plan.state == DocState.APPROVED


def test_progress_through_the_page(world, client_for):
    plan = helpers.plan(world)
    act = plan.activities.get()
    c = client_for(world.users[Role.SECRETARIAT])
    url = f"/plans/activities/{act.pk}/progress/1/"
    bad = c.post(url, {"done": "อบรม", "quantity_achieved": "1.5", "budget_spent": "100"})
    assert "ผลที่ได้ (จำนวน) ต้องเป็นจำนวนเต็ม (ได้รับ “1.5”)" in bad.content.decode()
    bad = c.post(url, {"done": "อบรม", "quantity_achieved": "1", "budget_spent": "-5"})
    assert "งบประมาณที่ใช้ต้องไม่ติดลบ" in bad.content.decode()
    fake = c.post(url, {"done": "อบรม", "quantity_achieved": "1", "budget_spent": "5", "file": _fake_pdf()})
    assert "ไม่ใช่ PDF" in fake.content.decode()
    assert not Progress.objects.exists()
    ok = c.post(url, {"done": "อบรม 1 รุ่น", "quantity_achieved": "1", "budget_spent": "9500.25", "file": png()})
    assert ok.status_code == 302
    p = Progress.objects.get()
    assert (p.quarter, p.quantity_achieved, p.budget_spent) == (1, 1, Decimal("9500.25"))
    att = p.attachments.get()
    assert att.display_name == "photo.png"
    download = client_for(world.users[Role.VIEWER]).get(f"/plans/files/{att.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert client_for(world.other_users[Role.SECRETARIAT]).get(f"/plans/files/{att.pk}/").status_code == 404
    # correcting the same quarter updates it, never a second row
    c.post(url, {"done": "อบรม 1 รุ่น (แก้ไข)", "quantity_achieved": "2", "budget_spent": "9500.25"})
    assert Progress.objects.get().quantity_achieved == 2


def _fake_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("report.pdf", b"MZ this is a program", content_type="application/pdf")


def test_totals_by_pillar_and_late_are_computed_by_the_database(world):
    sec = world.users[Role.SECRETARIAT]
    plan = helpers.plan(world, activities=0)
    a = helpers.activity(plan, sec, pillar=Pillar.PREVENTION, target_quantity=4, budget=Decimal("100"))
    b = helpers.activity(
        plan, sec, pillar=Pillar.PREVENTION, target_quantity=2, q1=False, q2=False, q3=False, budget=Decimal("50")
    )
    c = helpers.activity(plan, sec, pillar=Pillar.DATABASE, target_quantity=10, budget=Decimal("0.10"))
    for act, q, qty, spent in ((a, 1, 1, "10.05"), (a, 2, 2, "20.10"), (c, 1, 20, "0.05")):
        services.record_progress(
            actor=sec, activity=act, quarter=q, done="x", quantity_achieved=qty, budget_spent=Decimal(spent)
        )
    # end of Q2 of FY 2567 has passed: a is due 2 of 4 (has 3), b's only quarter (Q4) has not ended, c over target
    today = dt.date(2024, 4, 15)
    rows = {r.pk: r for r in selectors.activities_with_progress(plan, today)}
    assert (rows[a.pk].achieved, rows[a.pk].spent, rows[a.pk].percent, rows[a.pk].is_late) == (
        3,
        Decimal("30.15"),
        75,
        False,
    )
    assert (rows[b.pk].achieved, rows[b.pk].percent, rows[b.pk].is_late) == (0, 0, False)
    assert (rows[c.pk].percent, rows[c.pk].is_late) == (100, False)  # capped at 100
    pillars = {p.code: p for p in selectors.pillar_summary(plan, today)}
    assert (pillars["prevention"].activities, pillars["prevention"].percent) == (2, 38)  # (75 + 0) / 2
    assert (pillars["prevention"].budget, pillars["prevention"].spent) == (Decimal("150"), Decimal("30.15"))
    assert (pillars["database"].percent, pillars["protection"].activities) == (100, 0)
    # after Q3 ends, a is due 3 of 4 and has 3: still fine; after the year ends b is late (nothing done)
    late_day = dt.date(2024, 10, 2)
    rows = {r.pk: r for r in selectors.activities_with_progress(plan, late_day)}
    assert (rows[a.pk].is_late, rows[b.pk].is_late, rows[c.pk].is_late) == (True, True, False)
    totals = selectors.plan_totals(plan, late_day)
    assert totals == {
        "activities": 3,
        "budget": Decimal("150.10"),
        "spent": Decimal("30.20"),
        "percent": 58,  # (75 + 0 + 100) / 3
        "late": 2,
    }
    assert selectors.pillar_summary(plan, late_day)[1].late == 2  # prevention


def test_quarter_ends_and_due_dates():
    assert selectors.quarter_end(2567, 1) == dt.date(2023, 12, 31)
    assert selectors.quarter_end(2567, 4) == dt.date(2024, 9, 30)
    assert selectors.due_date(2567, "12-31") == dt.date(2023, 12, 31)
    assert selectors.due_date(2567, "03-31") == dt.date(2024, 3, 31)


def test_list_filters_by_province_within_scope(world, client_for):
    helpers.plan(world)
    helpers.plan(world, sc=world.other_sc)
    national = client_for(world.users[Role.NATIONAL])
    page = national.get(f"/plans/?province={world.other.code}").content.decode()
    assert "ยะลา ประจำปีงบประมาณ" in page and "สมุทรปราการ ประจำปีงบประมาณ" not in page
    member = client_for(world.users[Role.MEMBER])
    assert member.get(f"/plans/?province={world.other.code}").status_code == 404
    assert member.get(f"/plans/situation/?province={world.other.code}").status_code == 404
    page = member.get(f"/plans/?province={world.own.code}&fiscal_year=2567").content.decode()
    assert "สมุทรปราการ ประจำปีงบประมาณ 2567" in page and "ยะลา" not in page


def test_plan_page_says_what_is_late(world, client_for):
    plan = helpers.plan(world, fiscal_year=2566)  # FY 2566 has ended: every quarter is due
    page = client_for(world.users[Role.CHAIR]).get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="late"' in page and "ควรได้อย่างน้อย 4 รุ่น" in page
    assert 'data-testid="total-late" class="text-danger">1<' in page
