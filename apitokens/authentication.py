"""DRF authentication by personal API token: ``Authorization: Bearer ctip_…``.

A malformed, unknown, revoked or expired token is refused with 401 and a JSON error (never a
redirect to the login page); a request without the header falls through to the session.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from apitokens.models import ApiToken
from apitokens.services import SCHEME, digest_of

TOKEN_RE = re.compile(rf"^{SCHEME}_[0-9a-f]{{8}}_[A-Za-z0-9_\-]{{20,64}}$")
KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("รูปแบบโทเคนไม่ถูกต้อง: ใช้ Authorization: Bearer <โทเคน>"))
        try:
            raw = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("รูปแบบโทเคนไม่ถูกต้อง")) from None
        if not TOKEN_RE.match(raw):
            raise exceptions.AuthenticationFailed(_("รูปแบบโทเคนไม่ถูกต้อง"))
        token = ApiToken.objects.select_related("user").filter(digest=digest_of(raw)).first()
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("โทเคนไม่ถูกต้องหรือถูกยกเลิกแล้ว"))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("โทเคนหมดอายุแล้ว"))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("บัญชีผู้ใช้ถูกระงับ"))
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how a personal token is sent (``Authorization: Bearer ctip_…``)."""

    target_class = "apitokens.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "โทเคน API ส่วนบุคคล (สร้างได้ที่ /api-tokens/)"}
