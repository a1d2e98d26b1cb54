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
    for url in ("/reports/",):
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
