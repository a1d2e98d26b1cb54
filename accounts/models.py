from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy


class User(AbstractUser):
    """A person who signs in. What they may see comes from the access resolver (``settings.ACCESS_RESOLVER``)."""

    full_name = models.CharField(gettext_lazy("ชื่อ-นามสกุล"), max_length=200, blank=True)
    position = models.CharField(gettext_lazy("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(gettext_lazy("โทรศัพท์"), max_length=40, blank=True)
    organisation = models.CharField(gettext_lazy("หน่วยงาน/องค์กร"), max_length=300, blank=True)
    email_verified_at = models.DateTimeField(gettext_lazy("ยืนยันอีเมลเมื่อ"), null=True, blank=True)
    # English throughout (issue #14): the language the user last chose; e-mails and notifications use it.
    language = models.CharField(
        gettext_lazy("ภาษา"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = gettext_lazy("ผู้ใช้")
        verbose_name_plural = gettext_lazy("ผู้ใช้")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def access(self):
        """The user's scopes, computed once per request by the resolver the settings name.

        Accounts knows no domain: the resolver (``committees.access.compute_access``)
        is named in the settings, so this app imports nothing of the committees app.
        """
        return import_string(settings.ACCESS_RESOLVER)(self)


class TokenPurpose(models.TextChoices):
    INVITATION = "invitation", gettext_lazy("คำเชิญตั้งรหัสผ่าน")
    PRINTED_CODE = "printed_code", gettext_lazy("รหัสใช้ครั้งเดียว (พิมพ์มอบให้)")
    EMAIL_VERIFICATION = "email_verification", gettext_lazy("ยืนยันอีเมล")
    LINE_LINK = "line_link", gettext_lazy("เชื่อมบัญชี LINE")


class OneTimeToken(models.Model):
    """A single-use secret for a user: an invitation link, a printed code, an e-mail check, a LINE link.

    Only a hash of the secret is stored. ``selector`` finds the row; the verifier
    part is compared in constant time (see ``accounts.tokens``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="one_time_tokens")
    purpose = models.CharField(gettext_lazy("ใช้สำหรับ"), max_length=30, choices=TokenPurpose.choices)
    selector = models.CharField(max_length=16, unique=True)
    verifier_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(gettext_lazy("สร้างเมื่อ"), auto_now_add=True)
    expires_at = models.DateTimeField(gettext_lazy("หมดอายุเมื่อ"))
    used_at = models.DateTimeField(gettext_lazy("ใช้เมื่อ"), null=True, blank=True)
    revoked_at = models.DateTimeField(gettext_lazy("ยกเลิกเมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("รหัสใช้ครั้งเดียว")
        verbose_name_plural = gettext_lazy("รหัสใช้ครั้งเดียว")
        indexes = [models.Index(fields=["user", "purpose"])]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="token_expires_later"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} – {self.user}"
