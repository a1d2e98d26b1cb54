from django.db import models
from django.utils.translation import gettext_lazy


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", gettext_lazy("กำหนดการประชุม")
    HELD = "held", gettext_lazy("ประชุมแล้ว")
    MINUTES_DRAFTED = "minutes_drafted", gettext_lazy("ร่างรายงานการประชุม")
    CIRCULATED = "circulated", gettext_lazy("เวียนรายงานการประชุม")
    ADOPTED = "adopted", gettext_lazy("รับรองรายงานการประชุมแล้ว")
    CANCELLED = "cancelled", gettext_lazy("ยกเลิก")


class SectionType(models.TextChoices):
    """The usual six sections of a Thai agenda (some bodies swap 3 and 4)."""

    CHAIR_INFORMS = "chair_informs", gettext_lazy("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")
    ADOPT_MINUTES = "adopt_minutes", gettext_lazy("เรื่องรับรองรายงานการประชุมครั้งที่แล้ว")
    FOLLOW_UP = "follow_up", gettext_lazy("เรื่องสืบเนื่อง")
    FOR_INFORMATION = "for_information", gettext_lazy("เรื่องเพื่อทราบ")
    FOR_CONSIDERATION = "for_consideration", gettext_lazy("เรื่องเพื่อพิจารณา")
    OTHER = "other", gettext_lazy("เรื่องอื่น ๆ")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", gettext_lazy("มาประชุม")
    STAND_IN = "stand_in", gettext_lazy("มาประชุมแทน")
    ABSENT = "absent", gettext_lazy("ไม่มาประชุม")
    GUEST = "guest", gettext_lazy("ผู้เข้าร่วมประชุม")


class ResolutionOutcome(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", gettext_lazy("รับทราบ")
    APPROVED = "approved", gettext_lazy("เห็นชอบ")
    APPROVED_WITH_CHANGES = "approved_with_changes", gettext_lazy("เห็นชอบโดยมีการแก้ไข")
    # the fund's screening vocabulary (กปค.01): เห็นชอบในหลักการ / ขอรายละเอียดเพิ่มเติม
    APPROVED_IN_PRINCIPLE = "approved_in_principle", gettext_lazy("เห็นชอบในหลักการ")
    MORE_DETAILS = "more_details", gettext_lazy("ขอรายละเอียดเพิ่มเติม")
    NOT_APPROVED = "not_approved", gettext_lazy("ไม่เห็นชอบ")
    DEFERRED = "deferred", gettext_lazy("เลื่อนการพิจารณา")


class AdoptionMethod(models.TextChoices):
    """How minutes were adopted (รับรองรายงานการประชุม)."""

    NEXT_MEETING = "next_meeting", gettext_lazy("รับรองในการประชุมครั้งถัดไป (ระเบียบวาระที่ 2)")
    SAME_MEETING = "same_meeting", gettext_lazy("รับรองในการประชุมครั้งเดียวกัน")
    CIRCULATION = "circulation", gettext_lazy("รับรองโดยการเวียน")
