"""The audit trail in words: every action code and role code a person may read on an audit page.

One file, so that a new ``audit.record(action=...)`` gets its words here (a test walks the
code for every action and fails on one that has none). Words are Thai msgids, translated
through the catalogue like the rest of the product ("minutes.adopt" reads "รับรองรายงานการประชุม"
in Thai, "Minutes adopted" in English).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "account.change_password": _("เปลี่ยนรหัสผ่าน"),
    "account.invite": _("เชิญเข้าใช้ระบบ"),
    "account.language": _("เปลี่ยนภาษา"),
    "account.register": _("ลงทะเบียนบัญชีผู้ใช้"),
    "account.set_password": _("ตั้งรหัสผ่าน"),
    "account.two_factor_on": _("เปิดการยืนยันตัวตนสองขั้นตอน"),
    "account.verify_email": _("ยืนยันอีเมล"),
    "actionplan.activity.add": _("เพิ่มกิจกรรมในแผน"),
    "actionplan.activity.update": _("แก้ไขกิจกรรมในแผน"),
    "actionplan.create": _("สร้างแผนปฏิบัติการ"),
    "actionplan.progress.record": _("บันทึกความก้าวหน้าของกิจกรรม"),
    "actionplan.revise": _("จัดทำแผนปฏิบัติการฉบับปรับปรุง"),
    "agenda.add": _("เพิ่มระเบียบวาระ"),
    "agenda.paper": _("แนบเอกสารประกอบระเบียบวาระ"),
    "agenda.remove_paper": _("นำเอกสารประกอบระเบียบวาระออก"),
    "agenda.swap": _("สลับลำดับระเบียบวาระ"),
    "agenda.update": _("แก้ไขระเบียบวาระ"),
    "agenda.withdraw": _("ถอนระเบียบวาระ"),
    "apitoken.create": _("สร้างโทเคน API"),
    "apitoken.revoke": _("เพิกถอนโทเคน API"),
    "attendance.guest": _("บันทึกผู้เข้าร่วมประชุม"),
    "attendance.record": _("บันทึกการเข้าประชุม"),
    "ballot.hands": _("บันทึกผลการยกมือ"),
    "ballot.open": _("เปิดการลงมติ"),
    "ballot.reported": _("รายงานผลการลงมติ"),
    "ballot.secret": _("กำหนดให้ลงคะแนนลับ"),
    "ballot.vote": _("ลงมติ"),
    "ballot.vote_secret": _("ลงคะแนนลับ"),
    "conflict.declare": _("แจ้งส่วนได้เสีย"),
    "emeeting.check_in": _("ลงชื่อเข้าประชุมออนไลน์"),
    "emeeting.evidence": _("สร้างชุดหลักฐานการประชุม"),
    "emeeting.fault": _("แจ้งเหตุขัดข้อง"),
    "emeeting.leave": _("ออกจากการประชุมออนไลน์"),
    "emeeting.mode": _("เปลี่ยนรูปแบบการประชุม"),
    "emeeting.recording": _("ลงทะเบียนการบันทึกภาพและเสียง"),
    "emeeting.vouch": _("รับรองตัวตนผู้เข้าประชุม"),
    "line.link": _("เชื่อมบัญชี LINE"),
    "meeting.cancellation_mailed": _("ส่งแจ้งยกเลิกการประชุม"),
    "meeting.invitations_mailed": _("ส่งหนังสือเชิญประชุมทางอีเมล"),
    "meeting.invite": _("ส่งหนังสือเชิญประชุม"),
    "meeting.schedule": _("กำหนดการประชุม"),
    "meeting.update": _("แก้ไขข้อมูลการประชุม"),
    "meeting.update_mailed": _("ส่งแจ้งเปลี่ยนแปลงกำหนดการประชุม"),
    "member.add": _("เพิ่มอนุกรรมการ"),
    "member.invite": _("เชิญอนุกรรมการเข้าใช้ระบบ"),
    "member.update": _("แก้ไขข้อมูลอนุกรรมการ"),
    "minutes.adopt": _("รับรองรายงานการประชุม"),
    "minutes.comment": _("ให้ความเห็นต่อรายงานการประชุม"),
    "minutes.save": _("บันทึกร่างรายงานการประชุม"),
    "proposal.attach": _("แนบเอกสารโครงการ"),
    "proposal.create": _("สร้างร่างโครงการ"),
    "proposal.review": _("อนุกรรมการให้ความเห็นต่อโครงการ"),
    "proposal.update": _("แก้ไขข้อมูลโครงการ"),
    "proposer_request.accept": _("อนุมัติคำขอเป็นผู้เสนอโครงการ"),
    "proposer_request.add": _("ขอเป็นผู้เสนอโครงการ"),
    "proposer_request.refuse": _("ไม่อนุญาตคำขอเป็นผู้เสนอโครงการ"),
    "report.failed": _("สร้างเอกสารไม่สำเร็จ"),
    "report.requested": _("ขอสร้างเอกสาร"),
    "resolution.correct": _("แก้ไขมติที่ประชุม"),
    "resolution.record": _("บันทึกมติที่ประชุม"),
    "risk_group.set": _("กำหนดกลุ่มตามระดับความเสี่ยง"),
    "role.grant": _("มอบสิทธิ์การใช้งาน"),
    "role.revoke": _("เพิกถอนสิทธิ์การใช้งาน"),
    "sitrep.create": _("สร้างรายงานสถานการณ์"),
    "sitrep.revise": _("จัดทำรายงานสถานการณ์ฉบับปรับปรุง"),
    "sitrep.update": _("แก้ไขรายงานสถานการณ์"),
    "subcommittee.update": _("แก้ไขข้อมูลคณะอนุกรรมการ"),
}

# A state change reads "เปลี่ยนสถานะ: <the transition's own label>"; the label comes from the workflow.
TRANSITION = _("เปลี่ยนสถานะ: %(step)s")


def _code_words() -> dict[str, dict[str, str]]:
    """Codes that may sit in an audit record's changes, by the name of the changed field."""
    from committees.choices import ChairCapacity, GrantRole, MemberRole, RiskGroup, Role

    roles = {**dict(MemberRole.choices), **dict(GrantRole.choices), **dict(Role.choices)}
    return {
        "role": roles,
        "roles": roles,
        "chair_capacity": dict(ChairCapacity.choices),
        "capacity": dict(ChairCapacity.choices),
        "risk_group": dict(RiskGroup.choices),
        "group": dict(RiskGroup.choices),
    }


def code_word(field_name: str, value: str) -> str | None:
    """The words for a code stored under ``field_name`` ("vice_governor" → "รองผู้ว่าราชการจังหวัด")."""
    words = _code_words().get(field_name)
    if words is None:
        return None
    word = words.get(value)
    return str(word) if word is not None else None


def _workflows():
    from actionplans.workflow import DOCUMENT_WORKFLOW
    from fundproposals.workflow import PROPOSAL_WORKFLOW
    from meetings.workflow import MEETING_WORKFLOW

    return {
        "proposal": PROPOSAL_WORKFLOW,
        "meeting": MEETING_WORKFLOW,
        "actionplan": DOCUMENT_WORKFLOW,
        "situationreport": DOCUMENT_WORKFLOW,
    }


def transition_label(name: str, model_name: str | None = None) -> str:
    flows = _workflows()
    ordered = [flows[model_name]] if model_name in flows else []
    ordered += [f for f in flows.values() if f not in ordered]
    for flow in ordered:
        t = flow.by_name.get(name)
        if t is not None:
            return str(t.label)
    return name


def action_words(action: str, model_name: str | None = None) -> str:
    """``minutes.adopt`` → "รับรองรายงานการประชุม"; ``transition:withdraw`` → "เปลี่ยนสถานะ: ถอนโครงการ"."""
    if action.startswith("transition:"):
        return str(TRANSITION) % {"step": transition_label(action.split(":", 1)[1], model_name)}
    word = ACTIONS.get(action)
    return str(word) if word is not None else action
