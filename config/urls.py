from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import urls as accounts_urls
from accounts import views as accounts_views
from core.observability import healthz
from inbox import views as inbox_views

urlpatterns = [
    path("", inbox_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # people (issue #10): invitations, codes, registration, passwords
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(accounts_urls.reset_patterns)),
    path("notifications/", include("notifications.urls")),
    # English throughout (issue #14): the switch also remembers the signed-in user's language
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
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
    # Swagger UI with its start-up script in a file of its own (the CSP allows no inline script)
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
# --- data out (issue 14) ---
urlpatterns += [
    path("dashboard/", include("dashboards.urls")),
    path("exports/", include("exports.urls")),
    path("api-tokens/", include("apitokens.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    pass  # media is never served publicly: files go through permission-checked views
