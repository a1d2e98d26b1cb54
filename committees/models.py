from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from committees.choices import ChairCapacity, GrantRole, MemberRole, NumberingBasis, Region, RequestState, RiskGroup
from core.limits import LongTextField
from core.models import TimeStampedModel


class Province(models.Model):
    """One of the 77 provinces, keyed by its Ministry of Interior code (data: GeoThai, CC BY 4.0)."""

    code = models.CharField(gettext_lazy("รหัสจังหวัด"), max_length=2, unique=True)
    name_th = models.CharField(gettext_lazy("ชื่อจังหวัด"), max_length=100)
    name_en = models.CharField(gettext_lazy("ชื่อภาษาอังกฤษ"), max_length=100)
    region = models.CharField(gettext_lazy("ภาค"), max_length=20, choices=Region.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = gettext_lazy("จังหวัด")
        verbose_name_plural = gettext_lazy("จังหวัด")

    def __str__(self) -> str:
        # English pages name the province in English; documents (rendered in Thai) keep the Thai name.
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name_th


class RiskGroupAssignment(TimeStampedModel):
    """The national division's risk group for one province in one fiscal year."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="risk_groups", verbose_name=gettext_lazy("จังหวัด")
    )
    fiscal_year = models.PositiveSmallIntegerField(gettext_lazy("ปีงบประมาณ"))
    group = models.CharField(gettext_lazy("กลุ่ม"), max_length=1, choices=RiskGroup.choices)
    source_document = models.CharField(gettext_lazy("เอกสารอ้างอิง"), max_length=255, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["province__code", "-fiscal_year"]
        verbose_name = gettext_lazy("กลุ่มจังหวัดตามระดับความเสี่ยง")
        verbose_name_plural = gettext_lazy("กลุ่มจังหวัดตามระดับความเสี่ยง")
        constraints = [
            models.UniqueConstraint(fields=["province", "fiscal_year"], name="one_risk_group_per_province_year"),
            models.CheckConstraint(condition=Q(group__in=RiskGroup.values), name="risk_group_is_a_to_d"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400) & Q(fiscal_year__lte=2700), name="risk_group_year_is_be"
            ),
        ]

    def __str__(self) -> str:
        return _("%(province)s ปีงบประมาณ %(fiscal_year)s: %(group)s") % {
            "province": self.province,
            "fiscal_year": self.fiscal_year,
            "group": self.group,
        }


class Subcommittee(TimeStampedModel):
    """The province's anti-trafficking subcommittee (ศปคม.จ.); one per province."""

    province = models.OneToOneField(
        Province, on_delete=models.PROTECT, related_name="subcommittee", verbose_name=gettext_lazy("จังหวัด")
    )
    name = models.CharField(gettext_lazy("ชื่อคณะอนุกรรมการ"), max_length=300)
    short_name = models.CharField(gettext_lazy("ชื่อย่อ"), max_length=60, default="ศปคม.จ.")
    numbering_basis = models.CharField(
        gettext_lazy("การนับครั้งที่ประชุม"), max_length=10, choices=NumberingBasis.choices, default=NumberingBasis.CALENDAR
    )
    secretariat_office = models.CharField(
        gettext_lazy("หน่วยงานฝ่ายเลขานุการ"),
        max_length=300,
        default="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
    )

    class Meta:
        verbose_name = gettext_lazy("คณะอนุกรรมการ")
        verbose_name_plural = gettext_lazy("คณะอนุกรรมการ")

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet):
    def current(self, on=None):
        """Members whose term covers ``on`` (today by default)."""
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(Q(term_start__isnull=True) | Q(term_start__lte=day)).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=day)
        )


class Member(TimeStampedModel):
    """A seat on the subcommittee: a person, their position and agency, role and term."""

    subcommittee = models.ForeignKey(
        Subcommittee, on_delete=models.PROTECT, related_name="members", verbose_name=gettext_lazy("คณะอนุกรรมการ")
    )
    full_name = models.CharField(gettext_lazy("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(gettext_lazy("ตำแหน่ง"), max_length=200)
    agency = models.CharField(gettext_lazy("หน่วยงาน"), max_length=200, blank=True)
    role = models.CharField(
        gettext_lazy("บทบาทในคณะ"), max_length=30, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    chair_capacity = models.CharField(
        gettext_lazy("ฐานะของประธาน"), max_length=30, choices=ChairCapacity.choices, blank=True
    )
    term_start = models.DateField(gettext_lazy("เริ่มวาระ"), null=True, blank=True)
    term_end = models.DateField(gettext_lazy("สิ้นสุดวาระ"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(gettext_lazy("ลำดับ"), default=100)
    email = models.EmailField(gettext_lazy("อีเมล"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("บัญชีผู้ใช้"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = gettext_lazy("อนุกรรมการ")
        verbose_name_plural = gettext_lazy("อนุกรรมการ")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="member_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role=MemberRole.CHAIR) | Q(chair_capacity=""),
                name="only_chair_has_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})"

    @property
    def has_account(self) -> bool:
        return self.user_id is not None


class RoleGrant(TimeStampedModel):
    """A role given to a user in a province (national officers: no province)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_grants", verbose_name=gettext_lazy("ผู้ใช้")
    )
    role = models.CharField(gettext_lazy("บทบาท"), max_length=20, choices=GrantRole.choices)
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
        verbose_name=gettext_lazy("จังหวัด"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("สิทธิ์การใช้งาน")
        verbose_name_plural = gettext_lazy("สิทธิ์การใช้งาน")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "province"], name="unique_role_grant"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(province__isnull=True), name="unique_national_grant"
            ),
            models.CheckConstraint(
                condition=(Q(role=GrantRole.NATIONAL) & Q(province__isnull=True))
                | (~Q(role=GrantRole.NATIONAL) & Q(province__isnull=False)),
                name="national_grant_has_no_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.province or ''}".strip()


class ProposerRequest(TimeStampedModel):
    """A registered user asks to propose projects in a province; its secretariat decides."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposer_requests",
        verbose_name=gettext_lazy("ผู้ขอ"),
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="proposer_requests", verbose_name=gettext_lazy("จังหวัด")
    )
    organisation = models.CharField(gettext_lazy("หน่วยงาน/องค์กร"), max_length=300)
    note = LongTextField(gettext_lazy("ข้อความถึงฝ่ายเลขานุการ"), blank=True)
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=10, choices=RequestState.choices, default=RequestState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(gettext_lazy("พิจารณาเมื่อ"), null=True, blank=True)
    reason = LongTextField(gettext_lazy("เหตุผล"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("คำขอเป็นผู้เสนอโครงการ")
        verbose_name_plural = gettext_lazy("คำขอเป็นผู้เสนอโครงการ")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "province"],
                condition=Q(state=RequestState.PENDING),
                name="one_pending_request_per_province",
            ),
            models.CheckConstraint(condition=Q(state__in=RequestState.values), name="request_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.province}"
