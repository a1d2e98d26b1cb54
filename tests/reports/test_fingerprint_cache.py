"""Report fingerprints kept under the data versions of the models they read (issue #12): computed once per
change of those models, the same value as computed, and computed every time when the cache is down."""

import pytest

from committees.models import Member
from reports import services
from reports.choices import ReportKind
from reports.documents import Target, base, document_for, freshness
from tests.reports.helpers import add_meeting, add_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(monkeypatch):
    calls = []
    digest = base._digest
    monkeypatch.setattr(base, "_digest", lambda *a: calls.append(a[0]) or digest(*a))
    return calls


def _targets(world):
    from fundproposals.choices import ProposalState
    from tests.fundproposals.helpers import complete_proposal

    meeting = add_meeting(world.own_sc, members=Member.objects.filter(subcommittee=world.own_sc))
    plan = add_plan(world.own_sc)
    proposal = complete_proposal(world, state=ProposalState.SUBMITTED)
    return meeting, {
        ReportKind.ANNUAL_PROVINCE: Target(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=2564),
        ReportKind.NATIONAL_SUMMARY: Target(ReportKind.NATIONAL_SUMMARY, fiscal_year=2564),
        ReportKind.MINUTES: services.target_for(ReportKind.MINUTES, object_id=meeting.pk),
        ReportKind.AGENDA: services.target_for(ReportKind.AGENDA, object_id=meeting.pk),
        ReportKind.PLAN: services.target_for(ReportKind.PLAN, object_id=plan.pk),
        ReportKind.PROPOSAL: services.target_for(ReportKind.PROPOSAL, object_id=proposal.pk),
    }


def test_each_document_computes_its_fingerprint_once_until_what_it_reads_changes(world, computed):
    meeting, targets = _targets(world)
    first = {}
    for kind, target in targets.items():
        doc = document_for(kind)
        first[kind] = doc.fingerprint(target)
        n = len(computed)
        assert doc.fingerprint(target) == first[kind] and len(computed) == n, f"{kind} read from the database again"
    # the kept value is the computed one
    for kind, target in targets.items():
        assert first[kind] == _uncached(document_for(kind), target)
    # a change the meeting documents and the annual report read: those compute again, and differ
    meeting.agenda_items.create(section_type="for_consideration", order=99, title="เรื่องเพิ่มเติม")
    for kind in (ReportKind.MINUTES, ReportKind.AGENDA, ReportKind.ANNUAL_PROVINCE):
        n = len(computed)
        assert document_for(kind).fingerprint(targets[kind]) != first[kind] and len(computed) == n + 1
    # a plan and a proposal read no agenda items: still kept
    for kind in (ReportKind.PLAN, ReportKind.PROPOSAL):
        n = len(computed)
        assert document_for(kind).fingerprint(targets[kind]) == first[kind] and len(computed) == n


def _uncached(doc, target):
    saved = freshness.versions
    freshness.versions = lambda labels: None  # as with the cache down
    try:
        return doc.fingerprint(target)
    finally:
        freshness.versions = saved


def test_every_model_a_document_reads_is_watched(world):
    from actionplans.selectors import plan_report_querysets, situation_report_querysets
    from committees.selectors import committee_report_querysets, national_committee_querysets
    from fundproposals.selectors import proposal_report_querysets, proposal_year_querysets
    from meetings.selectors import meeting_report_querysets, meetings_year_querysets
    from reports.documents import sections

    querysets = [
        *committee_report_querysets(world.own),
        *national_committee_querysets(2564),
        *meetings_year_querysets(province=world.own, fiscal_year=2564),
        *meetings_year_querysets(fiscal_year=2564),
        *meeting_report_querysets(1),  # the minutes, the agenda, their Word copies and the packet
        *plan_report_querysets(plan_id=1),
        *plan_report_querysets(province=world.own, fiscal_year=2564),
        *situation_report_querysets(world.own, 2564),
        *proposal_year_querysets(province=world.own, fiscal_year=2564),
        *sections.national_querysets(2564),
        *[qs for group in proposal_report_querysets(1) for qs in group],
    ]
    labels = {qs.model._meta.label for qs in querysets}
    assert labels <= freshness.WATCHED, labels - freshness.WATCHED


def test_a_write_without_signals_is_seen_after_touch_and_the_cache_down_computes_every_time(
    world, computed, monkeypatch
):
    from meetings.models import AgendaItem

    meeting, targets = _targets(world)
    doc, target = document_for(ReportKind.MINUTES), targets[ReportKind.MINUTES]
    before = doc.fingerprint(target)
    item = meeting.agenda_items.first()
    AgendaItem.objects.filter(pk=item.pk).update(title="แก้ชื่อเรื่อง", updated_at=item.updated_at.replace(year=2030))
    assert doc.fingerprint(target) == before  # no signal: the kept fingerprint (for at most its lifetime)
    freshness.touch(AgendaItem)  # what a service writing with update() or bulk_create() calls
    assert doc.fingerprint(target) != before
    n = len(computed)
    monkeypatch.setattr(freshness.cache, "get_many", lambda *a, **k: (_ for _ in ()).throw(ConnectionError("down")))
    doc.fingerprint(target)
    doc.fingerprint(target)
    assert len(computed) == n + 2
