"""The list pages' cached parts (issue #12): a change shows on the next request, no one is
served another scope's rows, and a lost cache only costs the computing."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from committees.choices import Role
from fundproposals import services as proposal_services
from fundproposals.choices import ProposalState
from fundproposals.models import Proposal
from tests.factories import RoleGrantFactory, UserFactory
from tests.fundproposals.helpers import complete_proposal

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {"BACKEND": "core.cache.SafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
}


def _row(html: str, text: str) -> str:
    start = html.rindex("<tr", 0, html.index(text))
    return html[start : html.index("</tr>", start)]


def test_proposal_list_shows_a_change_on_the_next_request(world, client_for):
    p = complete_proposal(world, title="โครงการเดิม", state=ProposalState.SUBMITTED, requested="100000.00")
    reader = client_for(world.users[Role.SECRETARIAT])
    before = reader.get("/proposals/").content.decode()
    assert "โครงการเดิม" in before and "100,000.00" in before
    assert reader.get("/proposals/").content.decode().count("โครงการเดิม") == 1  # served from the cache
    # the proposer withdraws it through the page: the state shows at once
    proposer = client_for(world.users[Role.PROPOSER])
    assert proposer.post(f"/proposals/{p.pk}/step/withdraw/", {"reason": "ยกเลิก"}).status_code == 302
    after = reader.get("/proposals/").content.decode()
    assert str(ProposalState.WITHDRAWN.label) in _row(after, "โครงการเดิม")
    # an edited title and amount, in the rows and in the totals
    draft = complete_proposal(world, title="ร่างโครงการ", requested="1000.00")
    reader.get("/proposals/")
    proposal_services.update_proposal(
        actor=world.users[Role.PROPOSER], proposal=draft, fields={"title": "ชื่อใหม่", "requested_amount": 2500}
    )
    after = reader.get("/proposals/").content.decode()
    assert "ชื่อใหม่" in after and "ร่างโครงการ" not in after
    assert "102,500.00" in after  # the pillar's total: 100,000 + 2,500


def test_a_write_committed_with_an_older_stamp_still_changes_the_version(world, client_for):
    """Two writers: the one that started first commits last, its ``updated_at`` older than the
    newest row's. The count and the newest stamp are unchanged; the version is not."""
    a = complete_proposal(world, title="ก")
    complete_proposal(world, title="ข")
    reader = client_for(world.users[Role.NATIONAL])
    assert ">ก<" in reader.get("/proposals/").content.decode()
    older = timezone.now() - dt.timedelta(minutes=5)
    Proposal.objects.filter(pk=a.pk).update(title="ก2", updated_at=older)
    assert ">ก2<" in reader.get("/proposals/").content.decode()


def test_proposal_list_is_never_served_across_scopes(world, client_for):
    complete_proposal(world, title="โครงการสมุทรปราการ")
    complete_proposal(world, province=world.other, title="โครงการยะลา")
    national = client_for(world.users[Role.NATIONAL]).get("/proposals/").content.decode()
    assert "โครงการสมุทรปราการ" in national and "โครงการยะลา" in national
    for users, mine, theirs in (
        (world.users, "โครงการสมุทรปราการ", "โครงการยะลา"),
        (world.other_users, "โครงการยะลา", "โครงการสมุทรปราการ"),
    ):
        for role in (Role.SECRETARIAT, Role.MEMBER):
            html = client_for(users[role]).get("/proposals/").content.decode()
            assert mine in html and theirs not in html, role
    # the filter's provinces too: one province's reader is offered only their province
    html = client_for(world.other_users[Role.SECRETARIAT]).get("/proposals/").content.decode()
    assert world.other.name_th in html and f">{world.own.name_th}<" not in html


def test_two_proposers_of_one_province_each_see_their_own(world, client_for):
    second = UserFactory(username="second-proposer")
    RoleGrantFactory(user=second, role=Role.PROPOSER, province=world.own)
    complete_proposal(world, title="ของผู้เสนอคนแรก")
    complete_proposal(world, owner=second, title="ของผู้เสนอคนที่สอง")
    first = client_for(world.users[Role.PROPOSER]).get("/proposals/").content.decode()
    other = client_for(second).get("/proposals/").content.decode()
    assert "ของผู้เสนอคนแรก" in first and "ของผู้เสนอคนที่สอง" not in first
    assert "ของผู้เสนอคนที่สอง" in other and "ของผู้เสนอคนแรก" not in other


def test_cached_rows_follow_the_language(world, client_for):
    complete_proposal(world, title="โครงการ", state=ProposalState.SUBMITTED)
    c = client_for(world.users[Role.SECRETARIAT])
    thai = c.get("/proposals/").content.decode()
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = c.get("/proposals/").content.decode()
    assert "ทุกจังหวัด" in thai and "ทุกจังหวัด" not in english


@override_settings(CACHES=DOWN)
def test_list_pages_compute_when_the_cache_is_down(world, client_for, monkeypatch):
    monkeypatch.setattr("reports.services.take_announcements", lambda **kw: [])
    complete_proposal(world, title="โครงการสมุทรปราการ")
    c = client_for(world.users[Role.SECRETARIAT])
    html = c.get("/proposals/").content.decode()
    assert "โครงการสมุทรปราการ" in html
    for url in ("/reports/", "/plans/", "/plans/situation/", "/meetings/", "/audit/", f"/provinces/{world.own.code}/"):
        assert c.get(url).status_code == 200, url


def _job(world, province, title, state):
    from reports.choices import ReportKind
    from reports.models import ReportJob

    return ReportJob.objects.create(
        kind=ReportKind.ANNUAL_PROVINCE,
        province=province,
        fiscal_year=2567,
        title=title,
        requested_by=world.users[Role.CHAIR],
        state=state,
        fingerprint="f",
    )


def test_report_list_follows_a_job_and_keeps_provinces_apart(world, client_for):
    from reports.choices import JobState

    job = _job(world, world.own, "รายงานสมุทรปราการ", JobState.BUILDING)
    _job(world, world.other, "รายงานยะลา", JobState.QUEUED)
    reader = client_for(world.users[Role.MEMBER])
    html = reader.get("/reports/").content.decode()
    assert 'data-state="building"' in html and "รายงานยะลา" not in html
    job.state = JobState.READY  # the worker's write: ``save()`` stamps ``updated_at``
    job.pages = 3
    job.file.save("r.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    job.save()
    html = reader.get("/reports/").content.decode()
    assert 'data-state="ready"' in html and 'data-state="building"' not in html
    other = client_for(world.other_users[Role.MEMBER]).get("/reports/").content.decode()
    assert "รายงานยะลา" in other and "รายงานสมุทรปราการ" not in other
    national = client_for(world.users[Role.NATIONAL]).get("/reports/").content.decode()
    assert "รายงานยะลา" in national and "รายงานสมุทรปราการ" in national


def test_plan_list_follows_activities_and_keeps_provinces_apart(world, client_for):
    from tests.actionplans.helpers import activity, plan

    own = plan(world, activities=1)
    plan(world, sc=world.other_sc, activities=1)
    reader = client_for(world.users[Role.MEMBER])
    html = reader.get("/plans/").content.decode()
    assert "40,000.00" in _row(html, f"/plans/{own.pk}/") and world.other.name_th not in html
    # a new activity (through the service the activity form uses) shows in the count and budget
    activity(own, world.users[Role.SECRETARIAT], name="กิจกรรมใหม่", budget="2500.00")
    row = _row(reader.get("/plans/").content.decode(), f"/plans/{own.pk}/")
    assert "42,500.00" in row and ">2<" in row
    other = client_for(world.other_users[Role.MEMBER]).get("/plans/").content.decode()
    assert f"/plans/{own.pk}/" not in other and world.other.name_th in other
    national = client_for(world.users[Role.NATIONAL]).get("/plans/").content.decode()
    assert f"/plans/{own.pk}/" in national and world.other.name_th in national


def test_province_page_follows_its_members_through_the_pages(world, client_for):
    from tests.committees.test_subcommittee import _member_form

    secretariat = client_for(world.users[Role.SECRETARIAT])
    member = client_for(world.users[Role.MEMBER])
    url = f"/provinces/{world.own.code}/"
    before = member.get(url).content.decode()
    assert "นายทดสอบ ระบบงาน" not in before and "/members/add/" not in before
    assert "/members/add/" in secretariat.get(url).content.decode()  # the same rows, the secretariat's buttons
    assert secretariat.post(f"{url}members/add/", _member_form()).status_code == 302
    after = member.get(url).content.decode()
    assert "นายทดสอบ ระบบงาน" in after and "/members/add/" not in after
    seat = world.seats["own"]["others"][0]
    data = _member_form(full_name="ชื่อที่แก้ไขแล้ว", position=seat.position, term_start="01/10/2563")
    assert secretariat.post(f"/members/{seat.pk}/edit/", data).status_code == 302
    assert "ชื่อที่แก้ไขแล้ว" in member.get(url).content.decode()
    # the other province's readers never reach this page, cached or not
    assert client_for(world.other_users[Role.MEMBER]).get(url).status_code == 404
    other = client_for(world.other_users[Role.SECRETARIAT]).get(f"/provinces/{world.other.code}/").content.decode()
    assert "นายทดสอบ ระบบงาน" not in other and "ชื่อที่แก้ไขแล้ว" not in other


def test_meeting_list_follows_items_and_places_and_keeps_provinces_apart(world, client_for):
    from meetings import services as meeting_services
    from meetings.choices import SectionType
    from tests.actionplans.helpers import meeting

    secretariat = world.users[Role.SECRETARIAT]
    own = meeting(world.own_sc, secretariat, held=False)
    meeting(world.other_sc, world.other_users[Role.SECRETARIAT], held=False)
    reader = client_for(world.users[Role.MEMBER])
    html = reader.get("/meetings/").content.decode()
    assert "ห้องประชุมศาลากลางจังหวัด" in _row(html, f"/meetings/{own.pk}/") and world.other.name_th not in html
    meeting_services.add_agenda_item(
        actor=secretariat, meeting=own, section_type=SectionType.FOR_CONSIDERATION, title="เรื่องใหม่"
    )
    assert "<td>1</td>" in _row(reader.get("/meetings/").content.decode(), f"/meetings/{own.pk}/")
    own.place = "ห้องประชุมใหม่"
    own.save()
    assert "ห้องประชุมใหม่" in reader.get("/meetings/").content.decode()
    other = client_for(world.other_users[Role.MEMBER]).get("/meetings/").content.decode()
    assert f"/meetings/{own.pk}/" not in other and world.other.name_th in other


def test_audit_list_shows_a_new_event_at_once_and_only_in_its_scope(world, client_for):
    from tests.committees.test_subcommittee import _member_form

    own, other = client_for(world.users[Role.SECRETARIAT]), client_for(world.other_users[Role.SECRETARIAT])
    national = client_for(world.users[Role.NATIONAL])
    for c in (own, other, national):
        assert "ผู้ถูกบันทึกใหม่" not in c.get("/audit/").content.decode()
    own.post(f"/provinces/{world.own.code}/members/add/", _member_form(full_name="ผู้ถูกบันทึกใหม่"))
    assert "ผู้ถูกบันทึกใหม่" in own.get("/audit/").content.decode()
    assert "ผู้ถูกบันทึกใหม่" in national.get("/audit/").content.decode()
    assert "ผู้ถูกบันทึกใหม่" not in other.get("/audit/").content.decode()
    assert "ผู้ถูกบันทึกใหม่" in national.get(f"/audit/?province={world.own.code}").content.decode()
    assert "ผู้ถูกบันทึกใหม่" not in national.get(f"/audit/?province={world.other.code}").content.decode()


def test_risk_group_sheet_shows_a_saved_group_on_the_next_read(world, client_for):
    national = client_for(world.users[Role.NATIONAL])
    before = national.get("/risk-groups/2567/").content.decode()
    assert before.count("<select") == 77 and "csrfmiddlewaretoken" in before
    sheet = {"source_document": "หนังสือ ที่ พม 0211/ว 9", f"g_{world.own.code}": "C"}
    assert national.post("/risk-groups/2567/", sheet).status_code == 302
    after = national.get("/risk-groups/2567/").content.decode()
    select = after[after.index(f'name="g_{world.own.code}"') :]
    select = select[: select.index("</select>")]
    assert '<option value="C" selected>' in select and "0211/ว 9" in after
    # a refused sheet is drawn from what was sent, with its errors, never from the cache
    refused = national.post("/risk-groups/2567/", {**sheet, f"g_{world.own.code}": "Z"}).content.decode()
    assert "is-invalid" in refused


def test_situation_list_follows_a_report_and_keeps_provinces_apart(world, client_for):
    from actionplans import services as plan_services
    from tests.actionplans import helpers
    from tests.actionplans.test_workflow import FIGURES, NATIONALITIES

    sec = world.users[Role.SECRETARIAT]
    report = plan_services.create_situation_report(
        actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
    )
    reader = client_for(world.users[Role.MEMBER])
    html = reader.get("/plans/situation/").content.decode()
    assert 'data-testid="state">' in _row(html, f"/plans/situation/{report.pk}/")
    before = _row(html, f"/plans/situation/{report.pk}/")
    plan_services.transition(actor=sec, doc=report, name="propose", meeting=helpers.meeting(world.own_sc, sec))
    after = _row(reader.get("/plans/situation/").content.decode(), f"/plans/situation/{report.pk}/")
    assert after != before and "text-bg-warning" in after
    other = client_for(world.other_users[Role.MEMBER]).get("/plans/situation/").content.decode()
    assert f"/plans/situation/{report.pk}/" not in other
