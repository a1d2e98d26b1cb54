from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FundproposalsConfig(AppConfig):
    name = "fundproposals"
    verbose_name = gettext_lazy("โครงการขอรับการสนับสนุนจากกองทุน (กปค.01)")
