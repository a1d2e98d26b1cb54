from django.db import models


class Kind(models.TextChoices):
    MEETING_SCHEDULED = "meeting_scheduled", "นัดประชุม"
    MEETING_MOVED = "meeting_moved", "เลื่อนหรือเปลี่ยนการประชุม"
    MEETING_CANCELLED = "meeting_cancelled", "ยกเลิกการประชุม"
    PAPERS_ADDED = "papers_added", "เพิ่มเอกสารประกอบการประชุม"
    VOTE_OPENED = "vote_opened", "เปิดเวียนมติ"
    VOTE_DUE = "vote_due", "เวียนมติใกล้ครบกำหนด (24 ชั่วโมง)"
    VOTE_CLOSED = "vote_closed", "ปิดการลงมติ"
    MINUTES_CIRCULATED = "minutes_circulated", "เวียนรายงานการประชุม"
    MINUTES_DUE = "minutes_due", "รายงานการประชุมรอความเห็น"
    MINUTES_ADOPTED = "minutes_adopted", "รับรองรายงานการประชุม"
    PROPOSAL_SUBMITTED = "proposal_submitted", "ยื่นโครงการ"
    PROPOSAL_RETURNED = "proposal_returned", "ส่งโครงการกลับให้ปรับปรุง"
    PROPOSAL_DECIDED = "proposal_decided", "มติคณะอนุกรรมการต่อโครงการ"
    PROPOSAL_FUNDED = "proposal_funded", "ผลการพิจารณาของกองทุน"
    REPORT_READY = "report_ready", "รายงาน PDF พร้อมดาวน์โหลด"
    PLAN_DUE = "plan_due", "แผนปฏิบัติการใกล้ครบกำหนด (30 และ 7 วัน)"
    PLAN_LATE = "plan_late", "แผนปฏิบัติการเลยกำหนด"
    SITUATION_DUE = "situation_due", "รายงานสถานการณ์ใกล้ครบกำหนด (30 และ 7 วัน)"
    SITUATION_LATE = "situation_late", "รายงานสถานการณ์เลยกำหนด"


class Channel(models.TextChoices):
    APP = "app", "ในระบบ"
    EMAIL = "email", "อีเมล"
    LINE = "line", "LINE"


class EmailMode(models.TextChoices):
    SINGLE = "single", "ส่งทันทีทีละเรื่อง"
    DIGEST = "digest", "สรุปวันละครั้ง"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "รอส่ง"
    SENT = "sent", "ส่งแล้ว"
    FAILED = "failed", "ส่งไม่สำเร็จ"


# What a user gets when they have chosen nothing: in the app and by e-mail; LINE once linked.
DEFAULT_CHANNELS = frozenset({Channel.APP, Channel.EMAIL, Channel.LINE})

# Kinds whose domain already sends its own e-mail (the report link, the return reasons, the circulated draft,
# the move or cancellation with its updated calendar entry): by default not e-mailed a second time.
EMAILED_BY_DOMAIN = frozenset(
    {Kind.REPORT_READY, Kind.PROPOSAL_RETURNED, Kind.MINUTES_CIRCULATED, Kind.MEETING_MOVED, Kind.MEETING_CANCELLED}
)


def default_on(kind: str, channel: str) -> bool:
    return not (channel == Channel.EMAIL and kind in EMAILED_BY_DOMAIN)
