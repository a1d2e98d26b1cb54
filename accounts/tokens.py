"""One-time secrets: made, stored as a hash, redeemed once, compared in constant time.

A secret is ``selector`` + ``verifier``. The selector (not secret) finds the row;
the verifier's SHA-256 is compared with ``hmac.compare_digest``, so the time a
guess takes says nothing about how close it was. Links carry a long URL-safe
secret; printed and LINE codes use an alphabet without look-alike characters
(no 0/O, 1/I/L) so they can be typed from paper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import OneTimeToken

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _hash(verifier: str) -> str:
    return hashlib.sha256(verifier.encode()).hexdigest()


def _random_code(n: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


def issue(*, user, purpose: str, lifetime: dt.timedelta, created_by=None, short: bool = False) -> str:
    """Make a new secret for ``user`` (earlier unused ones of the same purpose stop working).

    Returns the secret: ``selector.verifier`` for links, ``XXXX-XXXX-XXXX`` when ``short``.
    """
    now = timezone.now()
    OneTimeToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    for _attempt in range(5):
        if short:
            selector, verifier = _random_code(4), _random_code(8)
        else:
            selector, verifier = secrets.token_urlsafe(9)[:12], secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                OneTimeToken.objects.create(
                    user=user,
                    purpose=purpose,
                    selector=selector,
                    verifier_hash=_hash(verifier),
                    expires_at=now + lifetime,
                    created_by=created_by,
                )
        except IntegrityError:
            continue  # selector taken: draw again
        if short:
            return f"{selector}-{verifier[:4]}-{verifier[4:]}"
        return f"{selector}.{verifier}"
    raise RuntimeError("could not draw a free selector")


def split(secret: str, *, short: bool) -> tuple[str, str] | None:
    """``(selector, verifier)`` of a typed or linked secret; ``None`` when it cannot be one."""
    if short:
        cleaned = "".join(ch for ch in secret.upper() if ch.isalnum())
        if len(cleaned) != 12:
            return None
        return cleaned[:4], cleaned[4:]
    selector, dot, verifier = secret.partition(".")
    if not dot or not selector or not verifier or len(secret) > 200:
        return None
    return selector, verifier


def find(secret: str, *, purposes: tuple[str, ...], short: bool = False, lock: bool = False) -> OneTimeToken | None:
    """The live token ``secret`` names, or ``None`` (unknown, wrong, used, revoked and expired look the same)."""
    parts = split(secret, short=short)
    if parts is None:
        _hash("x" * 32)  # spend the same work as a real comparison
        return None
    selector, verifier = parts
    qs = OneTimeToken.objects.select_related("user").filter(selector=selector, purpose__in=purposes)
    if lock:
        qs = qs.select_for_update(of=("self",))
    token = qs.first()
    expected = token.verifier_hash if token else _hash(secrets.token_hex(16))
    matches = hmac.compare_digest(expected, _hash(verifier))
    if token is None or not matches:
        return None
    if token.used_at or token.revoked_at or token.expires_at <= timezone.now():
        return None
    return token


def consume(token: OneTimeToken) -> None:
    """Mark the token used (call inside the transaction that acts on it, after ``find(lock=True)``)."""
    token.used_at = timezone.now()
    token.save(update_fields=["used_at"])
