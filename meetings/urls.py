from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("mine/", views.my_meetings, name="mine"),
    path("resolutions/", views.resolution_search, name="resolutions"),
    path("new/<str:code>/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/do/<str:name>/", views.meeting_transition, name="transition"),
    path("<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("<int:pk>/calendar.ics", views.meeting_ics_download, name="ics"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance/quorum/", views.attendance_quorum, name="attendance-quorum"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/minutes/edit/", views.minutes_edit, name="minutes-edit"),
    path("<int:pk>/minutes/versions/", views.minutes_versions, name="minutes-versions"),
    path("<int:pk>/minutes/versions/<int:number>/", views.minutes_version, name="minutes-version"),
    path("<int:pk>/minutes/adopt/", views.minutes_adopt, name="minutes-adopt"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("papers/<int:pk>/", views.paper_download, name="paper"),
]
