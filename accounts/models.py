from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. What they may see comes from ``committees.access``."""

    full_name = models.CharField("ชื่อ-นามสกุล", max_length=200, blank=True)
    position = models.CharField("ตำแหน่ง", max_length=200, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=40, blank=True)

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def access(self):
        """The user's scopes, computed once per request (see ``committees.access``)."""
        from committees.access import compute_access

        return compute_access(self)
