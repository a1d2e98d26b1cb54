"""REST API under /api/v1/: one router, each app registers its viewsets."""

from rest_framework.routers import DefaultRouter

from committees.api import ProvinceViewSet
from fundproposals.api import ProposalViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet, basename="province")
router.register("proposals", ProposalViewSet, basename="proposal")

# --- data out (issue 14): read endpoints for other systems ---
from actionplans.api import PlanViewSet, SituationReportViewSet  # noqa: E402
from committees.api import RiskGroupViewSet, SubcommitteeViewSet  # noqa: E402
from meetings.api import MeetingViewSet, ResolutionViewSet  # noqa: E402

router.register("risk-groups", RiskGroupViewSet, basename="riskgroup")
router.register("subcommittees", SubcommitteeViewSet, basename="subcommittee")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("plans", PlanViewSet, basename="plan")
router.register("situation-reports", SituationReportViewSet, basename="situationreport")

urlpatterns = router.urls

# Other systems call the API with a token, not a browser session: the API answers 401 in JSON
# itself instead of LoginRequiredMiddleware's redirect to the login page.
for _pattern in urlpatterns:
    _pattern.callback.login_required = False
