"""The four strategic pillars every plan activity and fund proposal is tagged with."""

from django.db import models
from django.utils.translation import gettext_lazy


class Pillar(models.TextChoices):
    PROSECUTION = "prosecution", gettext_lazy("ด้านการดำเนินคดีและบังคับใช้กฎหมาย")
    PREVENTION = "prevention", gettext_lazy("ด้านการป้องกันปัญหาการค้ามนุษย์")
    PROTECTION = "protection", gettext_lazy("ด้านการช่วยเหลือและคุ้มครองผู้เสียหายจากการค้ามนุษย์")
    DATABASE = "database", gettext_lazy("ด้านการบริหารจัดการระบบฐานข้อมูลการค้ามนุษย์")
