from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class EmeetingsConfig(AppConfig):
    name = "emeetings"
    verbose_name = gettext_lazy("การประชุมผ่านสื่ออิเล็กทรอนิกส์")
