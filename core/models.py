"""What every app shares: timestamps and the audit record."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy

from core.limits import LongTextField


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(gettext_lazy("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who did what to which object, when, with the values before and after.

    Written by services only (``core.audit.record``); never updated or deleted.
    ``province`` scopes who may read the event.
    """

    at = models.DateTimeField(gettext_lazy("เวลา"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("ผู้ดำเนินการ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(gettext_lazy("การดำเนินการ"), max_length=80)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(gettext_lazy("รายการ"), max_length=255)
    province = models.ForeignKey(
        "committees.Province",
        verbose_name=gettext_lazy("จังหวัด"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    changes = models.JSONField(gettext_lazy("ค่าก่อนและหลัง"), default=dict, blank=True)
    reason = LongTextField(gettext_lazy("เหตุผล"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            # a secretariat's audit list: its province's newest events first (issue #12)
            models.Index(fields=["province", "-at", "-id"], name="audit_province_newest"),
        ]
        verbose_name = gettext_lazy("บันทึกการเปลี่ยนแปลง")
        verbose_name_plural = gettext_lazy("บันทึกการเปลี่ยนแปลง")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class PendingTask(models.Model):
    """A Celery message that could not be sent (the broker was down): sent again when it returns.

    Written by ``core.celery_support.SafeTask``; ``core.tasks.dispatch_pending`` (beat) sends and deletes it.
    """

    created_at = models.DateTimeField(gettext_lazy("สร้างเมื่อ"), auto_now_add=True)
    task = models.CharField(gettext_lazy("งาน"), max_length=200)
    args = models.JSONField(gettext_lazy("อาร์กิวเมนต์"), default=list, blank=True)
    kwargs = models.JSONField(gettext_lazy("อาร์กิวเมนต์ระบุชื่อ"), default=dict, blank=True)
    attempts = models.PositiveIntegerField(gettext_lazy("จำนวนครั้งที่ส่ง"), default=0)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = gettext_lazy("งานที่รอส่งเข้าคิว")
        verbose_name_plural = gettext_lazy("งานที่รอส่งเข้าคิว")

    def __str__(self) -> str:
        return self.task


class Heartbeat(models.Model):
    """The last time a periodic job ran (``worker``: the Celery worker, via beat); read by /healthz."""

    name = models.CharField(gettext_lazy("ชื่อ"), max_length=50, unique=True)
    at = models.DateTimeField(gettext_lazy("เวลาล่าสุด"))

    class Meta:
        verbose_name = gettext_lazy("สัญญาณชีพ")
        verbose_name_plural = gettext_lazy("สัญญาณชีพ")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
