"""Enums of fund proposals (กปค.01): states, organisation types, decisions and votes."""

from django.db import models
from django.utils.translation import gettext_lazy


class ProposalState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("ร่าง")
    SUBMITTED = "submitted", gettext_lazy("ยื่นแล้ว รอตรวจความครบถ้วน")
    RETURNED = "returned", gettext_lazy("ส่งกลับให้ปรับปรุง")
    UNDER_REVIEW = "under_review", gettext_lazy("อยู่ระหว่างอนุกรรมการพิจารณา")
    TABLED = "tabled", gettext_lazy("บรรจุระเบียบวาระการประชุมแล้ว")
    VOTING = "voting", gettext_lazy("อยู่ระหว่างลงมติ")
    RESOLVED = "resolved", gettext_lazy("มีมติคณะอนุกรรมการแล้ว")
    FORWARDED = "forwarded", gettext_lazy("ส่งกองทุนแล้ว")
    FUND_DECIDED = "fund_decided", gettext_lazy("กองทุนพิจารณาแล้ว")
    CONTRACTED = "contracted", gettext_lazy("ทำสัญญาแล้ว")
    REPORTED = "reported", gettext_lazy("รายงานผลแล้ว")
    WITHDRAWN = "withdrawn", gettext_lazy("ถอนโครงการ")


# Badge colours of the states (Bootstrap text-bg-*), so a list reads at a glance.
STATE_STYLE = {
    "draft": "light",
    "submitted": "info",
    "returned": "warning",
    "under_review": "primary",
    "tabled": "primary",
    "voting": "success",
    "resolved": "dark",
    "forwarded": "secondary",
    "fund_decided": "secondary",
    "contracted": "success",
    "reported": "success",
    "withdrawn": "light",
}


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", gettext_lazy("หน่วยงานภาครัฐ")
    LOCAL = "local", gettext_lazy("องค์กรปกครองส่วนท้องถิ่น (อปท.)")
    PRIVATE = "private", gettext_lazy("องค์กรภาคเอกชนที่จดทะเบียน")


class ProjectKind(models.TextChoices):
    NEW = "new", gettext_lazy("โครงการใหม่")
    CONTINUING = "continuing", gettext_lazy("โครงการต่อเนื่อง")


class Decision(models.TextChoices):
    """The subcommittee's words for a proposal (members' reviews, votes and the resolution)."""

    APPROVE = "approve", gettext_lazy("เห็นชอบ")
    IN_PRINCIPLE = "in_principle", gettext_lazy("เห็นชอบในหลักการ")
    MORE_INFO = "more_info", gettext_lazy("ขอรายละเอียดเพิ่มเติม")
    REJECT = "reject", gettext_lazy("ไม่เห็นชอบ")


PASSING_DECISIONS = frozenset({Decision.APPROVE, Decision.IN_PRINCIPLE})


class VoteChoice(models.TextChoices):
    APPROVE = Decision.APPROVE.value, Decision.APPROVE.label
    IN_PRINCIPLE = Decision.IN_PRINCIPLE.value, Decision.IN_PRINCIPLE.label
    MORE_INFO = Decision.MORE_INFO.value, Decision.MORE_INFO.label
    REJECT = Decision.REJECT.value, Decision.REJECT.label
    ABSTAIN = "abstain", gettext_lazy("งดออกเสียง")


class FundDecision(models.TextChoices):
    """The national fund's words."""

    APPROVED = "approved", gettext_lazy("อนุมัติ")
    IN_PRINCIPLE = "in_principle", gettext_lazy("อนุมัติในหลักการ")
    MORE_INFO = "more_info", gettext_lazy("ขอรายละเอียดเพิ่มเติม")
    REJECTED = "rejected", gettext_lazy("ไม่อนุมัติ")


FUNDED_DECISIONS = frozenset({FundDecision.APPROVED, FundDecision.IN_PRINCIPLE})


class BallotMode(models.TextChoices):
    MEETING = "meeting", gettext_lazy("ลงมติในที่ประชุม")
    CIRCULATION = "circulation", gettext_lazy("เวียนมติ")


class VoteMethod(models.TextChoices):
    """How the room decides (chosen per item when the vote opens); quorum, recusal and the casting vote apply to all."""

    CONSENSUS = "consensus", gettext_lazy("ฉันทามติ (ฝ่ายเลขานุการบันทึกมติ ไม่นับคะแนน)")
    SHOW_OF_HANDS = "show_of_hands", gettext_lazy("ยกมือ (ฝ่ายเลขานุการนับและบันทึกจำนวนเสียง)")
    ROLL_CALL = "roll_call", gettext_lazy("ขานชื่อรายบุคคล (ฝ่ายเลขานุการบันทึกรายคน)")
    DEVICES = "devices", gettext_lazy("อนุกรรมการลงมติด้วยอุปกรณ์ของตนเอง")
    MIXED = "mixed", gettext_lazy("ผสม (ลงมติด้วยตนเอง และฝ่ายเลขานุการบันทึกแทนผู้ที่ไม่ได้ใช้อุปกรณ์)")


# Which methods take a member's own vote, and which take the secretariat's entry for a member.
DEVICE_METHODS = frozenset({VoteMethod.DEVICES, VoteMethod.MIXED})
ENTRY_METHODS = frozenset({VoteMethod.ROLL_CALL, VoteMethod.MIXED})


class VoteChannel(models.TextChoices):
    """Through which hand a vote reached the record."""

    DEVICE = "device", gettext_lazy("ลงมติด้วยตนเอง")
    SECRETARIAT = "secretariat", gettext_lazy("ฝ่ายเลขานุการบันทึกแทน")


class BallotState(models.TextChoices):
    OPEN = "open", gettext_lazy("เปิดลงมติ")
    CLOSED = "closed", gettext_lazy("ปิดการลงมติแล้ว")


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", gettext_lazy("เอกสารประกอบโครงการ")
    PHOTO = "photo", gettext_lazy("ภาพถ่ายผลการดำเนินงาน")


# The secretariat's completeness checklist (ตรวจสอบความครบถ้วนของเอกสาร).
CHECKLIST = (
    ("form_complete", gettext_lazy("กรอกแบบ กปค.01 ครบทุกหัวข้อ")),
    ("signed", gettext_lazy("มีลายมือชื่อผู้รับผิดชอบโครงการและหัวหน้าหน่วยงาน")),
    ("budget_detail", gettext_lazy("มีรายละเอียดประมาณการค่าใช้จ่ายที่ถูกต้องตามระเบียบ")),
    ("pillar_fit", gettext_lazy("สอดคล้องกับยุทธศาสตร์ด้านการป้องกันและปราบปรามการค้ามนุษย์")),
    ("org_documents", gettext_lazy("มีเอกสารแสดงสถานะขององค์กร (หนังสือจดทะเบียน/หนังสือรับรอง)")),
)
