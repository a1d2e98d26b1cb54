from django.core.files.base import ContentFile

from committees.choices import Role
from reports.choices import JobState, ReportKind
from reports.models import ReportJob
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})
EVERYONE = frozenset({*READERS, Role.PROPOSER})
REQUESTERS = frozenset({Role.SECRETARIAT, Role.CHAIR})


def ready_job(province, user, *, fiscal_year=2564, kind=ReportKind.ANNUAL_PROVINCE) -> ReportJob:
    job = ReportJob(
        kind=kind,
        province=province,
        fiscal_year=fiscal_year,
        title=f"รายงานผลการดำเนินงานประจำปีงบประมาณ {fiscal_year} จังหวัด{province.name_th if province else ''}",
        requested_by=user,
        state=JobState.READY,
        pages=1,
        fingerprint="f",
    )
    job.file.save("r.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    job.save()
    return job


def _jobs(world):
    world.report_own = ready_job(world.own, world.users[Role.CHAIR])
    world.report_other = ready_job(world.other, world.other_users[Role.CHAIR])


PAGES = [
    Page(
        "reports:list",
        lambda w: "/reports/",
        EVERYONE,
        marker=lambda w: "จังหวัดยะลา",
        setup=_jobs,
    ),
    Page(
        "reports:request",
        lambda w: f"/reports/request/annual_province/?province={w.own.code}&fiscal_year=2564",
        REQUESTERS,
        other=lambda w: f"/reports/request/annual_province/?province={w.other.code}&fiscal_year=2564",
    ),
    Page(
        "reports:job",
        lambda w: f"/reports/jobs/{w.report_own.pk}/",
        READERS,
        other=lambda w: f"/reports/jobs/{w.report_other.pk}/",
        marker=lambda w: "ยะลา",
        setup=_jobs,
    ),
    Page(
        "reports:status",
        lambda w: f"/reports/jobs/{w.report_own.pk}/status/",
        READERS,
        other=lambda w: f"/reports/jobs/{w.report_other.pk}/status/",
        setup=_jobs,
    ),
    Page(
        "reports:download",
        lambda w: f"/reports/jobs/{w.report_own.pk}/download/",
        READERS,
        other=lambda w: f"/reports/jobs/{w.report_other.pk}/download/",
        setup=_jobs,
    ),
]
