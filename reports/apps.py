from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = gettext_lazy("รายงาน PDF")

    def ready(self):
        from reports.documents import freshness

        freshness.connect()  # the data versions the report fingerprints are kept under (issue #12)
