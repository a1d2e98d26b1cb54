"""Annual action plans (revisions, activities, quarterly progress) and provincial situation reports.

A plan or report is a chain of revisions per subcommittee per year. An approved
revision is frozen: a change after approval is a new revision, approved the same
way, and the earlier one is kept (superseded).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from actionplans.choices import OPEN_STATES, BudgetSource, DocState, Nationality, Quarter
from committees.models import Subcommittee
from core.limits import LongTextField
from core.models import TimeStampedModel
from core.pillars import Pillar
from core.uploads import StoredFile, UploadTo


class ApprovableDocument(TimeStampedModel):
    """What a plan revision and a situation report revision share: state, revision, approval."""

    subcommittee = models.ForeignKey(
        Subcommittee, on_delete=models.PROTECT, related_name="+", verbose_name="คณะอนุกรรมการ"
    )
    revision = models.PositiveSmallIntegerField("ฉบับที่", default=1)
    state = models.CharField("สถานะ", max_length=20, choices=DocState.choices, default=DocState.DRAFT)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="ฉบับก่อนหน้า"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ระเบียบวาระที่เสนอ",
    )
    resolution = models.ForeignKey(
        "meetings.Resolution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="มติที่ประชุม",
    )
    approved_at = models.DateTimeField("เห็นชอบเมื่อ", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def province_id(self) -> int:
        return self.subcommittee.province_id

    @property
    def is_frozen(self) -> bool:
        return self.state not in OPEN_STATES


def _doc_constraints(prefix: str, year_field: str) -> list:
    return [
        models.UniqueConstraint(fields=["subcommittee", year_field, "revision"], name=f"{prefix}_unique_revision"),
        models.UniqueConstraint(
            fields=["subcommittee", year_field],
            condition=Q(state__in=[s.value for s in OPEN_STATES]),
            name=f"{prefix}_one_open_revision",
        ),
        models.UniqueConstraint(
            fields=["subcommittee", year_field], condition=Q(state=DocState.APPROVED), name=f"{prefix}_one_approved"
        ),
        models.CheckConstraint(condition=Q(state__in=DocState.values), name=f"{prefix}_state_valid"),
        models.CheckConstraint(
            condition=Q(**{f"{year_field}__gte": 2400}) & Q(**{f"{year_field}__lte": 2700}), name=f"{prefix}_year_is_be"
        ),
        models.CheckConstraint(condition=Q(revision__gte=1), name=f"{prefix}_revision_positive"),
        models.CheckConstraint(
            condition=~Q(state__in=[DocState.APPROVED, DocState.SUPERSEDED]) | Q(resolution__isnull=False),
            name=f"{prefix}_approved_has_resolution",
        ),
    ]


class ActionPlan(ApprovableDocument):
    """แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด: one revision of one fiscal year's plan."""

    subcommittee = models.ForeignKey(
        Subcommittee, on_delete=models.PROTECT, related_name="action_plans", verbose_name="คณะอนุกรรมการ"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", db_index=True)
    title = models.CharField("ชื่อแผน", max_length=300)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="คัดลอกจากแผน"
    )

    class Meta:
        ordering = ["-fiscal_year", "subcommittee__province__code", "-revision"]
        verbose_name = "แผนปฏิบัติการ"
        verbose_name_plural = "แผนปฏิบัติการ"
        constraints = _doc_constraints("plan", "fiscal_year")

    def __str__(self) -> str:
        return f"{self.title} (ฉบับที่ {self.revision})"

    def period_filter(self) -> dict:
        return {"fiscal_year": self.fiscal_year}

    @property
    def agenda_title(self) -> str:
        revised = f" (ฉบับปรับปรุงครั้งที่ {self.revision - 1})" if self.revision > 1 else ""
        return f"แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{self.subcommittee.province} ประจำปีงบประมาณ {self.fiscal_year}{revised}"


class Activity(TimeStampedModel):
    """One activity (กิจกรรม/โครงการ) of a plan revision."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="activities", verbose_name="แผน")
    order = models.PositiveSmallIntegerField("ลำดับ", default=1)
    pillar = models.CharField("ด้าน", max_length=20, choices=Pillar.choices)
    strategy = models.CharField("ยุทธศาสตร์/มาตรการ", max_length=300, blank=True)
    name = models.CharField("กิจกรรม/โครงการ", max_length=300)
    target_quantity = models.PositiveIntegerField("เป้าหมาย (จำนวน)")
    target_unit = models.CharField("หน่วยนับ", max_length=40, help_text="เช่น ครั้ง รุ่น คน")
    q1 = models.BooleanField("ไตรมาส 1 (ต.ค.–ธ.ค.)", default=False)
    q2 = models.BooleanField("ไตรมาส 2 (ม.ค.–มี.ค.)", default=False)
    q3 = models.BooleanField("ไตรมาส 3 (เม.ย.–มิ.ย.)", default=False)
    q4 = models.BooleanField("ไตรมาส 4 (ก.ค.–ก.ย.)", default=False)
    budget = models.DecimalField("งบประมาณ (บาท)", max_digits=14, decimal_places=2, default=0)
    budget_source = models.CharField("แหล่งงบประมาณ", max_length=20, choices=BudgetSource.choices)
    responsible_agency = models.CharField("หน่วยงานรับผิดชอบ", max_length=300)
    source_activity = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="กิจกรรมต้นทาง"
    )

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "กิจกรรม"
        verbose_name_plural = "กิจกรรม"
        constraints = [
            models.CheckConstraint(condition=Q(pillar__in=Pillar.values), name="activity_pillar_valid"),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="activity_budget_not_negative",
                violation_error_message="งบประมาณต้องไม่ติดลบ",
            ),
            models.CheckConstraint(
                condition=Q(target_quantity__gt=0),
                name="activity_target_positive",
                violation_error_message="เป้าหมายต้องมากกว่า 0",
            ),
            models.CheckConstraint(
                condition=Q(q1=True) | Q(q2=True) | Q(q3=True) | Q(q4=True),
                name="activity_runs_in_a_quarter",
                violation_error_message="กรุณาเลือกไตรมาสที่ดำเนินกิจกรรมอย่างน้อยหนึ่งไตรมาส",
            ),
            models.CheckConstraint(condition=Q(budget_source__in=BudgetSource.values), name="activity_source_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quarters(self) -> list[int]:
        return [q for q in Quarter.values if getattr(self, f"q{q}")]

    @property
    def target_label(self) -> str:
        return f"{self.target_quantity:,} {self.target_unit}"


class Progress(TimeStampedModel):
    """What was done on one activity in one quarter (ผลการดำเนินงานรายไตรมาส)."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="progress", verbose_name="กิจกรรม")
    quarter = models.PositiveSmallIntegerField("ไตรมาส", choices=Quarter.choices)
    done = LongTextField("ผลการดำเนินงาน")
    quantity_achieved = models.PositiveIntegerField("ผลที่ได้ (จำนวน)", default=0)
    budget_spent = models.DecimalField("งบประมาณที่ใช้ (บาท)", max_digits=14, decimal_places=2, default=0)
    note = LongTextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["activity", "quarter"]
        verbose_name = "ผลการดำเนินงานรายไตรมาส"
        verbose_name_plural = "ผลการดำเนินงานรายไตรมาส"
        constraints = [
            models.UniqueConstraint(fields=["activity", "quarter"], name="one_progress_per_activity_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="progress_quarter_1_to_4"),
            models.CheckConstraint(
                condition=Q(budget_spent__gte=0),
                name="progress_spent_not_negative",
                violation_error_message="งบประมาณที่ใช้ต้องไม่ติดลบ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} ไตรมาส {self.quarter}"


class ProgressAttachment(StoredFile):
    """A photo or document attached to a quarter's progress (served only after a permission check)."""

    progress = models.ForeignKey(
        Progress, on_delete=models.PROTECT, related_name="attachments", verbose_name="ผลการดำเนินงาน"
    )
    file = models.FileField("ไฟล์", upload_to=UploadTo("progress"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("อัปโหลดเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["progress", "id"]
        verbose_name = "ไฟล์ประกอบผลการดำเนินงาน"
        verbose_name_plural = "ไฟล์ประกอบผลการดำเนินงาน"

    def __str__(self) -> str:
        return self.display_name


class SituationReport(ApprovableDocument):
    """รายงานสถานการณ์การค้ามนุษย์จังหวัด: aggregate figures only, never a victim's personal data."""

    subcommittee = models.ForeignKey(
        Subcommittee, on_delete=models.PROTECT, related_name="situation_reports", verbose_name="คณะอนุกรรมการ"
    )
    year = models.PositiveSmallIntegerField("ปี พ.ศ. ที่รายงาน", db_index=True)
    cases_sexual = models.PositiveIntegerField("คดีแสวงประโยชน์ทางเพศ", default=0)
    cases_forced_labour = models.PositiveIntegerField("คดีบังคับใช้แรงงานหรือบริการ", default=0)
    cases_begging = models.PositiveIntegerField("คดีบังคับให้เป็นขอทาน", default=0)
    cases_forced_marriage = models.PositiveIntegerField("คดีบังคับแต่งงาน", default=0)
    cases_other = models.PositiveIntegerField("คดีรูปแบบอื่น ๆ", default=0)
    cases_prosecuted = models.PositiveIntegerField("คดีที่ดำเนินคดี", default=0)
    victims_total = models.PositiveIntegerField("ผู้เสียหายทั้งหมด", default=0)
    victims_male = models.PositiveIntegerField("ผู้เสียหายเพศชาย", default=0)
    victims_female = models.PositiveIntegerField("ผู้เสียหายเพศหญิง", default=0)
    victims_child = models.PositiveIntegerField("ผู้เสียหายเด็ก (อายุต่ำกว่า 18 ปี)", default=0)
    victims_adult = models.PositiveIntegerField("ผู้เสียหายผู้ใหญ่ (18 ปีขึ้นไป)", default=0)
    victims_assisted = models.PositiveIntegerField("ผู้เสียหายที่ได้รับการช่วยเหลือ", default=0)
    situation = LongTextField("สถานการณ์การค้ามนุษย์ในจังหวัด", blank=True)
    risk_areas = LongTextField("พื้นที่เสี่ยง", blank=True)
    problems = LongTextField("ปัญหาและอุปสรรค", blank=True)
    recommendations = LongTextField("ข้อเสนอแนะ", blank=True)

    FIGURES = (
        "cases_sexual",
        "cases_forced_labour",
        "cases_begging",
        "cases_forced_marriage",
        "cases_other",
        "cases_prosecuted",
        "victims_total",
        "victims_male",
        "victims_female",
        "victims_child",
        "victims_adult",
        "victims_assisted",
    )
    CASE_FORMS = ("cases_sexual", "cases_forced_labour", "cases_begging", "cases_forced_marriage", "cases_other")
    NARRATIVE = ("situation", "risk_areas", "problems", "recommendations")

    class Meta:
        ordering = ["-year", "subcommittee__province__code", "-revision"]
        verbose_name = "รายงานสถานการณ์การค้ามนุษย์จังหวัด"
        verbose_name_plural = "รายงานสถานการณ์การค้ามนุษย์จังหวัด"
        constraints = [
            *_doc_constraints("sitrep", "year"),
            *[
                models.CheckConstraint(condition=Q(**{f"{f}__gte": 0}), name=f"sitrep_{f}_not_negative")
                for f in (
                    "cases_sexual",
                    "cases_forced_labour",
                    "cases_begging",
                    "cases_forced_marriage",
                    "cases_other",
                    "cases_prosecuted",
                    "victims_total",
                    "victims_male",
                    "victims_female",
                    "victims_child",
                    "victims_adult",
                    "victims_assisted",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"รายงานสถานการณ์การค้ามนุษย์จังหวัด{self.subcommittee.province} ปี {self.year} (ฉบับที่ {self.revision})"

    def period_filter(self) -> dict:
        return {"year": self.year}

    @property
    def agenda_title(self) -> str:
        revised = f" (ฉบับปรับปรุงครั้งที่ {self.revision - 1})" if self.revision > 1 else ""
        return f"รายงานสถานการณ์การค้ามนุษย์จังหวัด{self.subcommittee.province} ปี {self.year}{revised}"

    @property
    def cases_total(self) -> int:
        return sum(getattr(self, f) for f in self.CASE_FORMS)


class VictimsByNationality(models.Model):
    """One row of the nationality table of a situation report."""

    report = models.ForeignKey(
        SituationReport, on_delete=models.PROTECT, related_name="nationalities", verbose_name="รายงาน"
    )
    nationality = models.CharField("สัญชาติ", max_length=20, choices=Nationality.choices)
    victims = models.PositiveIntegerField("จำนวนผู้เสียหาย", default=0)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = "ผู้เสียหายจำแนกตามสัญชาติ"
        verbose_name_plural = "ผู้เสียหายจำแนกตามสัญชาติ"
        constraints = [
            models.UniqueConstraint(fields=["report", "nationality"], name="one_row_per_nationality"),
            models.CheckConstraint(condition=Q(victims__gte=0), name="nationality_victims_not_negative"),
            models.CheckConstraint(condition=Q(nationality__in=Nationality.values), name="nationality_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_nationality_display()}: {self.victims}"
