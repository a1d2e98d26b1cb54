from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "ค้นหา"

    def ready(self):
        from search import signals

        signals.connect()
