from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = gettext_lazy("ส่วนกลาง")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from core.who import people_changed

        # the signed-in user is cached (core.who): any change to a user makes the copies stale
        for signal in (post_save, post_delete):
            signal.connect(people_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid=f"who-user-{signal}")
