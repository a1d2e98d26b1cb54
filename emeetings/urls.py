from django.urls import path

from emeetings import views

app_name = "emeetings"

urlpatterns = [
    path("<int:pk>/", views.room, name="room"),
    path("<int:pk>/recordings/upload/", views.recording_upload, name="recording-upload"),
    path("<int:pk>/traffic.csv", views.traffic_csv, name="traffic-csv"),
    path("recordings/<int:pk>/", views.recording_download, name="recording"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
