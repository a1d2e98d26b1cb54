from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("committees.urls")),
    path("meetings/", include("meetings.urls")),
    path("plans/", include("actionplans.urls")),
    path("proposals/", include("fundproposals.urls")),
    path("reports/", include("reports.urls")),
    # issue 15: the hash-chained ledger and e-meetings
    path("ledger/", include("ledger.urls")),
    path("emeetings/", include("emeetings.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    pass  # media is never served publicly: files go through permission-checked views
