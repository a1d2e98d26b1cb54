from django.db import models


class DocState(models.TextChoices):
    """States of a plan revision and of a situation report revision (one workflow shape)."""

    DRAFT = "draft", "ร่าง"
    PROPOSED = "proposed", "เสนอที่ประชุมพิจารณา"
    APPROVED = "approved", "ที่ประชุมเห็นชอบแล้ว"
    SUPERSEDED = "superseded", "มีฉบับปรับปรุงแทนแล้ว"


OPEN_STATES = (DocState.DRAFT, DocState.PROPOSED)


class BudgetSource(models.TextChoices):
    PROVINCE = "province", "งบประมาณจังหวัด"
    FUND = "fund", "กองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์"
    AGENCY = "agency", "งบประมาณของหน่วยงาน"
    OTHER = "other", "อื่น ๆ"
    NONE = "none", "ไม่ใช้งบประมาณ"


class Quarter(models.IntegerChoices):
    Q1 = 1, "ไตรมาส 1 (ต.ค.–ธ.ค.)"
    Q2 = 2, "ไตรมาส 2 (ม.ค.–มี.ค.)"
    Q3 = 3, "ไตรมาส 3 (เม.ย.–มิ.ย.)"
    Q4 = 4, "ไตรมาส 4 (ก.ค.–ก.ย.)"


class Nationality(models.TextChoices):
    THAI = "thai", "ไทย"
    MYANMAR = "myanmar", "เมียนมา"
    LAO = "lao", "ลาว"
    CAMBODIAN = "cambodian", "กัมพูชา"
    OTHER = "other", "อื่น ๆ"
