"""Writes of API tokens: make one (the secret is returned once), revoke one."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apitokens.models import ApiToken
from core import audit

SCHEME = "ctip"


def digest_of(raw: str) -> str:
    """SHA-256 of the whole token: it has 256 bits of randomness, so no slow hash is needed."""
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(*, actor, name: str, days: int) -> tuple[ApiToken, str]:
    """Make a token for ``actor`` valid ``days`` days; returns the row and the secret (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("กรุณาตั้งชื่อโทเคน เช่น ชื่อระบบที่จะใช้")})
    longest = settings.API_TOKEN_MAX_DAYS
    if not 1 <= days <= longest:
        raise ValidationError({"days": f"อายุโทเคนต้องอยู่ระหว่าง 1 ถึง {longest} วัน"})
    prefix = secrets.token_hex(4)
    raw = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken(
            user=actor,
            name=name,
            prefix=prefix,
            digest=digest_of(raw),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        token.full_clean()
        token.save()
        audit.record(actor=actor, action="apitoken.create", target=token, changes={"name": [None, name]})
    return token, raw


def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    """Stop a token working at once; the row stays (nothing is deleted)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.user_id != actor.pk:
            raise ValidationError(_("ยกเลิกได้เฉพาะโทเคนของท่านเอง"))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit.record(actor=actor, action="apitoken.revoke", target=token)
    return token
