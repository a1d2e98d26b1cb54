from django.db import models
from django.utils.translation import gettext_lazy


class ReportKind(models.TextChoices):
    MINUTES = "minutes", gettext_lazy("รายงานการประชุม")
    AGENDA = "agenda", gettext_lazy("ระเบียบวาระการประชุม")
    PROPOSAL = "proposal", gettext_lazy("แบบเสนอโครงการ (กปค.01)")
    PLAN = "plan", gettext_lazy("แผนปฏิบัติการประจำปีและความก้าวหน้า")
    ANNUAL_PROVINCE = "annual_province", gettext_lazy("รายงานผลการดำเนินงานประจำปีของจังหวัด")
    NATIONAL_SUMMARY = "national_summary", gettext_lazy("รายงานสรุปภาพรวมระดับประเทศ")
    PACKET = "packet", gettext_lazy("แฟ้มเอกสารประกอบการประชุม")
    MINUTES_DOCX = "minutes_docx", gettext_lazy("รายงานการประชุม (Word)")
    AGENDA_DOCX = "agenda_docx", gettext_lazy("ระเบียบวาระการประชุม (Word)")


class JobState(models.TextChoices):
    QUEUED = "queued", gettext_lazy("รอคิว")
    BUILDING = "building", gettext_lazy("กำลังสร้าง")
    READY = "ready", gettext_lazy("พร้อมดาวน์โหลด")
    FAILED = "failed", gettext_lazy("ไม่สำเร็จ")


# Kinds about one object (a meeting, a proposal, a plan) rather than a province-year.
OBJECT_KINDS = frozenset(
    {
        ReportKind.MINUTES,
        ReportKind.AGENDA,
        ReportKind.PROPOSAL,
        ReportKind.PLAN,
        ReportKind.PACKET,
        ReportKind.MINUTES_DOCX,
        ReportKind.AGENDA_DOCX,
    }
)
ACTIVE_STATES = frozenset({JobState.QUEUED, JobState.BUILDING})
