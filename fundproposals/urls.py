from django.urls import path

from fundproposals import views

app_name = "fundproposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/<str:section>/", views.proposal_edit, name="edit"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment_download, name="file"),
    path("<int:pk>/step/<str:name>/", views.proposal_step, name="step"),
    path("<int:pk>/check/", views.proposal_check, name="check"),
    path("<int:pk>/revisions/", views.revisions, name="revisions"),
    path("<int:pk>/review/", views.review_create, name="review"),
    path("<int:pk>/table/", views.proposal_table, name="table"),
    path("<int:pk>/circulate/", views.proposal_circulate, name="circulate"),
    path("<int:pk>/ballot/", views.ballot_open, name="open-ballot"),
    path("<int:pk>/fund-decision/", views.fund_decision, name="fund-decision"),
    path("<int:pk>/contract/", views.contract, name="contract"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/photos/", views.photo_upload, name="photos"),
    path("ballots/<int:pk>/", views.ballot_vote, name="vote"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="close"),
    path("ballots/<int:pk>/record/", views.ballot_record, name="record"),
]
