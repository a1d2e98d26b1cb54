from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = gettext_lazy("ค้นหา")

    def ready(self):
        from search import signals

        signals.connect()
