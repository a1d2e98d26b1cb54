"""Writes to accounts: set a password from a one-time secret, self-registration, e-mail checks.

Accounts knows no domain: who may be invited, and to which seat or province,
is decided by the committees app, which calls ``issue_invitation`` here.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import tokens
from accounts.models import TokenPurpose, User
from core import audit

INVALID_LINK = "ลิงก์หรือรหัสนี้ใช้ไม่ได้ อาจพิมพ์ผิด หมดอายุ หรือถูกใช้ไปแล้ว กรุณาขอใหม่จากฝ่ายเลขานุการของจังหวัด"


def invitation_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.INVITATION_DAYS)


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def new_username(base: str) -> str:
    """A free username from ``base`` (an e-mail's local part or a seat label)."""
    stem = "".join(ch for ch in base.lower() if ch.isalnum() or ch in "._-")[:30] or "user"
    name, n = stem, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{stem}{n}"
    return name


def create_invited_user(*, full_name: str, email: str = "", username_hint: str = "", position: str = "") -> User:
    """A user who cannot sign in until they set a password from their invitation."""
    user = User(
        username=new_username(username_hint or (email.split("@")[0] if email else "user")),
        full_name=full_name,
        email=email,
        position=position,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def issue_invitation(*, actor, user: User, by_code: bool = False) -> str:
    """A one-time set-password link e-mailed to ``user`` (or a printable code, returned and shown once).

    Earlier unused invitations of the user stop working. Call inside the
    caller's transaction; the e-mail leaves on commit.
    """
    if user.has_usable_password():
        raise ValidationError(_("ผู้ใช้นี้ตั้งรหัสผ่านแล้ว ให้ใช้ลืมรหัสผ่านแทน"))
    purpose = TokenPurpose.PRINTED_CODE if by_code else TokenPurpose.INVITATION
    # a new invitation of either kind replaces the other kind too
    other = TokenPurpose.INVITATION if by_code else TokenPurpose.PRINTED_CODE
    user.one_time_tokens.filter(purpose=other, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    secret = tokens.issue(user=user, purpose=purpose, lifetime=invitation_lifetime(), created_by=actor, short=by_code)
    audit.record(actor=actor, action="account.invite", target=user, reason="code" if by_code else "email")
    if not by_code:
        if not user.email:
            raise ValidationError(_("ผู้ใช้นี้ไม่มีอีเมล ให้พิมพ์รหัสใช้ครั้งเดียวแทน"))
        link = site_link(reverse("accounts:welcome", args=[secret]))
        body = "\n".join(
            [
                f"เรียน {user}",
                "",
                "ฝ่ายเลขานุการได้สร้างบัญชีผู้ใช้ระบบงาน ศปคม.จ. ให้ท่าน",
                f"ชื่อผู้ใช้: {user.username}",
                f"กรุณาตั้งรหัสผ่านที่ลิงก์นี้ (ใช้ได้ครั้งเดียว ภายใน {settings.INVITATION_DAYS} วัน):",
                link,
            ]
        )
        email = user.email
        transaction.on_commit(lambda: send_mail("คำเชิญใช้งานระบบ ศปคม.จ.", body, settings.DEFAULT_FROM_EMAIL, [email]))
    return secret


def set_password_from_secret(*, secret: str, short: bool, password1: str, password2: str) -> User:
    """Redeem an invitation link or printed code: the user sets a password and may sign in."""
    if password1 != password2:
        raise ValidationError({"password2": _("รหัสผ่านทั้งสองช่องไม่ตรงกัน")})
    purposes = (TokenPurpose.PRINTED_CODE,) if short else (TokenPurpose.INVITATION,)
    with transaction.atomic():
        token = tokens.find(secret, purposes=purposes, short=short, lock=True)
        if token is None:
            raise ValidationError(INVALID_LINK)
        user = token.user
        try:
            password_validation.validate_password(password1, user)
        except ValidationError as exc:
            raise ValidationError({"password1": exc.messages}) from None
        user.set_password(password1)
        user.is_active = True
        if not short and user.email and not user.email_verified_at:
            user.email_verified_at = timezone.now()  # the link reached this address
        user.save()
        tokens.consume(token)
        audit.record(actor=user, action="account.set_password", target=user)
    return user


def register(*, username: str, full_name: str, email: str, organisation: str, phone: str, password: str) -> User | None:
    """A proposer registers; the account opens when the e-mail link is followed.

    When the address already has an account, nothing is created and the owner is
    told by e-mail instead (the page says the same either way).
    """
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists():
        transaction.on_commit(
            lambda: send_mail(
                "มีผู้พยายามสมัครใช้งานระบบ ศปคม.จ. ด้วยอีเมลของท่าน",
                "อีเมลนี้มีบัญชีผู้ใช้อยู่แล้ว หากท่านลืมรหัสผ่าน ให้ใช้ลืมรหัสผ่านที่หน้าเข้าสู่ระบบ\n" + site_link(reverse("password_reset")),
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        )
        return None
    with transaction.atomic():
        user = User(
            username=username, full_name=full_name, email=email, organisation=organisation, phone=phone, is_active=False
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        secret = tokens.issue(
            user=user, purpose=TokenPurpose.EMAIL_VERIFICATION, lifetime=dt.timedelta(days=settings.INVITATION_DAYS)
        )
        audit.record(actor=user, action="account.register", target=user)
        link = site_link(reverse("accounts:verify", args=[secret]))
        transaction.on_commit(
            lambda: send_mail(
                "ยืนยันอีเมลเพื่อเปิดใช้บัญชีระบบ ศปคม.จ.",
                f"เรียน {full_name}\n\nกรุณายืนยันอีเมลที่ลิงก์นี้ (ใช้ได้ครั้งเดียว):\n{link}\n\n"
                "เมื่อยืนยันแล้ว ให้เข้าสู่ระบบและขอสิทธิ์เสนอโครงการในจังหวัดของท่าน",
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        )
    return user


def verify_email(*, secret: str) -> User:
    with transaction.atomic():
        token = tokens.find(secret, purposes=(TokenPurpose.EMAIL_VERIFICATION,), lock=True)
        if token is None:
            raise ValidationError(INVALID_LINK)
        user = token.user
        user.is_active = True
        user.email_verified_at = timezone.now()
        user.save(update_fields=["is_active", "email_verified_at"])
        tokens.consume(token)
        audit.record(actor=user, action="account.verify_email", target=user)
    return user


# English throughout (issue #14) ---------------------------------------------------------------


def set_language(*, actor, language: str) -> None:
    """Remember the language ``actor`` chose, so that their e-mails and notifications use it."""
    if not getattr(actor, "is_authenticated", False) or actor.language == language:
        return
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        before = user.language
        user.language = language
        user.full_clean(validate_unique=False, validate_constraints=False)
        user.save(update_fields=["language"])
        audit.record(actor=user, action="account.language", target=user, changes={"language": [before, language]})
    actor.language = language
