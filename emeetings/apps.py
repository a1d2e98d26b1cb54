from django.apps import AppConfig


class EmeetingsConfig(AppConfig):
    name = "emeetings"
    verbose_name = "การประชุมผ่านสื่ออิเล็กทรอนิกส์"
