"""Celery tasks of the reports app: thin, they load by id and call a service.

``build_report`` acknowledges late and is requeued if its worker dies
(``acks_late``, ``reject_on_worker_lost``; also the project's defaults), retries
transient database errors with exponential back-off, and has soft and hard time
limits. The beat ``sweep_stuck_reports`` settles jobs a lost host left behind.
"""

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown
from django.conf import settings
from django.core.mail import send_mail
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reports import services


@worker_process_init.connect
def warm_weasyprint(**kwargs):
    """Import WeasyPrint and prepare the fonts once per worker process, not once per task."""
    from reports import fonts, pdf

    limit_malloc_arenas()
    fonts.prepared_fonts()
    pdf.font_config()  # the one font configuration every report of this process is laid out with


@worker_process_shutdown.connect
def release_weasyprint(**kwargs):
    """Remove the font configuration's temporary folder when a child is recycled or stops."""
    from reports import pdf

    pdf.release_font_config()


M_ARENA_MAX = -8  # glibc's mallopt() parameter number


def limit_malloc_arenas(arenas: int | None = None) -> bool:
    """Cap glibc's malloc arenas in this worker process (issue #12: worker memory).

    Each report starts a heartbeat thread (and its own database connection); glibc may give
    each new thread an arena of its own (up to 8 per core), and memory freed into an arena is
    rarely returned to the system, so a long-lived child's resident size creeps up with the
    number of threads it has run. Two arenas is what ``MALLOC_ARENA_MAX=2`` would give, set
    from inside because the worker's environment is the deployer's. The measured effect is in
    the README (Performance); ``CELERY_WORKER_MAX_TASKS_PER_CHILD`` bounds whatever remains.
    Returns whether the cap was set (False off glibc).
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_ARENA_MAX, int(arenas or settings.REPORTS_MALLOC_ARENAS)))
    except (OSError, AttributeError):
        return False


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=services.SOFT_TIME_LIMIT,
    time_limit=services.TIME_LIMIT,
)
def build_report(self, job_id: int) -> None:
    """Build one report job's PDF."""
    services.build_report(job_id=job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=150)
def sweep_stuck_reports() -> dict:
    """Queue again (or fail) jobs left "building" by a lost worker."""
    return services.sweep_stuck_reports()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def notify_report_ready(job_id: int) -> None:
    """E-mail the requester that the report is ready (with the link to download it)."""
    from reports.models import ReportJob

    job = ReportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or not job.requested_by.email:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("reports:job", args=[job.pk])
    with translation.override(job.requested_by.language or settings.LANGUAGE_CODE):
        subject = _("เอกสารพร้อมดาวน์โหลด: %(title)s") % {"title": job.title}
        message = _('เรียน %(requested_by)s\n\nเอกสาร "%(title)s" ที่ท่านขอไว้สร้างเสร็จแล้ว ดาวน์โหลดได้ที่\n%(link)s\n') % {
            "requested_by": job.requested_by,
            "title": job.title,
            "link": link,
        }
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[job.requested_by.email])
