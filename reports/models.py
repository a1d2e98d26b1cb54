"""A report job: one PDF asked for, built in the background, kept for download.

A job names what it is about (``kind`` plus an object id, or a province and a
fiscal year) and carries the ``fingerprint`` of the data it read, so asking
again while nothing changed returns the file already built.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from core.limits import LongTextField
from core.models import TimeStampedModel
from core.uploads import UploadTo
from reports.choices import JobState, ReportKind


class ReportJob(TimeStampedModel):
    kind = models.CharField(gettext_lazy("ชนิดรายงาน"), max_length=30, choices=ReportKind.choices)
    province = models.ForeignKey(
        "committees.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_jobs",
        verbose_name=gettext_lazy("จังหวัด"),
    )
    fiscal_year = models.PositiveSmallIntegerField(gettext_lazy("ปีงบประมาณ"), null=True, blank=True)
    object_id = models.PositiveBigIntegerField(gettext_lazy("รหัสเอกสารต้นทาง"), null=True, blank=True)
    title = models.CharField(gettext_lazy("ชื่อเอกสาร"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_jobs", verbose_name=gettext_lazy("ผู้ขอ")
    )
    state = models.CharField(gettext_lazy("สถานะ"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    failure_reason = LongTextField(gettext_lazy("สาเหตุที่ไม่สำเร็จ"), blank=True)
    attempts = models.PositiveSmallIntegerField(gettext_lazy("จำนวนครั้งที่พยายามสร้าง"), default=0)
    started_at = models.DateTimeField(gettext_lazy("เริ่มสร้างเมื่อ"), null=True, blank=True)
    # Beats while a worker builds; the sweeper rebuilds a job whose heartbeat stopped (a killed worker).
    heartbeat_at = models.DateTimeField(gettext_lazy("สัญญาณล่าสุดของเครื่องที่สร้าง"), null=True, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("สร้างเสร็จเมื่อ"), null=True, blank=True)
    file = models.FileField(gettext_lazy("ไฟล์ PDF"), upload_to=UploadTo("reports"), max_length=255, blank=True)
    pages = models.PositiveIntegerField(gettext_lazy("จำนวนหน้า"), null=True, blank=True)
    size = models.PositiveBigIntegerField(gettext_lazy("ขนาด (ไบต์)"), null=True, blank=True)
    fingerprint = models.CharField(gettext_lazy("ลายนิ้วมือข้อมูล"), max_length=64, db_index=True)
    announced = models.BooleanField(gettext_lazy("แจ้งผู้ขอบนหน้าเว็บแล้ว"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("งานสร้างรายงาน")
        verbose_name_plural = gettext_lazy("งานสร้างรายงาน")
        indexes = [
            models.Index(fields=["kind", "province", "fiscal_year", "object_id", "fingerprint"]),
            models.Index(fields=["state", "started_at"]),
            models.Index(fields=["requested_by", "announced", "state"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=JobState.values), name="report_job_state_valid"),
            models.CheckConstraint(condition=Q(kind__in=ReportKind.values), name="report_job_kind_valid"),
            models.CheckConstraint(condition=~Q(state=JobState.READY) | ~Q(file=""), name="ready_report_has_a_file"),
            models.CheckConstraint(
                condition=~Q(state=JobState.FAILED) | ~Q(failure_reason=""), name="failed_report_says_why"
            ),
            models.CheckConstraint(
                condition=Q(kind=ReportKind.NATIONAL_SUMMARY) | Q(province__isnull=False),
                name="provincial_report_has_a_province",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.BUILDING)

    @property
    def is_ready(self) -> bool:
        return self.state == JobState.READY

    @property
    def is_word(self) -> bool:
        return self.kind.endswith("_docx")

    @property
    def download_name(self) -> str:
        return f"{self.title}.pdf"
