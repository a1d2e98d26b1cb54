from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("provinces/", views.province_list, name="provinces"),
    path("provinces/<str:code>/", views.province_detail, name="province"),
    path("provinces/<str:code>/subcommittee/", views.subcommittee_edit, name="subcommittee-edit"),
    path("provinces/<str:code>/members/add/", views.member_add, name="member-add"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("risk-groups/<int:fiscal_year>/", views.risk_group_sheet, name="risk-groups"),
    path("risk-groups/import/", views.risk_group_import, name="risk-group-import"),
    path("audit/", views.audit_list, name="audit"),
]

# people (issue #10): accounts of members, roles, proposers
from committees import people_views  # noqa: E402

urlpatterns += [
    path("members/<int:pk>/account/", people_views.member_account, name="member-account"),
    path("people/roles/", people_views.roles, name="roles"),
    path("people/roles/<int:pk>/revoke/", people_views.role_revoke, name="role-revoke"),
    path("provinces/<str:code>/proposers/", people_views.proposers, name="proposers"),
    path("people/requests/<int:pk>/", people_views.request_decide, name="request-decide"),
    path("people/request/", people_views.request_to_propose, name="request-to-propose"),
]
