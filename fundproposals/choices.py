"""Enums of fund proposals (กปค.01): states, organisation types, decisions and votes."""

from django.db import models


class ProposalState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "ยื่นแล้ว รอตรวจความครบถ้วน"
    RETURNED = "returned", "ส่งกลับให้ปรับปรุง"
    UNDER_REVIEW = "under_review", "อยู่ระหว่างอนุกรรมการพิจารณา"
    TABLED = "tabled", "บรรจุระเบียบวาระการประชุมแล้ว"
    VOTING = "voting", "อยู่ระหว่างลงมติ"
    RESOLVED = "resolved", "มีมติคณะอนุกรรมการแล้ว"
    FORWARDED = "forwarded", "ส่งกองทุนแล้ว"
    FUND_DECIDED = "fund_decided", "กองทุนพิจารณาแล้ว"
    CONTRACTED = "contracted", "ทำสัญญาแล้ว"
    REPORTED = "reported", "รายงานผลแล้ว"
    WITHDRAWN = "withdrawn", "ถอนโครงการ"


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
    GOVERNMENT = "government", "หน่วยงานภาครัฐ"
    LOCAL = "local", "องค์กรปกครองส่วนท้องถิ่น (อปท.)"
    PRIVATE = "private", "องค์กรภาคเอกชนที่จดทะเบียน"


class ProjectKind(models.TextChoices):
    NEW = "new", "โครงการใหม่"
    CONTINUING = "continuing", "โครงการต่อเนื่อง"


class Decision(models.TextChoices):
    """The subcommittee's words for a proposal (members' reviews, votes and the resolution)."""

    APPROVE = "approve", "เห็นชอบ"
    IN_PRINCIPLE = "in_principle", "เห็นชอบในหลักการ"
    MORE_INFO = "more_info", "ขอรายละเอียดเพิ่มเติม"
    REJECT = "reject", "ไม่เห็นชอบ"


PASSING_DECISIONS = frozenset({Decision.APPROVE, Decision.IN_PRINCIPLE})


class VoteChoice(models.TextChoices):
    APPROVE = Decision.APPROVE.value, Decision.APPROVE.label
    IN_PRINCIPLE = Decision.IN_PRINCIPLE.value, Decision.IN_PRINCIPLE.label
    MORE_INFO = Decision.MORE_INFO.value, Decision.MORE_INFO.label
    REJECT = Decision.REJECT.value, Decision.REJECT.label
    ABSTAIN = "abstain", "งดออกเสียง"


class FundDecision(models.TextChoices):
    """The national fund's words."""

    APPROVED = "approved", "อนุมัติ"
    IN_PRINCIPLE = "in_principle", "อนุมัติในหลักการ"
    MORE_INFO = "more_info", "ขอรายละเอียดเพิ่มเติม"
    REJECTED = "rejected", "ไม่อนุมัติ"


FUNDED_DECISIONS = frozenset({FundDecision.APPROVED, FundDecision.IN_PRINCIPLE})


class BallotMode(models.TextChoices):
    MEETING = "meeting", "ลงมติในที่ประชุม"
    CIRCULATION = "circulation", "เวียนมติ"


class VoteMethod(models.TextChoices):
    """How the room decides (chosen per item when the vote opens); quorum, recusal and the casting vote apply to all."""

    CONSENSUS = "consensus", "ฉันทามติ (ฝ่ายเลขานุการบันทึกมติ ไม่นับคะแนน)"
    SHOW_OF_HANDS = "show_of_hands", "ยกมือ (ฝ่ายเลขานุการนับและบันทึกจำนวนเสียง)"
    ROLL_CALL = "roll_call", "ขานชื่อรายบุคคล (ฝ่ายเลขานุการบันทึกรายคน)"
    DEVICES = "devices", "อนุกรรมการลงมติด้วยอุปกรณ์ของตนเอง"
    MIXED = "mixed", "ผสม (ลงมติด้วยตนเอง และฝ่ายเลขานุการบันทึกแทนผู้ที่ไม่ได้ใช้อุปกรณ์)"


# Which methods take a member's own vote, and which take the secretariat's entry for a member.
DEVICE_METHODS = frozenset({VoteMethod.DEVICES, VoteMethod.MIXED})
ENTRY_METHODS = frozenset({VoteMethod.ROLL_CALL, VoteMethod.MIXED})


class VoteChannel(models.TextChoices):
    """Through which hand a vote reached the record."""

    DEVICE = "device", "ลงมติด้วยตนเอง"
    SECRETARIAT = "secretariat", "ฝ่ายเลขานุการบันทึกแทน"


class BallotState(models.TextChoices):
    OPEN = "open", "เปิดลงมติ"
    CLOSED = "closed", "ปิดการลงมติแล้ว"


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", "เอกสารประกอบโครงการ"
    PHOTO = "photo", "ภาพถ่ายผลการดำเนินงาน"


# The secretariat's completeness checklist (ตรวจสอบความครบถ้วนของเอกสาร).
CHECKLIST = (
    ("form_complete", "กรอกแบบ กปค.01 ครบทุกหัวข้อ"),
    ("signed", "มีลายมือชื่อผู้รับผิดชอบโครงการและหัวหน้าหน่วยงาน"),
    ("budget_detail", "มีรายละเอียดประมาณการค่าใช้จ่ายที่ถูกต้องตามระเบียบ"),
    ("pillar_fit", "สอดคล้องกับยุทธศาสตร์ด้านการป้องกันและปราบปรามการค้ามนุษย์"),
    ("org_documents", "มีเอกสารแสดงสถานะขององค์กร (หนังสือจดทะเบียน/หนังสือรับรอง)"),
)
