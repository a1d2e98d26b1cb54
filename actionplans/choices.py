from django.db import models
from django.utils.translation import gettext_lazy


class DocState(models.TextChoices):
    """States of a plan revision and of a situation report revision (one workflow shape)."""

    DRAFT = "draft", gettext_lazy("ร่าง")
    PROPOSED = "proposed", gettext_lazy("เสนอที่ประชุมพิจารณา")
    APPROVED = "approved", gettext_lazy("ที่ประชุมเห็นชอบแล้ว")
    SUPERSEDED = "superseded", gettext_lazy("มีฉบับปรับปรุงแทนแล้ว")


OPEN_STATES = (DocState.DRAFT, DocState.PROPOSED)


class BudgetSource(models.TextChoices):
    PROVINCE = "province", gettext_lazy("งบประมาณจังหวัด")
    FUND = "fund", gettext_lazy("กองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์")
    AGENCY = "agency", gettext_lazy("งบประมาณของหน่วยงาน")
    OTHER = "other", gettext_lazy("อื่น ๆ")
    NONE = "none", gettext_lazy("ไม่ใช้งบประมาณ")


class Quarter(models.IntegerChoices):
    Q1 = 1, gettext_lazy("ไตรมาส 1 (ต.ค.–ธ.ค.)")
    Q2 = 2, gettext_lazy("ไตรมาส 2 (ม.ค.–มี.ค.)")
    Q3 = 3, gettext_lazy("ไตรมาส 3 (เม.ย.–มิ.ย.)")
    Q4 = 4, gettext_lazy("ไตรมาส 4 (ก.ค.–ก.ย.)")


class Nationality(models.TextChoices):
    THAI = "thai", gettext_lazy("ไทย")
    MYANMAR = "myanmar", gettext_lazy("เมียนมา")
    LAO = "lao", gettext_lazy("ลาว")
    CAMBODIAN = "cambodian", gettext_lazy("กัมพูชา")
    OTHER = "other", gettext_lazy("อื่น ๆ")
