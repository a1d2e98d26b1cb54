from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = "แผนปฏิบัติการและรายงานสถานการณ์"
