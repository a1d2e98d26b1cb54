from django.db import models
from django.utils.translation import gettext_lazy


class Kind(models.TextChoices):
    MEETING_SCHEDULED = "meeting_scheduled", gettext_lazy("นัดประชุม")
    MEETING_MOVED = "meeting_moved", gettext_lazy("เลื่อนหรือเปลี่ยนการประชุม")
    MEETING_CANCELLED = "meeting_cancelled", gettext_lazy("ยกเลิกการประชุม")
    PAPERS_ADDED = "papers_added", gettext_lazy("เพิ่มเอกสารประกอบการประชุม")
    VOTE_OPENED = "vote_opened", gettext_lazy("เปิดเวียนมติ")
    VOTE_DUE = "vote_due", gettext_lazy("เวียนมติใกล้ครบกำหนด (24 ชั่วโมง)")
    VOTE_CLOSED = "vote_closed", gettext_lazy("ปิดการลงมติ")
    MINUTES_CIRCULATED = "minutes_circulated", gettext_lazy("เวียนรายงานการประชุม")
    MINUTES_DUE = "minutes_due", gettext_lazy("รายงานการประชุมรอความเห็น")
    MINUTES_ADOPTED = "minutes_adopted", gettext_lazy("รับรองรายงานการประชุม")
    PROPOSAL_SUBMITTED = "proposal_submitted", gettext_lazy("ยื่นโครงการ")
    PROPOSAL_RETURNED = "proposal_returned", gettext_lazy("ส่งโครงการกลับให้ปรับปรุง")
    PROPOSAL_DECIDED = "proposal_decided", gettext_lazy("มติคณะอนุกรรมการต่อโครงการ")
    PROPOSAL_FUNDED = "proposal_funded", gettext_lazy("ผลการพิจารณาของกองทุน")
    REPORT_READY = "report_ready", gettext_lazy("รายงาน PDF พร้อมดาวน์โหลด")
    PLAN_DUE = "plan_due", gettext_lazy("แผนปฏิบัติการใกล้ครบกำหนด (30 และ 7 วัน)")
    PLAN_LATE = "plan_late", gettext_lazy("แผนปฏิบัติการเลยกำหนด")
    SITUATION_DUE = "situation_due", gettext_lazy("รายงานสถานการณ์ใกล้ครบกำหนด (30 และ 7 วัน)")
    SITUATION_LATE = "situation_late", gettext_lazy("รายงานสถานการณ์เลยกำหนด")


class Channel(models.TextChoices):
    APP = "app", gettext_lazy("ในระบบ")
    EMAIL = "email", gettext_lazy("อีเมล")
    LINE = "line", "LINE"


class EmailMode(models.TextChoices):
    SINGLE = "single", gettext_lazy("ส่งทันทีทีละเรื่อง")
    DIGEST = "digest", gettext_lazy("สรุปวันละครั้ง")


class DeliveryState(models.TextChoices):
    PENDING = "pending", gettext_lazy("รอส่ง")
    SENT = "sent", gettext_lazy("ส่งแล้ว")
    FAILED = "failed", gettext_lazy("ส่งไม่สำเร็จ")


# What a user gets when they have chosen nothing: in the app and by e-mail; LINE once linked.
DEFAULT_CHANNELS = frozenset({Channel.APP, Channel.EMAIL, Channel.LINE})

# Kinds whose domain already sends its own e-mail (the report link, the return reasons, the circulated draft,
# the move or cancellation with its updated calendar entry): by default not e-mailed a second time.
EMAILED_BY_DOMAIN = frozenset(
    {Kind.REPORT_READY, Kind.PROPOSAL_RETURNED, Kind.MINUTES_CIRCULATED, Kind.MEETING_MOVED, Kind.MEETING_CANCELLED}
)


def default_on(kind: str, channel: str) -> bool:
    return not (channel == Channel.EMAIL and kind in EMAILED_BY_DOMAIN)
