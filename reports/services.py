"""Writes of report jobs: ask for a report, build it, sweep the stuck ones, announce the ready ones."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation

from committees.models import Province
from core import audit
from core import cache as quiet_cache
from core.forms import check_fiscal_year
from core.who import per_user_key
from notifications.services import notify_on_commit
from reports.choices import OBJECT_KINDS, JobState, ReportKind
from reports.documents import DocumentUnavailable, Target, document_for
from reports.models import ReportJob

logger = logging.getLogger(__name__)

# A task is killed after this long (reports.tasks uses the same numbers).
SOFT_TIME_LIMIT = 600
TIME_LIMIT = 660
# A "queued" job nobody picked up for this long is queued again (its message was lost).
QUEUED_TOO_LONG = dt.timedelta(minutes=30)


def max_attempts() -> int:
    return getattr(settings, "REPORTS_MAX_ATTEMPTS", 3)


@per_user_key  # read with the user, in the request's one cache call
def _ready_key(user_id: int) -> str:
    return f"reports:ready:{user_id}"


def target_for(kind: str, *, province: Province | None = None, fiscal_year=None, object_id=None) -> Target:
    """What a report request is about; an unknown object or province is a 404, a bad year a ValidationError."""
    doc = document_for(kind)
    if kind in OBJECT_KINDS:
        if not object_id:
            raise Http404("ไม่พบเอกสารต้นทาง")
        return doc.target(doc.load(int(object_id)))
    check_fiscal_year(fiscal_year)
    if kind == ReportKind.NATIONAL_SUMMARY:
        return Target(kind, fiscal_year=fiscal_year)
    if province is None:
        raise Http404("ไม่พบจังหวัด")
    return Target(kind, province=province, fiscal_year=fiscal_year)


def target_of_job(job: ReportJob) -> Target:
    if job.kind in OBJECT_KINDS:
        doc = document_for(job.kind)
        return doc.target(doc.load(job.object_id))
    return Target(job.kind, province=job.province, fiscal_year=job.fiscal_year)


def _lookup(target: Target):
    return ReportJob.objects.filter(
        kind=target.kind,
        province=target.province,
        fiscal_year=target.fiscal_year,
        object_id=target.object_id,
    )


class ReportsUnavailable(Exception):
    """The broker is down: nothing is recorded, the page says so in Thai."""

    message = "ระบบสร้างเอกสารขัดข้องชั่วคราว ยังไม่ได้บันทึกคำขอนี้ กรุณาลองใหม่อีกครั้งในภายหลัง"


def request_report(*, actor, target: Target) -> tuple[ReportJob, bool]:
    """Queue a report, or return the one already built (or being built) from the same data.

    Returns ``(job, reused)``. The build is queued only once the transaction
    commits, carrying the job's id. Raises ``ReportsUnavailable`` (recording
    nothing) when the broker is down; should it fail between the check and the
    send, the message is kept (``core.models.PendingTask``) and goes out when the
    broker is back.
    """
    from core.celery_support import broker_available

    if not broker_available():
        raise ReportsUnavailable(ReportsUnavailable.message)
    doc = document_for(target.kind)
    print_ = doc.fingerprint(target)
    # Read-only, so outside the transaction (a repeated request writes nothing); two requests racing
    # here could each queue a job, as they could inside one: the second build is merely redundant.
    existing = (
        _lookup(target)
        .filter(fingerprint=print_, state__in=[JobState.READY, JobState.QUEUED, JobState.BUILDING])
        .order_by("-created_at")
        .first()
    )
    if existing and (not existing.is_ready or existing.file.storage.exists(existing.file.name)):
        return existing, True
    with transaction.atomic():
        job = ReportJob(
            kind=target.kind,
            province=target.province,
            fiscal_year=target.fiscal_year,
            object_id=target.object_id,
            title=doc.title(target)[:300],
            requested_by=actor,
            fingerprint=print_,
        )
        job.full_clean()
        job.save()
        audit.record(actor=actor, action="report.requested", target=job, province=target.province)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job, False


def _enqueue(job_id: int) -> None:
    from reports.tasks import build_report

    build_report.delay(job_id)


def _fail(job_id: int, reason: str) -> ReportJob:
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job_id)
        job.state = JobState.FAILED
        job.failure_reason = reason
        job.finished_at = timezone.now()
        job.full_clean()
        job.save()
        audit.record(actor=None, action="report.failed", target=job, province=job.province, reason=reason)
        transaction.on_commit(lambda: cache.set(_ready_key(job.requested_by_id), True, 7 * 24 * 3600))
    return job


def build_report(*, job_id: int) -> ReportJob | None:
    """Build one job's PDF. Transient database errors propagate (the task retries); anything
    else fails this job with a Thai reason and returns, so the worker goes on with the next.

    The job keeps the fingerprint taken when it was asked for: if the data changed since,
    the file is newer than its fingerprint and the next request simply builds again.
    """
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in (JobState.READY, JobState.FAILED):
            return job  # gone, or a redelivered message for a finished job
        if job.attempts >= max_attempts():
            job = None
    if job is None:
        return _fail(job_id, f"สร้างเอกสารไม่สำเร็จหลังพยายาม {max_attempts()} ครั้ง กรุณาขอสร้างใหม่อีกครั้ง")
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job_id)
        job.state = JobState.BUILDING
        job.attempts += 1
        job.started_at = job.heartbeat_at = timezone.now()
        job.save(update_fields=["state", "attempts", "started_at", "heartbeat_at", "updated_at"])

    with _Heartbeat(job_id):
        return _render_and_store(job, job_id)


class _Heartbeat:
    """Stamp ``heartbeat_at`` every few seconds from a thread while the PDF renders."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"report-heartbeat-{job_id}", daemon=True)

    def _run(self) -> None:
        every = getattr(settings, "REPORT_HEARTBEAT_SECONDS", 10)
        try:
            while not self.stop.wait(every):
                ReportJob.objects.filter(pk=self.job_id, state=JobState.BUILDING).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("report job %s: heartbeat stopped", self.job_id)
        finally:
            connections.close_all()  # this thread's own connection

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)


def _render_and_store(job: ReportJob, job_id: int) -> ReportJob | None:
    from reports.pdf import RenderError, render_template_to_pdf

    try:
        doc = document_for(job.kind)
        target = target_of_job(job)
        # PDFs and Word copies are Thai official documents, whatever language the requester reads.
        with translation.override("th"):
            if hasattr(doc, "render"):  # a document bound from several PDFs (the meeting packet)
                rendered = doc.render(target, title=job.title, generated_at=timezone.now())
            else:
                rendered = render_template_to_pdf(
                    doc.template,
                    {**doc.context(target), "title": job.title, "job": job, "generated_at": timezone.now()},
                )
    except (OperationalError, InterfaceError):
        raise
    except SoftTimeLimitExceeded:
        return _fail(job_id, "ใช้เวลาสร้างเอกสารนานเกินกำหนด กรุณาลองใหม่ภายหลังหรือแจ้งผู้ดูแลระบบ")
    except (DocumentUnavailable, RenderError) as exc:
        return _fail(job_id, str(exc))
    except Http404:
        return _fail(job_id, "ไม่พบข้อมูลต้นทางของเอกสารนี้แล้ว")
    except Exception:
        logger.exception("report job %s failed", job_id)
        return _fail(job_id, "เกิดข้อผิดพลาดระหว่างสร้างเอกสาร กรุณาแจ้งผู้ดูแลระบบ")

    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job_id)
        if job.state != JobState.BUILDING:
            return job  # a sweeper or another delivery settled it meanwhile
        from reports.documents import extension_of

        job.file.save(f"{job.kind}.{extension_of(job.kind)}", ContentFile(rendered.pdf), save=False)
        job.state = JobState.READY
        job.pages = rendered.pages
        job.size = len(rendered.pdf)
        job.failure_reason = ""
        job.finished_at = timezone.now()
        job.full_clean()
        job.save()
        requester = job.requested_by_id

        def after():
            from reports.tasks import notify_report_ready

            cache.set(_ready_key(requester), True, 7 * 24 * 3600)
            notify_report_ready.delay(job_id)

        transaction.on_commit(after)
        notify_on_commit("report_ready", job.pk)  # people (issue #10)
    return job


def sweep_stuck_reports(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue again the jobs a lost worker left "building" (or whose message was lost while
    "queued"); fail them after ``max_attempts()`` builds. Returns what was done."""
    now = now or timezone.now()
    silent_since = now - dt.timedelta(seconds=getattr(settings, "REPORT_HEARTBEAT_STALE", 60))
    queued_cutoff = now - QUEUED_TOO_LONG
    requeued, failed = [], []
    with transaction.atomic():
        stuck = list(
            ReportJob.objects.select_for_update(skip_locked=True).filter(
                Q(heartbeat_at__lt=silent_since) | Q(heartbeat_at__isnull=True, started_at__lt=silent_since),
                state=JobState.BUILDING,
            )
        ) + list(
            ReportJob.objects.select_for_update(skip_locked=True).filter(
                state=JobState.QUEUED, updated_at__lt=queued_cutoff
            )
        )
        for job in stuck:
            if job.attempts >= max_attempts():
                failed.append(job.pk)
                continue
            job.state = JobState.QUEUED
            job.save(update_fields=["state", "updated_at"])
            requeued.append(job.pk)
        transaction.on_commit(lambda: [_enqueue(pk) for pk in requeued])
    for pk in failed:
        _fail(pk, f"เครื่องที่สร้างเอกสารหยุดทำงานระหว่างสร้าง และพยายามแล้ว {max_attempts()} ครั้ง กรุณาขอสร้างใหม่")
    return {"requeued": len(requeued), "failed": len(failed)}


def take_announcements(*, user) -> list[ReportJob]:
    """The requester's finished jobs not yet announced on a page; marks them announced.

    Costs nothing on pages unless a job of this user finished (a cache flag set by the build).
    """
    if not quiet_cache.get(_ready_key(user.pk)):  # from the request's memo (core.who)
        return []
    with transaction.atomic():
        jobs = list(
            ReportJob.objects.select_for_update()
            .filter(requested_by=user, announced=False, state__in=[JobState.READY, JobState.FAILED])
            .order_by("finished_at")
        )
        ReportJob.objects.filter(pk__in=[j.pk for j in jobs]).update(announced=True)
    quiet_cache.delete(_ready_key(user.pk))
    return jobs
