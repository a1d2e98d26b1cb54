from django.urls import path

from ledger import views

app_name = "ledger"

urlpatterns = [
    path("verify/", views.verify_page, name="verify"),
]
