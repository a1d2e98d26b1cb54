"""The annual report's fingerprint names the models it reads without building its querysets on a
repeated request (issue #12), and is always the value the querysets give."""

import pytest

from committees.models import Member
from reports.choices import ReportKind
from reports.documents import Target, base, document_for
from tests.reports.helpers import add_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Counts the annual report's queryset builds (its meetings' querysets are one part of each)."""
    from meetings import selectors

    calls = []
    real = selectors.meetings_year_querysets

    def counted(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(selectors, "meetings_year_querysets", counted)
    return calls


def _eager(target):
    """What the fingerprint was before: every queryset built, every aggregate read (no cache)."""
    from committees.selectors import committee_report_querysets
    from meetings.selectors.report_data import meetings_year_querysets
    from reports.documents import freshness, sections

    province, fy = target.province, target.fiscal_year
    querysets = (
        *committee_report_querysets(province),
        *meetings_year_querysets(province=province, fiscal_year=fy),
        *sections.plan_querysets(province, fy),
        *sections.proposal_querysets(province, fy),
        *sections.situation_querysets(province, fy),
    )
    saved = freshness.versions
    freshness.versions = lambda labels: None
    try:
        return base.fingerprint(ReportKind.ANNUAL_PROVINCE, province.pk, fy, querysets=querysets)
    finally:
        freshness.versions = saved


def test_a_repeated_annual_report_fingerprint_builds_no_queryset(world, builds):
    target = Target(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=2564)
    doc = document_for(ReportKind.ANNUAL_PROVINCE)
    first = doc.fingerprint(target)
    n = len(builds)
    assert doc.fingerprint(target) == first and len(builds) == n  # the kept digest, nothing built
    assert first == _eager(target)
    # data it reads changes: built once more, and the digest is the new data's
    add_meeting(world.own_sc, members=Member.objects.filter(subcommittee=world.own_sc))
    second = doc.fingerprint(target)
    assert second != first and second == _eager(target) and len(builds) == n + 1


def test_a_build_reading_other_models_is_not_kept_under_the_old_ones(world):
    from committees.selectors import committee_report_querysets
    from meetings.models import Meeting

    province = world.own
    parts = ("shape-test", province.pk)
    reads_members = [True]

    def build():
        querysets = committee_report_querysets(province)
        return (querysets if reads_members[0] else (Meeting.objects.filter(subcommittee__province=province),)), ()

    first = base.lazy_fingerprint(*parts, build=build)
    assert base._MODELS_READ[(base.DOCUMENT_VERSION, parts)][0] == (
        "committees.RiskGroupAssignment",
        "committees.Subcommittee",
        "committees.Member",
    )
    reads_members[0] = False
    Member.objects.filter(subcommittee=world.own_sc).first().save()  # a new Member version: computed again
    other = base.lazy_fingerprint(*parts, build=build)
    assert base._MODELS_READ[(base.DOCUMENT_VERSION, parts)][0] == ("meetings.Meeting",)
    assert other == base.fingerprint(*parts, querysets=(Meeting.objects.filter(subcommittee__province=province),))
    assert other != first
