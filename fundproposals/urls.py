app_name = "fundproposals"

urlpatterns: list = []
