"""The proposal (แบบ กปค.01), its pillars, activities, budget lines, attachments, revisions, code counter and reviews."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Member, Province
from core.limits import LongTextField
from core.models import TimeStampedModel
from core.pillars import Pillar
from core.uploads import StoredFile, UploadTo
from fundproposals.choices import (
    AttachmentKind,
    Decision,
    FundDecision,
    OrganisationType,
    ProjectKind,
    ProposalState,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


class Proposal(TimeStampedModel):
    """One project proposed to the Anti-Trafficking Fund (แบบ กปค.01)."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="proposals", verbose_name=gettext_lazy("จังหวัด")
    )
    fiscal_year = models.PositiveSmallIntegerField(gettext_lazy("ปีงบประมาณ"), db_index=True)
    code = models.CharField(gettext_lazy("รหัสโครงการ"), max_length=60, unique=True, null=True, blank=True)
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="fund_proposals",
        verbose_name=gettext_lazy("ผู้เสนอ"),
    )

    # 1. the project and who proposes it
    title = models.CharField(gettext_lazy("ชื่อโครงการ"), max_length=500)
    organisation = models.CharField(gettext_lazy("หน่วยงาน/องค์กรที่เสนอ"), max_length=300, blank=True)
    organisation_type = models.CharField(
        gettext_lazy("ประเภทหน่วยงาน"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    responsible_name = models.CharField(gettext_lazy("ผู้รับผิดชอบโครงการ"), max_length=200, blank=True)
    responsible_position = models.CharField(gettext_lazy("ตำแหน่ง"), max_length=200, blank=True)
    responsible_phone = models.CharField(gettext_lazy("โทรศัพท์"), max_length=40, blank=True)
    kind = models.CharField(
        gettext_lazy("ลักษณะโครงการ"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.NEW
    )
    previous_project = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continuations",
        verbose_name=gettext_lazy("โครงการเดิม (กรณีต่อเนื่อง)"),
    )

    # 2. content
    rationale = LongTextField(gettext_lazy("หลักการและเหตุผล"), blank=True)
    objectives = LongTextField(gettext_lazy("วัตถุประสงค์"), blank=True)
    targets = LongTextField(gettext_lazy("เป้าหมาย"), blank=True)
    target_group = models.CharField(gettext_lazy("กลุ่มเป้าหมาย"), max_length=500, blank=True)
    target_count = models.PositiveIntegerField(gettext_lazy("จำนวนกลุ่มเป้าหมาย (คน)"), null=True, blank=True)
    district_code = models.CharField(gettext_lazy("รหัสอำเภอ"), max_length=4, blank=True)
    district_name = models.CharField(gettext_lazy("อำเภอ/เขต"), max_length=100, blank=True)
    subdistrict_code = models.CharField(gettext_lazy("รหัสตำบล"), max_length=6, blank=True)
    subdistrict_name = models.CharField(gettext_lazy("ตำบล/แขวง"), max_length=100, blank=True)
    start_date = models.DateField(gettext_lazy("วันเริ่มโครงการ"), null=True, blank=True)
    end_date = models.DateField(gettext_lazy("วันสิ้นสุดโครงการ"), null=True, blank=True)

    # 3. budget
    total_budget = models.DecimalField(gettext_lazy("งบประมาณทั้งโครงการ (บาท)"), null=True, blank=True, **MONEY)
    requested_amount = models.DecimalField(gettext_lazy("ขอรับการสนับสนุนจากกองทุน (บาท)"), null=True, blank=True, **MONEY)
    cofunding_amount = models.DecimalField(gettext_lazy("งบสมทบ (บาท)"), default=0, **MONEY)
    cofunding_source = models.CharField(gettext_lazy("แหล่งงบสมทบ"), max_length=300, blank=True)
    fund_need = LongTextField(gettext_lazy("เหตุผลความจำเป็นที่ขอรับการสนับสนุนจากกองทุน"), blank=True)

    # 4. management and results
    staffing = LongTextField(gettext_lazy("บุคลากรผู้ดำเนินโครงการ"), blank=True)
    indicators = LongTextField(gettext_lazy("ตัวชี้วัดความสำเร็จ"), blank=True)
    evaluation = LongTextField(gettext_lazy("การติดตามและประเมินผล"), blank=True)
    expected_results = LongTextField(gettext_lazy("ผลที่คาดว่าจะได้รับ"), blank=True)

    # review workflow
    submitted_at = models.DateTimeField(gettext_lazy("ยื่นครั้งล่าสุดเมื่อ"), null=True, blank=True)
    received_on = models.DateField(gettext_lazy("วันที่ฝ่ายเลขานุการรับเรื่อง"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(gettext_lazy("ฉบับที่ยื่น"), default=0)
    checklist = models.JSONField(gettext_lazy("ผลการตรวจความครบถ้วน"), default=dict, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_proposals",
        verbose_name=gettext_lazy("ระเบียบวาระที่พิจารณา"),
    )
    decision = models.CharField(gettext_lazy("มติคณะอนุกรรมการ"), max_length=20, choices=Decision.choices, blank=True)
    recommended_amount = models.DecimalField(
        gettext_lazy("วงเงินที่คณะอนุกรรมการเห็นชอบ (บาท)"), null=True, blank=True, **MONEY
    )
    forwarded_on = models.DateField(gettext_lazy("วันที่ส่งกองทุน"), null=True, blank=True)

    # the fund's answer, the contract and the results report
    fund_decision = models.CharField(
        gettext_lazy("ผลการพิจารณาของกองทุน"), max_length=20, choices=FundDecision.choices, blank=True
    )
    fund_approved_amount = models.DecimalField(gettext_lazy("วงเงินที่กองทุนอนุมัติ (บาท)"), null=True, blank=True, **MONEY)
    fund_decided_on = models.DateField(gettext_lazy("วันที่กองทุนพิจารณา"), null=True, blank=True)
    fund_note = LongTextField(gettext_lazy("หมายเหตุจากกองทุน"), blank=True)
    contract_number = models.CharField(gettext_lazy("เลขที่สัญญา"), max_length=100, blank=True)
    contract_date = models.DateField(gettext_lazy("วันที่ทำสัญญา"), null=True, blank=True)
    contract_amount = models.DecimalField(gettext_lazy("วงเงินตามสัญญา (บาท)"), null=True, blank=True, **MONEY)
    contract_months = models.PositiveSmallIntegerField(gettext_lazy("ระยะเวลาดำเนินการ (เดือน)"), null=True, blank=True)
    report_activities = LongTextField(gettext_lazy("กิจกรรมที่ดำเนินการแล้ว"), blank=True)
    report_people_reached = models.PositiveIntegerField(
        gettext_lazy("จำนวนผู้เข้าร่วม/ผู้ได้รับประโยชน์ (คน)"), null=True, blank=True
    )
    report_budget_received = models.DecimalField(gettext_lazy("งบประมาณที่ได้รับ (บาท)"), null=True, blank=True, **MONEY)
    report_budget_spent = models.DecimalField(gettext_lazy("งบประมาณที่ใช้จริง (บาท)"), null=True, blank=True, **MONEY)
    report_budget_returned = models.DecimalField(
        gettext_lazy("งบประมาณคงเหลือส่งคืน (บาท)"), null=True, blank=True, **MONEY
    )
    report_problems = LongTextField(gettext_lazy("ปัญหาและอุปสรรค"), blank=True)
    report_suggestions = LongTextField(gettext_lazy("ข้อเสนอแนะ"), blank=True)
    reported_on = models.DateField(gettext_lazy("วันที่รายงานผล"), null=True, blank=True)

    class Meta:
        ordering = ["-fiscal_year", "-id"]
        verbose_name = gettext_lazy("โครงการขอรับการสนับสนุนจากกองทุน")
        verbose_name_plural = gettext_lazy("โครงการขอรับการสนับสนุนจากกองทุน")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400) & Q(fiscal_year__lte=2700), name="proposal_year_is_be"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="proposal_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(cofunding_amount__gte=0), name="proposal_cofunding_not_negative"),
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gte=0),
                name="proposal_request_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(state=ProposalState.DRAFT) | Q(code__isnull=False) | Q(state=ProposalState.WITHDRAWN),
                name="submitted_proposal_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title

    @property
    def state_style(self) -> str:
        from fundproposals.choices import STATE_STYLE

        return STATE_STYLE.get(self.state, "secondary")

    @property
    def pillars(self) -> list[str]:
        """Pillar codes: the selector's ``pillar_codes`` array when it loaded the detail page
        (one query less than prefetching the rows), else the prefetched or queried rows."""
        codes = getattr(self, "pillar_codes", None)
        if codes is not None:
            return list(codes)
        return [row.pillar for row in self.pillar_rows.all()]

    def get_pillars_display(self) -> list[str]:
        return [Pillar(p).label for p in self.pillars]


class ProposalPillar(models.Model):
    """One pillar a proposal addresses (a proposal has one or more)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="pillar_rows")
    pillar = models.CharField(gettext_lazy("ยุทธศาสตร์"), max_length=20, choices=Pillar.choices)

    class Meta:
        ordering = ["proposal", "pillar"]
        verbose_name = gettext_lazy("ด้านยุทธศาสตร์ของโครงการ")
        verbose_name_plural = gettext_lazy("ด้านยุทธศาสตร์ของโครงการ")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "pillar"], name="one_pillar_row_per_proposal"),
            models.CheckConstraint(condition=Q(pillar__in=Pillar.values), name="proposal_pillar_valid"),
        ]

    def __str__(self) -> str:
        return self.get_pillar_display()


class Activity(models.Model):
    """An activity of the project with its period and cost."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(gettext_lazy("ลำดับ"), default=1)
    name = models.CharField(gettext_lazy("กิจกรรม"), max_length=500)
    period = models.CharField(gettext_lazy("ระยะเวลา"), max_length=200, blank=True)
    cost = models.DecimalField(gettext_lazy("ค่าใช้จ่าย (บาท)"), default=0, **MONEY)

    class Meta:
        ordering = ["proposal", "order", "id"]
        verbose_name = gettext_lazy("กิจกรรม")
        verbose_name_plural = gettext_lazy("กิจกรรม")
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="activity_cost_not_negative")]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    """A line of the budget estimate (รายละเอียดประมาณการค่าใช้จ่าย)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    order = models.PositiveSmallIntegerField(gettext_lazy("ลำดับ"), default=1)
    item = models.CharField(gettext_lazy("รายการ"), max_length=500)
    amount = models.DecimalField(gettext_lazy("จำนวนเงิน (บาท)"), **MONEY)

    class Meta:
        ordering = ["proposal", "order", "id"]
        verbose_name = gettext_lazy("รายการงบประมาณ")
        verbose_name_plural = gettext_lazy("รายการงบประมาณ")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative")]

    def __str__(self) -> str:
        return self.item


class Attachment(StoredFile, TimeStampedModel):
    """A document or results photo; checked by content on upload, served only through a permission check."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(
        gettext_lazy("ประเภท"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.DOCUMENT
    )
    file = models.FileField(gettext_lazy("ไฟล์"), upload_to=UploadTo("proposals"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = gettext_lazy("เอกสารแนบ")
        verbose_name_plural = gettext_lazy("เอกสารแนบ")

    def __str__(self) -> str:
        return self.display_name


class ProposalRevision(models.Model):
    """What the proposal said when it was submitted (every submission is kept)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField(gettext_lazy("ฉบับที่"))
    data = models.JSONField(gettext_lazy("ข้อมูลโครงการ"))
    submitted_at = models.DateTimeField(gettext_lazy("ยื่นเมื่อ"), auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = gettext_lazy("ฉบับที่ยื่น")
        verbose_name_plural = gettext_lazy("ฉบับที่ยื่น")
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_revision_number")]

    def __str__(self) -> str:
        return _("%(proposal)s ฉบับที่ %(number)s") % {"proposal": self.proposal, "number": self.number}


class ProjectCodeCounter(models.Model):
    """The last running number given in one province and fiscal year (locked when a code is given)."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "fiscal_year"], name="one_code_counter")]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.fiscal_year}: {self.last}"


class Review(TimeStampedModel):
    """A member's written review of a proposal; one per member per proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="reviews")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="proposal_reviews", verbose_name=gettext_lazy("อนุกรรมการ")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    analysis = LongTextField(gettext_lazy("ความเห็นและการวิเคราะห์"))
    recommendation = models.CharField(gettext_lazy("ข้อเสนอ"), max_length=20, choices=Decision.choices)
    recommended_amount = models.DecimalField(gettext_lazy("วงเงินที่เสนอ (บาท)"), null=True, blank=True, **MONEY)
    has_conflict = models.BooleanField(gettext_lazy("มีส่วนได้เสียในโครงการนี้"), default=False)
    conflict_reason = LongTextField(gettext_lazy("เหตุแห่งส่วนได้เสีย"), blank=True)

    class Meta:
        ordering = ["proposal", "created_at"]
        verbose_name = gettext_lazy("ความเห็นอนุกรรมการ")
        verbose_name_plural = gettext_lazy("ความเห็นอนุกรรมการ")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="one_review_per_member"),
            models.CheckConstraint(condition=Q(recommendation__in=Decision.values), name="review_recommendation_valid"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(conflict_reason=""), name="review_conflict_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {self.get_recommendation_display()}"
