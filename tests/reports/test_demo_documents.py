"""Every document type renders from the demo data (seed_demo), and reads back as Thai."""

import pytest
from django.core.management import call_command

from accounts.models import User
from actionplans.models import ActionPlan
from fundproposals.models import Proposal
from meetings.models import Meeting
from reports import services
from reports.choices import JobState, ReportKind
from tests.reports.helpers import pdf_text, read_file, squeeze

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_every_document_type_builds_from_the_demo_data(django_capture_on_commit_callbacks):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sp_meeting = Meeting.objects.filter(subcommittee__province__code="11").order_by("starts_at").first()
    targets = [
        services.target_for(ReportKind.ANNUAL_PROVINCE, province=sp_meeting.subcommittee.province, fiscal_year=2564),
        services.target_for(ReportKind.NATIONAL_SUMMARY, fiscal_year=2564),
        services.target_for(ReportKind.MINUTES, object_id=sp_meeting.pk),
        services.target_for(ReportKind.AGENDA, object_id=sp_meeting.pk),
    ]
    plan = ActionPlan.objects.order_by("id").first()
    if plan is not None:
        targets.append(services.target_for(ReportKind.PLAN, object_id=plan.pk))
    proposal = Proposal.objects.order_by("id").first()
    if proposal is not None:
        targets.append(services.target_for(ReportKind.PROPOSAL, object_id=proposal.pk))
    assert len(targets) == 6, "the demo data has no plan or no proposal"
    actor = User.objects.get(username="national")
    for target in targets:
        with django_capture_on_commit_callbacks(execute=True):
            job, _ = services.request_report(actor=actor, target=target)
        job.refresh_from_db()
        assert job.state == JobState.READY, (target.kind, job.failure_reason)
        text = squeeze(pdf_text(read_file(job)))
        assert job.pages >= 1 and f"หน้า1จาก{job.pages}" in text, target.kind
        if target.province is not None:
            assert squeeze(target.province.name_th) in text, target.kind
    minutes = squeeze(pdf_text(read_file(job.__class__.objects.get(kind=ReportKind.MINUTES))))
    assert squeeze("27 มกราคม 2564") in minutes
