from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = gettext_lazy("การแจ้งเตือน")

    def ready(self):
        # each domain app says who hears of its events in its own ``notices`` module
        autodiscover_modules("notices")
