from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from notifications.choices import Channel, DeliveryState, EmailMode, Kind


class Notification(models.Model):
    """One event told to one person: a short text and a link that asks for a login, never case content.

    ``event_key`` names the event (kind, object, variant); the unique key makes
    a retried or repeated emit tell each person once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=gettext_lazy("ผู้รับ"),
    )
    kind = models.CharField(gettext_lazy("เรื่อง"), max_length=30, choices=Kind.choices)
    event_key = models.CharField(max_length=120)
    text = models.CharField(gettext_lazy("ข้อความ"), max_length=300)
    url = models.CharField(gettext_lazy("ลิงก์"), max_length=300)
    province = models.ForeignKey(
        "committees.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(gettext_lazy("เมื่อ"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(gettext_lazy("อ่านเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("การแจ้งเตือน")
        verbose_name_plural = gettext_lazy("การแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="one_notification_per_event"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="notification_kind_valid"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


class Delivery(models.Model):
    """A notification sent by e-mail or LINE: once per notification and channel, retried with backoff."""

    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField(gettext_lazy("ช่องทาง"), max_length=10, choices=Channel.choices)
    digest = models.BooleanField(gettext_lazy("รวมในสรุปประจำวัน"), default=False)
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(gettext_lazy("จำนวนครั้งที่ส่ง"), default=0)
    last_error = models.TextField(gettext_lazy("ข้อผิดพลาดล่าสุด"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(gettext_lazy("ส่งเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("การส่งการแจ้งเตือน")
        verbose_name_plural = gettext_lazy("การส่งการแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="one_delivery_per_channel"),
            models.CheckConstraint(condition=~Q(channel=Channel.APP), name="delivery_not_in_app"),
            models.CheckConstraint(condition=Q(state__in=DeliveryState.values), name="delivery_state_valid"),
        ]
        indexes = [models.Index(fields=["state", "channel", "digest"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.notification}"


class Preference(models.Model):
    """A user's choice for one kind on one channel (no row: the default, on)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preferences")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "channel"], name="one_preference")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}/{self.channel}={self.enabled}"


class NotifySettings(models.Model):
    """A user's e-mail mode and linked LINE account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_settings")
    email_mode = models.CharField(
        gettext_lazy("อีเมล"), max_length=10, choices=EmailMode.choices, default=EmailMode.SINGLE
    )
    line_user_id = models.CharField("LINE user ID", max_length=64, blank=True)
    line_linked_at = models.DateTimeField(gettext_lazy("เชื่อม LINE เมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = gettext_lazy("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return f"{self.user}: {self.email_mode}"
