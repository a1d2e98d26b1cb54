from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DashboardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"
    verbose_name = gettext_lazy("แดชบอร์ด")
