from django.db import models


class ReportKind(models.TextChoices):
    MINUTES = "minutes", "รายงานการประชุม"
    AGENDA = "agenda", "ระเบียบวาระการประชุม"
    PROPOSAL = "proposal", "แบบเสนอโครงการ (กปค.01)"
    PLAN = "plan", "แผนปฏิบัติการประจำปีและความก้าวหน้า"
    ANNUAL_PROVINCE = "annual_province", "รายงานผลการดำเนินงานประจำปีของจังหวัด"
    NATIONAL_SUMMARY = "national_summary", "รายงานสรุปภาพรวมระดับประเทศ"
    PACKET = "packet", "แฟ้มเอกสารประกอบการประชุม"
    MINUTES_DOCX = "minutes_docx", "รายงานการประชุม (Word)"
    AGENDA_DOCX = "agenda_docx", "ระเบียบวาระการประชุม (Word)"


class JobState(models.TextChoices):
    QUEUED = "queued", "รอคิว"
    BUILDING = "building", "กำลังสร้าง"
    READY = "ready", "พร้อมดาวน์โหลด"
    FAILED = "failed", "ไม่สำเร็จ"


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
