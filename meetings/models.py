"""Meetings, their agendas, attendance, conflicts of interest and resolutions.

Other apps hang their work on ``AgendaItem`` (a proposal tabled for a vote, a
plan proposed for approval) and read the outcome from its ``Resolution``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Member, Subcommittee
from core.limits import LongTextField
from core.models import TimeStampedModel
from core.uploads import StoredFile, UploadTo
from meetings.choices import AdoptionMethod, AttendanceStatus, MeetingState, ResolutionOutcome, SectionType


class Meeting(TimeStampedModel):
    subcommittee = models.ForeignKey(
        Subcommittee, on_delete=models.PROTECT, related_name="meetings", verbose_name=gettext_lazy("คณะอนุกรรมการ")
    )
    number = models.PositiveSmallIntegerField(gettext_lazy("ครั้งที่"))
    number_year = models.PositiveSmallIntegerField(gettext_lazy("ปีของลำดับครั้ง (พ.ศ.)"))
    numbering_basis = models.CharField(gettext_lazy("การนับครั้ง"), max_length=10)
    fiscal_year = models.PositiveSmallIntegerField(gettext_lazy("ปีงบประมาณ"), db_index=True)
    starts_at = models.DateTimeField(gettext_lazy("วันและเวลาเริ่มประชุม"))
    ended_at = models.DateTimeField(gettext_lazy("เวลาเลิกประชุม"), null=True, blank=True)
    place = models.CharField(gettext_lazy("สถานที่"), max_length=300)
    online_link = models.URLField(gettext_lazy("ลิงก์ประชุมออนไลน์"), blank=True)
    chair_member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name=gettext_lazy("ประธานในที่ประชุม"),
    )
    # What the minutes print, kept as typed even if the member record changes later.
    chair_name = models.CharField(gettext_lazy("ชื่อประธานในที่ประชุม"), max_length=200, blank=True)
    chair_position = models.CharField(gettext_lazy("ตำแหน่งประธานในที่ประชุม"), max_length=200, blank=True)
    chair_capacity = models.CharField(gettext_lazy("ฐานะของประธาน"), max_length=30, blank=True)
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED
    )
    cancelled_reason = LongTextField(gettext_lazy("เหตุผลที่ยกเลิก"), blank=True)
    invitations_sent_at = models.DateTimeField(gettext_lazy("ส่งหนังสือเชิญเมื่อ"), null=True, blank=True)
    # The calendar entry's SEQUENCE: raised each time invited members are told of a move or a cancellation.
    ics_sequence = models.PositiveIntegerField(gettext_lazy("ฉบับของนัดหมายในปฏิทิน"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = gettext_lazy("การประชุม")
        verbose_name_plural = gettext_lazy("การประชุม")
        # the meetings list, newest first, reads the first page from the index (issue #12)
        indexes = [models.Index(fields=["-starts_at", "-id"], name="meeting_newest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["subcommittee", "numbering_basis", "number_year", "number"], name="unique_meeting_number"
            ),
            models.CheckConstraint(condition=Q(state__in=MeetingState.values), name="meeting_state_valid"),
        ]

    def __str__(self) -> str:
        return _("การประชุม%(short_name)s %(label)s") % {"short_name": self.subcommittee.short_name, "label": self.label}

    @property
    def label(self) -> str:
        """``ครั้งที่ 1/2564`` (calendar year) or ``ครั้งที่ 1 ประจำปีงบประมาณ 2568`` (fiscal year)."""
        if self.numbering_basis == "fiscal":
            return _("ครั้งที่ %(number)s ประจำปีงบประมาณ %(number_year)s") % {
                "number": self.number,
                "number_year": self.number_year,
            }
        return _("ครั้งที่ %(number)s/%(number_year)s") % {"number": self.number, "number_year": self.number_year}

    @property
    def province_id(self) -> int:
        return self.subcommittee.province_id


class AgendaItem(TimeStampedModel):
    """One item of the agenda (ระเบียบวาระ): a section (parent is null) or a sub-item (4.1, 4.2 …)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=gettext_lazy("การประชุม")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=gettext_lazy("ระเบียบวาระหลัก"),
    )
    section_type = models.CharField(gettext_lazy("ประเภทวาระ"), max_length=30, choices=SectionType.choices)
    order = models.PositiveSmallIntegerField(gettext_lazy("ลำดับ"))
    title = models.CharField(gettext_lazy("เรื่อง"), max_length=500)
    description = LongTextField(gettext_lazy("รายละเอียด"), blank=True)
    presenter = models.CharField(gettext_lazy("ผู้นำเสนอ"), max_length=200, blank=True)
    minutes_to_adopt = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_under_items",
        verbose_name=gettext_lazy("รายงานการประชุมที่เสนอให้รับรอง"),
    )
    # Reports a resolution taken by circulation (เวียนมติ) since the last meeting: its minutes start from it.
    reports_circulation = models.BooleanField(gettext_lazy("รายงานผลการเวียนมติ"), default=False)
    # Withdrawn before the meeting: kept (nothing decided is deleted), shown struck out, out of the numbering.
    withdrawn_at = models.DateTimeField(gettext_lazy("ถอนเมื่อ"), null=True, blank=True)
    withdrawn_reason = models.CharField(gettext_lazy("เหตุที่ถอน"), max_length=300, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "parent_id", "order"]
        verbose_name = gettext_lazy("ระเบียบวาระ")
        verbose_name_plural = gettext_lazy("ระเบียบวาระ")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], condition=Q(parent__isnull=True), name="unique_section_order"
            ),
            models.UniqueConstraint(fields=["parent", "order"], name="unique_subitem_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """``4`` for a section, ``4.1`` for its first sub-item (needs ``parent`` loaded); withdrawn: no number."""
        if self.withdrawn_at:
            return _("%(order)s.– (ถอนออก)") % {"order": self.parent.order} if self.parent_id else _("– (ถอนออก)")
        return f"{self.parent.order}.{self.order}" if self.parent_id else str(self.order)


class Attendance(TimeStampedModel):
    """Who came: a member present, absent (with reason) or replaced by a stand-in; or a non-member guest."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="attendance", verbose_name=gettext_lazy("การประชุม")
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=gettext_lazy("อนุกรรมการ"),
    )
    status = models.CharField(gettext_lazy("การเข้าประชุม"), max_length=20, choices=AttendanceStatus.choices)
    absence_reason = models.CharField(gettext_lazy("เหตุที่ไม่มาประชุม"), max_length=300, blank=True)
    # stand-in (มาประชุมแทน) or guest (ผู้เข้าร่วมประชุม)
    person_name = models.CharField(gettext_lazy("ชื่อผู้มาประชุมแทน/ผู้เข้าร่วม"), max_length=200, blank=True)
    person_position = models.CharField(gettext_lazy("ตำแหน่ง"), max_length=200, blank=True)
    person_agency = models.CharField(gettext_lazy("หน่วยงาน"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(gettext_lazy("ลำดับ"), default=100)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = gettext_lazy("การเข้าประชุม")
        verbose_name_plural = gettext_lazy("การเข้าประชุม")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], condition=Q(member__isnull=False), name="one_attendance_per_member"
            ),
            models.CheckConstraint(
                condition=(Q(status=AttendanceStatus.GUEST) & Q(member__isnull=True))
                | (~Q(status=AttendanceStatus.GUEST) & Q(member__isnull=False)),
                name="guests_are_not_members",
            ),
        ]

    def __str__(self) -> str:
        who = self.member.full_name if self.member_id else self.person_name
        return f"{who}: {self.get_status_display()}"

    @property
    def counts_present(self) -> bool:
        return self.status in (AttendanceStatus.PRESENT, AttendanceStatus.STAND_IN)


class ConflictOfInterest(TimeStampedModel):
    """A member's declared conflict in one item: they neither vote nor count toward its quorum."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="conflicts", verbose_name=gettext_lazy("ระเบียบวาระ")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="conflicts", verbose_name=gettext_lazy("อนุกรรมการ")
    )
    reason = LongTextField(gettext_lazy("เหตุแห่งส่วนได้เสีย"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("การมีส่วนได้เสีย")
        verbose_name_plural = gettext_lazy("การมีส่วนได้เสีย")
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="one_conflict_per_item_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.agenda_item}"


class Resolution(TimeStampedModel):
    """มติที่ประชุม: the discussion and the decision on one agenda item."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="resolution", verbose_name=gettext_lazy("ระเบียบวาระ")
    )
    discussion = LongTextField(gettext_lazy("สรุปการพิจารณา"), blank=True)
    outcome = models.CharField(gettext_lazy("ผลการพิจารณา"), max_length=30, choices=ResolutionOutcome.choices)
    text = LongTextField(gettext_lazy("มติที่ประชุม"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("มติที่ประชุม")
        verbose_name_plural = gettext_lazy("มติที่ประชุม")
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=ResolutionOutcome.values), name="resolution_outcome_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="resolution_text_not_empty"),
        ]

    def __str__(self) -> str:
        return _("มติ %(agenda_item)s: %(outcome)s") % {
            "agenda_item": self.agenda_item,
            "outcome": self.get_outcome_display(),
        }


class ResolutionWording(models.Model):
    """One wording a resolution had: every change kept with who made it, when and where (never changed)."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="wordings", verbose_name=gettext_lazy("มติที่ประชุม")
    )
    number = models.PositiveIntegerField(gettext_lazy("ฉบับที่"))
    text = LongTextField(gettext_lazy("ข้อความมติ"))
    source = models.CharField(gettext_lazy("แก้ไขจาก"), max_length=20)
    """``record`` (the item page), ``vote`` (a closed vote) or ``minutes`` (corrected in the minutes)."""
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(gettext_lazy("แก้ไขเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["resolution", "number"]
        verbose_name = gettext_lazy("ถ้อยคำมติที่ประชุม")
        verbose_name_plural = gettext_lazy("ถ้อยคำมติที่ประชุม")
        constraints = [models.UniqueConstraint(fields=["resolution", "number"], name="unique_resolution_wording")]

    def __str__(self) -> str:
        return _("%(resolution)s ฉบับที่ %(number)s") % {"resolution": self.resolution, "number": self.number}


class AgendaPaper(StoredFile):
    """A paper (เอกสารประกอบวาระ) attached to an agenda item; downloaded only through a permission-checked view."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="papers", verbose_name=gettext_lazy("ระเบียบวาระ")
    )
    file = models.FileField(gettext_lazy("ไฟล์"), upload_to=UploadTo("meetings/papers"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Taken off the item before the meeting: the file is kept for the record, no longer listed or served.
    removed_at = models.DateTimeField(gettext_lazy("นำออกเมื่อ"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item", "id"]
        verbose_name = gettext_lazy("เอกสารประกอบวาระ")
        verbose_name_plural = gettext_lazy("เอกสารประกอบวาระ")

    def __str__(self) -> str:
        return self.display_name


class Minutes(TimeStampedModel):
    """The minutes (รายงานการประชุม) of one meeting: the current draft and, once adopted, the frozen text.

    ``version`` is the optimistic lock: a save names the version it started from
    and is refused if someone saved in between. Every saved version is kept in
    ``MinutesVersion``; after adoption nothing changes (service and, on
    PostgreSQL, a trigger).
    """

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=gettext_lazy("การประชุม")
    )
    version = models.PositiveIntegerField(gettext_lazy("ฉบับที่"), default=0)
    content = models.JSONField(gettext_lazy("เนื้อหา"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    circulated_at = models.DateTimeField(gettext_lazy("เวียนเมื่อ"), null=True, blank=True)
    adopted_on = models.DateField(gettext_lazy("วันที่รับรอง"), null=True, blank=True)
    adoption_method = models.CharField(
        gettext_lazy("วิธีการรับรอง"), max_length=20, choices=AdoptionMethod.choices, blank=True
    )
    adopted_version = models.PositiveIntegerField(gettext_lazy("ฉบับที่รับรอง"), null=True, blank=True)
    adopted_under_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_minutes",
        verbose_name=gettext_lazy("รับรองในระเบียบวาระ"),
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("รายงานการประชุม")
        verbose_name_plural = gettext_lazy("รายงานการประชุม")
        constraints = [
            models.CheckConstraint(
                condition=(Q(adopted_on__isnull=True) & Q(adopted_version__isnull=True) & Q(adoption_method=""))
                | (Q(adopted_on__isnull=False) & Q(adopted_version__isnull=False) & ~Q(adoption_method="")),
                name="minutes_adoption_complete",
            ),
            models.CheckConstraint(
                condition=Q(adoption_method="") | Q(adoption_method__in=AdoptionMethod.values),
                name="minutes_adoption_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return _("รายงานการประชุม %(meeting)s") % {"meeting": self.meeting}

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class MinutesVersion(models.Model):
    """One saved version of the minutes; never changed or deleted."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="versions", verbose_name=gettext_lazy("รายงานการประชุม")
    )
    number = models.PositiveIntegerField(gettext_lazy("ฉบับที่"))
    content = models.JSONField(gettext_lazy("เนื้อหา"), default=dict)
    text = LongTextField(gettext_lazy("ข้อความ"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(gettext_lazy("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["minutes", "-number"]
        verbose_name = gettext_lazy("ฉบับของรายงานการประชุม")
        verbose_name_plural = gettext_lazy("ฉบับของรายงานการประชุม")
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_version")]

    def __str__(self) -> str:
        return _("%(minutes)s ฉบับที่ %(number)s") % {"minutes": self.minutes, "number": self.number}


class MinutesComment(TimeStampedModel):
    """A member's correction (ขอแก้ไข) to the circulated draft."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="comments", verbose_name=gettext_lazy("รายงานการประชุม")
    )
    version_number = models.PositiveIntegerField(gettext_lazy("ฉบับที่"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("ระเบียบวาระ"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("ผู้เสนอแก้ไข")
    )
    text = LongTextField(gettext_lazy("ข้อความที่ขอแก้ไข"))

    class Meta:
        ordering = ["minutes", "created_at", "id"]
        verbose_name = gettext_lazy("ข้อเสนอแก้ไขรายงานการประชุม")
        verbose_name_plural = gettext_lazy("ข้อเสนอแก้ไขรายงานการประชุม")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="minutes_comment_not_empty")]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
