from django.db import models


class SourceKind(models.TextChoices):
    RESOLUTION = "resolution", "มติที่ประชุม"
    MINUTES = "minutes", "รายงานการประชุม"
    AGENDA_ITEM = "agenda_item", "ระเบียบวาระ"
    PROPOSAL = "proposal", "โครงการ"
    PAPER = "paper", "เอกสารประกอบวาระ"
