"""The four strategic pillars every plan activity and fund proposal is tagged with."""

from django.db import models


class Pillar(models.TextChoices):
    PROSECUTION = "prosecution", "ด้านการดำเนินคดีและบังคับใช้กฎหมาย"
    PREVENTION = "prevention", "ด้านการป้องกันปัญหาการค้ามนุษย์"
    PROTECTION = "protection", "ด้านการช่วยเหลือและคุ้มครองผู้เสียหายจากการค้ามนุษย์"
    DATABASE = "database", "ด้านการบริหารจัดการระบบฐานข้อมูลการค้ามนุษย์"
