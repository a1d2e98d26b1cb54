"""Writes about people: members' accounts, role grants, proposers' requests.

The account side (users, one-time secrets, e-mails) is ``accounts.services``;
this module decides who may be given what, in which province.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import User
from committees.choices import GrantRole, RequestState
from committees.models import Member, ProposerRequest, Province, RoleGrant
from committees.permissions import can_decide_proposers, can_invite_member, can_manage_roles
from core import audit


def _require(verdict) -> None:
    if not verdict:
        raise PermissionDenied(verdict.reason)


def invite_member(*, actor, member: Member, by_code: bool = False) -> str:
    """Give a current member a login: an e-mailed set-password link, or a printable code (returned).

    The account is tied to the seat (``Member.user``): its member and chair
    rights end with the term. Sending again replaces the earlier invitation.
    """
    _require(can_invite_member(actor, member))
    with transaction.atomic():
        seat = (
            Member.objects.select_for_update(of=("self",))
            .select_related("subcommittee__province", "user")
            .get(pk=member.pk)
        )
        if not Member.objects.current().filter(pk=seat.pk).exists():
            raise ValidationError(_("วาระของอนุกรรมการท่านนี้สิ้นสุดแล้ว สร้างบัญชีให้ไม่ได้"))
        if not by_code and not seat.email:
            raise ValidationError(_("อนุกรรมการท่านนี้ไม่มีอีเมล ให้พิมพ์รหัสใช้ครั้งเดียวมอบให้แทน"))
        user = seat.user
        if user is None:
            user = account_services.create_invited_user(
                full_name=seat.full_name,
                email=seat.email,
                position=seat.position,
                username_hint="" if seat.email else f"member{seat.pk}",
            )
            seat.user = user
            seat.save(update_fields=["user", "updated_at"])
            audit.record(
                actor=actor,
                action="member.update",
                target=seat,
                province=seat.subcommittee.province,
                changes={"user": [None, user.username]},
            )
        elif user.has_usable_password():
            raise ValidationError(_("อนุกรรมการท่านนี้มีบัญชีที่ใช้งานแล้ว หากลืมรหัสผ่านให้ใช้ลืมรหัสผ่านที่หน้าเข้าสู่ระบบ"))
        elif seat.email and user.email != seat.email:
            user.email = seat.email
            user.save(update_fields=["email"])
        secret = account_services.issue_invitation(actor=actor, user=user, by_code=by_code)
        audit.record(
            actor=actor,
            action="member.invite",
            target=seat,
            province=seat.subcommittee.province,
            reason="รหัสใช้ครั้งเดียว" if by_code else f"อีเมล {seat.email}",
        )
    return secret


def _user_for(*, actor, email: str, full_name: str) -> tuple[User, bool]:
    """The user with this e-mail, or a new invited one (returns whether it is new)."""
    email = User.objects.normalize_email(email).strip()
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing:
        return existing, False
    if not full_name:
        raise ValidationError({"full_name": _("ผู้ใช้ใหม่ต้องมีชื่อ-นามสกุล")})
    return account_services.create_invited_user(full_name=full_name, email=email), True


def grant_role(*, actor, email: str, role: str, province: Province | None, full_name: str = "") -> RoleGrant:
    """A national officer gives a secretariat, viewer or national role (a new person gets an invitation)."""
    _require(can_manage_roles(actor))
    if role not in (GrantRole.NATIONAL, GrantRole.SECRETARIAT, GrantRole.VIEWER):
        raise ValidationError({"role": _("หน้านี้กำหนดได้เฉพาะฝ่ายเลขานุการ ผู้ตรวจสอบ และเจ้าหน้าที่ส่วนกลาง")})
    if role == GrantRole.NATIONAL:
        province = None
    elif province is None:
        raise ValidationError({"province": _("กรุณาเลือกจังหวัด")})
    with transaction.atomic():
        user, new = _user_for(actor=actor, email=email, full_name=full_name)
        if RoleGrant.objects.filter(user=user, role=role, province=province).exists():
            raise ValidationError(_("ผู้ใช้นี้มีสิทธิ์นี้อยู่แล้ว"))
        grant = RoleGrant(user=user, role=role, province=province, granted_by=actor)
        grant.full_clean(validate_constraints=False)
        grant.save()
        audit.record(
            actor=actor,
            action="role.grant",
            target=grant,
            province=province,
            changes={"role": [None, grant.role], "user": [None, user.username]},
        )
        if new:
            account_services.issue_invitation(actor=actor, user=user)
    return grant


def revoke_role(*, actor, grant_id: int, reason: str = "") -> None:
    """Take a role back. The grant row goes; the audit record keeps who had it, from whom, and why."""
    _require(can_manage_roles(actor))
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update(of=("self",)).select_related("user", "province").get(pk=grant_id)
        if grant.role == GrantRole.PROPOSER:
            raise ValidationError(_("สิทธิ์ผู้เสนอโครงการให้ฝ่ายเลขานุการของจังหวัดเป็นผู้พิจารณา"))
        if grant.user_id == actor.pk and grant.role == GrantRole.NATIONAL:
            raise ValidationError(_("ถอนสิทธิ์เจ้าหน้าที่ส่วนกลางของตนเองไม่ได้"))
        audit.record(
            actor=actor,
            action="role.revoke",
            target=grant,
            province=grant.province,
            changes={"role": [grant.get_role_display(), None], "user": [grant.user.username, None]},
            reason=reason,
        )
        grant.delete()


def request_to_propose(*, actor, province: Province, organisation: str, note: str = "") -> ProposerRequest:
    """A signed-in user asks the province's secretariat for the proposer role."""
    if RoleGrant.objects.filter(user=actor, role=GrantRole.PROPOSER, province=province).exists():
        raise ValidationError(_("ท่านเป็นผู้เสนอโครงการในจังหวัดนี้อยู่แล้ว"))
    if ProposerRequest.objects.filter(user=actor, province=province, state=RequestState.PENDING).exists():
        raise ValidationError(_("ท่านมีคำขอในจังหวัดนี้ที่รอพิจารณาอยู่แล้ว"))
    with transaction.atomic():
        req = ProposerRequest(user=actor, province=province, organisation=organisation, note=note)
        req.full_clean()
        req.save()
        audit.record(actor=actor, action="proposer_request.add", target=req, province=province)
    return req


def decide_request(*, actor, request_id: int, accept: bool, reason: str = "") -> ProposerRequest:
    """The secretariat accepts (the proposer role is granted) or refuses (with a reason)."""
    with transaction.atomic():
        req = (
            ProposerRequest.objects.select_for_update(of=("self",))
            .select_related("province", "user")
            .get(pk=request_id)
        )
        _require(can_decide_proposers(actor, req.province))
        if req.state != RequestState.PENDING:
            raise ValidationError(_("คำขอนี้พิจารณาไปแล้ว"))
        if not accept and not reason.strip():
            raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ไม่อนุญาต")})
        req.state = RequestState.ACCEPTED if accept else RequestState.REFUSED
        req.decided_by, req.decided_at, req.reason = actor, timezone.now(), reason
        req.full_clean()
        req.save()
        if accept:
            RoleGrant.objects.get_or_create(
                user=req.user, role=GrantRole.PROPOSER, province=req.province, defaults={"granted_by": actor}
            )
            if req.organisation and not req.user.organisation:
                req.user.organisation = req.organisation
                req.user.save(update_fields=["organisation"])
        audit.record(
            actor=actor,
            action="proposer_request.accept" if accept else "proposer_request.refuse",
            target=req,
            province=req.province,
            reason=reason,
        )
    return req


def invite_proposer(*, actor, province: Province, email: str, full_name: str, organisation: str = "") -> RoleGrant:
    """The secretariat invites a proposer by e-mail: the role now, a set-password link when the person is new."""
    _require(can_decide_proposers(actor, province))
    with transaction.atomic():
        user, new = _user_for(actor=actor, email=email, full_name=full_name)
        if organisation and not user.organisation:
            user.organisation = organisation
            user.save(update_fields=["organisation"])
        grant, created = RoleGrant.objects.get_or_create(
            user=user, role=GrantRole.PROPOSER, province=province, defaults={"granted_by": actor}
        )
        if not created:
            raise ValidationError(_("ผู้ใช้นี้เป็นผู้เสนอโครงการในจังหวัดนี้อยู่แล้ว"))
        audit.record(
            actor=actor,
            action="role.grant",
            target=grant,
            province=province,
            changes={"role": [None, grant.role], "user": [None, user.username]},
        )
        if new:
            account_services.issue_invitation(actor=actor, user=user)
    return grant
