"""Meetings held online or hybrid under the Emergency Decree on Electronic Meetings B.E. 2563.

Hung on ``meetings.Meeting`` without changing it: the mode and how to join
(``Setup``), each participant's verified identity (``CheckIn``), the traffic
log of joins and leaves (``TrafficEvent``), fault reports and recordings.
Traffic events, fault reports and recordings are kept as part of the minutes:
the database refuses to change or delete them (migration 0002).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Member
from core.limits import LongTextField
from emeetings.choices import BundleState, Event, Location, Method, Mode, RecordingKind
from meetings.models import Meeting

RECORDING_EXTENSIONS = ("mp4", "m4a", "mp3", "webm", "wav", "ogg", "mkv", "mov")


def recording_upload_to(instance, filename: str) -> str:
    """A random name under the year; the extension kept only when it is a known audio/video one."""
    import uuid

    from django.utils import timezone

    from core.uploads import extension_of

    ext = extension_of(filename)
    ext = ext if ext in RECORDING_EXTENSIONS else "bin"
    return f"emeetings/recordings/{timezone.localdate():%Y}/{uuid.uuid4().hex}.{ext}"


class Setup(models.Model):
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="emeeting", verbose_name=gettext_lazy("การประชุม")
    )
    mode = models.CharField(gettext_lazy("รูปแบบการประชุม"), max_length=10, choices=Mode.choices, default=Mode.IN_ROOM)
    join_instructions = LongTextField(gettext_lazy("วิธีเข้าร่วมประชุมผ่านสื่ออิเล็กทรอนิกส์"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(gettext_lazy("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("รูปแบบการประชุม")
        verbose_name_plural = gettext_lazy("รูปแบบการประชุม")
        constraints = [models.CheckConstraint(condition=Q(mode__in=Mode.values), name="emeeting_mode_valid")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_mode_display()}"

    @property
    def is_electronic(self) -> bool:
        return self.mode in (Mode.ONLINE, Mode.HYBRID)


class CheckIn(models.Model):
    """A member's verified identity for one meeting, and whether they are in the meeting now."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="checkins", verbose_name=gettext_lazy("การประชุม")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="checkins", verbose_name=gettext_lazy("อนุกรรมการ")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(gettext_lazy("วิธียืนยันตัวตน"), max_length=20, choices=Method.choices)
    vouched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("ผู้รับรองตัวตน"),
    )
    vouch_note = models.CharField(gettext_lazy("หมายเหตุการรับรอง"), max_length=300, blank=True)
    verified_at = models.DateTimeField(gettext_lazy("ยืนยันตัวตนเมื่อ"))
    location = models.CharField(gettext_lazy("เข้าร่วม"), max_length=10, choices=Location.choices)
    present = models.BooleanField(gettext_lazy("อยู่ในที่ประชุม"), default=True)

    class Meta:
        ordering = ["meeting", "verified_at", "id"]
        verbose_name = gettext_lazy("การยืนยันตัวตนเข้าประชุม")
        verbose_name_plural = gettext_lazy("การยืนยันตัวตนเข้าประชุม")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_checkin_per_member"),
            models.CheckConstraint(
                condition=(Q(method=Method.VOUCHED) & Q(vouched_by__isnull=False))
                | (~Q(method=Method.VOUCHED) & Q(vouched_by__isnull=True) & Q(user__isnull=False)),
                name="checkin_vouch_complete",
            ),
            models.CheckConstraint(condition=Q(location__in=Location.values), name="checkin_location_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_method_display()}"


class TrafficEvent(models.Model):
    """One join or leave, against the server's clock, with where it came from (electronic traffic data)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="traffic", verbose_name=gettext_lazy("การประชุม")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("อนุกรรมการ")
    )
    event = models.CharField(gettext_lazy("เหตุการณ์"), max_length=10, choices=Event.choices)
    location = models.CharField(gettext_lazy("เข้าร่วม"), max_length=10, choices=Location.choices)
    at = models.DateTimeField(gettext_lazy("เวลา (เวลามาตรฐานประเทศไทย)"))
    ip = models.GenericIPAddressField(gettext_lazy("หมายเลขไอพี"), null=True, blank=True)
    user_agent = models.CharField(gettext_lazy("โปรแกรมที่ใช้"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "at", "id"]
        verbose_name = gettext_lazy("บันทึกการเข้าออกการประชุม")
        verbose_name_plural = gettext_lazy("บันทึกการเข้าออกการประชุม")

    def __str__(self) -> str:
        return f"{self.member}: {self.get_event_display()}"


class FaultReport(models.Model):
    """A participant's report of a problem (sound, picture, connection) during the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="faults", verbose_name=gettext_lazy("การประชุม")
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(gettext_lazy("แจ้งเมื่อ"))
    text = LongTextField(gettext_lazy("ปัญหาที่พบ"))
    ip = models.GenericIPAddressField(gettext_lazy("หมายเลขไอพี"), null=True, blank=True)
    user_agent = models.CharField(gettext_lazy("โปรแกรมที่ใช้"), max_length=500, blank=True)

    class Meta:
        ordering = ["meeting", "at", "id"]
        verbose_name = gettext_lazy("การแจ้งเหตุขัดข้อง")
        verbose_name_plural = gettext_lazy("การแจ้งเหตุขัดข้อง")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="fault_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:40]


class Recording(models.Model):
    """The meeting's recording: a file kept here (with its SHA-256) or the place where it is kept."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="recordings", verbose_name=gettext_lazy("การประชุม")
    )
    kind = models.CharField(gettext_lazy("ประเภท"), max_length=10, choices=RecordingKind.choices)
    file = models.FileField(gettext_lazy("ไฟล์"), upload_to=recording_upload_to, max_length=255, blank=True)
    display_name = models.CharField(gettext_lazy("ชื่อไฟล์"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(gettext_lazy("ขนาด (ไบต์)"), null=True, blank=True)
    location = models.CharField(gettext_lazy("สถานที่จัดเก็บ"), max_length=500, blank=True)
    sha256 = models.CharField(gettext_lazy("ค่าแฮช SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(gettext_lazy("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        verbose_name = gettext_lazy("การบันทึกภาพและเสียงการประชุม")
        verbose_name_plural = gettext_lazy("การบันทึกภาพและเสียงการประชุม")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=RecordingKind.FILE) & ~Q(file="") & Q(size__isnull=False))
                | (Q(kind=RecordingKind.LOCATION) & ~Q(location="")),
                name="recording_kind_fields",
            ),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="recording_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.location


class EvidenceBundle(models.Model):
    """A zip of the meeting's evidence, built by the worker, with a manifest of every file's SHA-256."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="evidence", verbose_name=gettext_lazy("การประชุม")
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(gettext_lazy("ขอเมื่อ"), auto_now_add=True)
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=10, choices=BundleState.choices, default=BundleState.QUEUED
    )
    file = models.FileField(gettext_lazy("ไฟล์ zip"), upload_to="emeetings/evidence/%Y/", max_length=255, blank=True)
    size = models.PositiveBigIntegerField(gettext_lazy("ขนาด (ไบต์)"), null=True, blank=True)
    sha256 = models.CharField(gettext_lazy("ค่าแฮช SHA-256 ของไฟล์ zip"), max_length=64, blank=True)
    manifest = models.JSONField(gettext_lazy("รายการไฟล์และค่าแฮช"), default=list, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("สร้างเสร็จเมื่อ"), null=True, blank=True)
    failure_reason = models.TextField(gettext_lazy("สาเหตุที่ไม่สำเร็จ"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = gettext_lazy("ชุดหลักฐานการประชุม")
        verbose_name_plural = gettext_lazy("ชุดหลักฐานการประชุม")
        constraints = [models.CheckConstraint(condition=Q(state__in=BundleState.values), name="bundle_state_valid")]

    def __str__(self) -> str:
        return _("ชุดหลักฐาน %(meeting)s") % {"meeting": self.meeting}


class SecretBallot(models.Model):
    """Marks a ballot as secret (the chair's choice, before anyone votes).

    A secret ballot keeps who voted (``SecretReceipt``) apart from what was voted
    (``SecretTally``: a counter per choice, no row per vote, no time of change),
    so no query, export, audit entry or ledger entry can join a member to a choice.
    """

    ballot = models.OneToOneField(
        "fundproposals.Ballot", on_delete=models.PROTECT, related_name="secret", verbose_name=gettext_lazy("การลงมติ")
    )
    made_secret_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_secret_at = models.DateTimeField(gettext_lazy("กำหนดเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("การลงคะแนนลับ")
        verbose_name_plural = gettext_lazy("การลงคะแนนลับ")

    def __str__(self) -> str:
        return _("ลงคะแนนลับ: %(ballot)s") % {"ballot": self.ballot}


class SecretReceipt(models.Model):
    """That a member voted in a secret ballot (never what): refuses a second vote."""

    ballot = models.ForeignKey("fundproposals.Ballot", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = gettext_lazy("หลักฐานการลงคะแนนลับ")
        verbose_name_plural = gettext_lazy("หลักฐานการลงคะแนนลับ")
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="one_secret_vote_per_member")]

    def __str__(self) -> str:
        return _("%(member)s ลงคะแนนแล้ว") % {"member": self.member}


class SecretTally(models.Model):
    """How many chose each answer in a secret ballot: a counter, no row per vote."""

    ballot = models.ForeignKey("fundproposals.Ballot", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(gettext_lazy("ลงมติ"), max_length=20)
    count = models.PositiveIntegerField(gettext_lazy("จำนวน"), default=0)

    class Meta:
        verbose_name = gettext_lazy("ผลรวมการลงคะแนนลับ")
        verbose_name_plural = gettext_lazy("ผลรวมการลงคะแนนลับ")
        constraints = [models.UniqueConstraint(fields=["ballot", "choice"], name="one_secret_counter_per_choice")]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"
