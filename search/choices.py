from django.db import models
from django.utils.translation import gettext_lazy


class SourceKind(models.TextChoices):
    RESOLUTION = "resolution", gettext_lazy("มติที่ประชุม")
    MINUTES = "minutes", gettext_lazy("รายงานการประชุม")
    AGENDA_ITEM = "agenda_item", gettext_lazy("ระเบียบวาระ")
    PROPOSAL = "proposal", gettext_lazy("โครงการ")
    PAPER = "paper", gettext_lazy("เอกสารประกอบวาระ")
