"""REST API under /api/v1/: one router, each app registers its viewsets."""

from rest_framework.routers import DefaultRouter

from committees.api import ProvinceViewSet
from fundproposals.api import ProposalViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet, basename="province")
router.register("proposals", ProposalViewSet, basename="proposal")

urlpatterns = router.urls
