from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = gettext_lazy("งานที่รอท่าน")

    def ready(self):
        # each domain app contributes its waiting items in its own ``inbox`` module
        autodiscover_modules("inbox")
