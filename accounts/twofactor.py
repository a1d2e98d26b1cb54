"""Two-factor sign-in with django-otp: a TOTP authenticator app plus one-time recovery codes.

Required for national officers, secretariat staff and chairs when
``TWO_FACTOR_REQUIRED`` is on (production); offered to everyone always. A
signed-in user who must verify is sent to the verify (or set-up) page before
any other page; the check costs no query once the session has settled it.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit

SESSION_FLAG = "two_factor_settled"
RECOVERY_CODES = 10
EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/")


def must_use(user) -> bool:
    """Whether the user's roles require a second factor (national, secretariat, chair) under the setting."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    access = user.access
    return access.is_national or bool(access.province_ids("secretariat", "chair"))


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


class TwoFactorMiddleware:
    """Send a signed-in user who has (or must have) a second factor to verify it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_FLAG)
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            if user.is_verified():
                request.session[SESSION_FLAG] = True
            elif has_device(user):
                return redirect(f"{reverse('accounts:two-factor-verify')}?next={request.get_full_path()}")
            elif must_use(user):
                return redirect("accounts:two-factor-setup")
            else:
                request.session[SESSION_FLAG] = True  # no second factor to ask for
        return self.get_response(request)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed authenticator (made once, shown until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="แอปยืนยันตัวตน", confirmed=False)
    return device


def qr_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


def secret_text(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; returns fresh recovery codes (shown once)."""
    if not device.verify_token(token):
        return None
    user = request.user
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()  # earlier recovery codes stop working
        static = StaticDevice.objects.create(user=user, name="รหัสกู้คืน", confirmed=True)
        codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
        audit.record(actor=user, action="account.two_factor_on", target=user)
    otp_login(request, device)
    request.session[SESSION_FLAG] = True
    return codes


def verify(*, request, token: str) -> bool:
    """Check an authenticator code or a recovery code (each recovery code works once)."""
    device = match_token(request.user, token.replace(" ", "").strip())
    if device is None:
        return False
    otp_login(request, device)
    request.session[SESSION_FLAG] = True
    return True
