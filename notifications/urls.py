from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("read-all/", views.mark_all_read, name="read-all"),
    path("settings/", views.notification_settings, name="settings"),
    path("failures/", views.failures, name="failures"),
    path("line/webhook/", views.line_webhook, name="line-webhook"),
]
