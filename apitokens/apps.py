from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ApiTokensConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apitokens"
    verbose_name = gettext_lazy("โทเคน API")
