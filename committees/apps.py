from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = gettext_lazy("จังหวัดและคณะอนุกรรมการ")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.who import people_changed

        # each user's access (committees.access) is cached with the user (core.who): grants,
        # seats and the subcommittees seats belong to decide it, so any change makes it stale
        for model in ("RoleGrant", "Member", "Subcommittee"):
            for signal in (post_save, post_delete):
                signal.connect(people_changed, sender=self.get_model(model), dispatch_uid=f"who-{model}-{signal}")
