"""Background work of fund proposals: notifications and the circulated-vote deadline sweep."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task
def notify_submitted(proposal_id: int) -> int:
    """Tell the proposer and the province's secretariat that a proposal was received."""
    from committees.choices import GrantRole
    from committees.models import RoleGrant
    from fundproposals.models import Proposal

    proposal = Proposal.objects.select_related("province", "proposer").get(pk=proposal_id)
    secretariat = RoleGrant.objects.filter(role=GrantRole.SECRETARIAT, province=proposal.province).values_list(
        "user__email", flat=True
    )
    recipients = sorted({e for e in [proposal.proposer.email, *secretariat] if e})
    if not recipients:
        return 0
    subject = f"ได้รับโครงการ {proposal.code} แล้ว"
    body = (
        f"ฝ่ายเลขานุการ{proposal.province.name_th} ได้รับโครงการ “{proposal.title}” "
        f"(รหัส {proposal.code}, ฉบับที่ {proposal.revision}) ตามแบบ {settings.FUND_FORM_CODE} แล้ว\n"
        f"ติดตามสถานะได้ที่ {settings.SITE_URL}/proposals/{proposal.pk}/"
    )
    return send_mail(subject, body, None, recipients)


@shared_task
def notify_returned(proposal_id: int, reason: str) -> int:
    """Tell the proposer their proposal was returned for revision, and why."""
    from fundproposals.models import Proposal

    proposal = Proposal.objects.select_related("province", "proposer").get(pk=proposal_id)
    if not proposal.proposer.email:
        return 0
    body = (
        f"ฝ่ายเลขานุการ{proposal.province.name_th} ส่งโครงการ “{proposal.title}” (รหัส {proposal.code}) "
        f"กลับให้ปรับปรุง\nเหตุผล: {reason}\n"
        f"แก้ไขและยื่นใหม่ได้ที่ {settings.SITE_URL}/proposals/{proposal.pk}/"
    )
    return send_mail(f"โครงการ {proposal.code} ถูกส่งกลับให้ปรับปรุง", body, None, [proposal.proposer.email])


@shared_task
def close_due_ballots() -> int:
    """Close circulated votes whose deadline has passed (run every few minutes by beat)."""
    from fundproposals.services import close_due_ballots as close

    return close()
