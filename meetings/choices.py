from django.db import models


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", "กำหนดการประชุม"
    HELD = "held", "ประชุมแล้ว"
    MINUTES_DRAFTED = "minutes_drafted", "ร่างรายงานการประชุม"
    CIRCULATED = "circulated", "เวียนรายงานการประชุม"
    ADOPTED = "adopted", "รับรองรายงานการประชุมแล้ว"
    CANCELLED = "cancelled", "ยกเลิก"


class SectionType(models.TextChoices):
    """The usual six sections of a Thai agenda (some bodies swap 3 and 4)."""

    CHAIR_INFORMS = "chair_informs", "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ"
    ADOPT_MINUTES = "adopt_minutes", "เรื่องรับรองรายงานการประชุมครั้งที่แล้ว"
    FOLLOW_UP = "follow_up", "เรื่องสืบเนื่อง"
    FOR_INFORMATION = "for_information", "เรื่องเพื่อทราบ"
    FOR_CONSIDERATION = "for_consideration", "เรื่องเพื่อพิจารณา"
    OTHER = "other", "เรื่องอื่น ๆ"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "มาประชุม"
    STAND_IN = "stand_in", "มาประชุมแทน"
    ABSENT = "absent", "ไม่มาประชุม"
    GUEST = "guest", "ผู้เข้าร่วมประชุม"


class ResolutionOutcome(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", "รับทราบ"
    APPROVED = "approved", "เห็นชอบ"
    APPROVED_WITH_CHANGES = "approved_with_changes", "เห็นชอบโดยมีการแก้ไข"
    # the fund's screening vocabulary (กปค.01): เห็นชอบในหลักการ / ขอรายละเอียดเพิ่มเติม
    APPROVED_IN_PRINCIPLE = "approved_in_principle", "เห็นชอบในหลักการ"
    MORE_DETAILS = "more_details", "ขอรายละเอียดเพิ่มเติม"
    NOT_APPROVED = "not_approved", "ไม่เห็นชอบ"
    DEFERRED = "deferred", "เลื่อนการพิจารณา"


class AdoptionMethod(models.TextChoices):
    """How minutes were adopted (รับรองรายงานการประชุม)."""

    NEXT_MEETING = "next_meeting", "รับรองในการประชุมครั้งถัดไป (ระเบียบวาระที่ 2)"
    SAME_MEETING = "same_meeting", "รับรองในการประชุมครั้งเดียวกัน"
    CIRCULATION = "circulation", "รับรองโดยการเวียน"
