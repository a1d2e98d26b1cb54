from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("<slug:kind>.<str:fmt>", views.download, name="download"),
]
