from django.apps import AppConfig


class FundproposalsConfig(AppConfig):
    name = "fundproposals"
    verbose_name = "โครงการขอรับการสนับสนุนจากกองทุน (กปค.01)"
