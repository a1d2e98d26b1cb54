from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ExportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exports"
    verbose_name = gettext_lazy("ส่งออกข้อมูล")
