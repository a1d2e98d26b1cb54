from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = gettext_lazy("แผนปฏิบัติการและรายงานสถานการณ์")
