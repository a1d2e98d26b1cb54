from django.urls import path

from actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("status/", views.national_status, name="status"),
    path("new/<str:code>/", views.plan_create, name="plan-create"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/activities/add/", views.activity_add, name="activity-add"),
    path("<int:pk>/revise/", views.plan_revise, name="plan-revise"),
    path("<int:pk>/do/<str:name>/", views.plan_transition, name="plan-transition"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/progress/<int:quarter>/", views.progress_edit, name="progress-edit"),
    path("files/<int:pk>/", views.attachment_download, name="progress-file"),
    path("situation/", views.report_list, name="report-list"),
    path("situation/new/<str:code>/", views.report_create, name="report-create"),
    path("situation/<int:pk>/", views.report_detail, name="report"),
    path("situation/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("situation/<int:pk>/revise/", views.report_revise, name="report-revise"),
    path("situation/<int:pk>/do/<str:name>/", views.report_transition, name="report-transition"),
]
