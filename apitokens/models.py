from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A personal token another system uses to read the API as this user (the same scopes as the pages).

    Only a SHA-256 digest of the token is stored: the token itself is shown once, when it is made.
    A token is never deleted; revoking it keeps the row (who made it, when it was last used).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens", verbose_name="ผู้ใช้"
    )
    name = models.CharField("ชื่อโทเคน", max_length=100)
    prefix = models.CharField("รหัสขึ้นต้น", max_length=12, db_index=True)
    digest = models.CharField("ค่าแฮช", max_length=64, unique=True)
    expires_at = models.DateTimeField("หมดอายุเมื่อ")
    revoked_at = models.DateTimeField("ยกเลิกเมื่อ", null=True, blank=True)
    last_used_at = models.DateTimeField("ใช้ครั้งล่าสุดเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "โทเคน API"
        verbose_name_plural = "โทเคน API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
