"""REST API under /api/v1/: one router, each app registers its viewsets."""

from rest_framework.routers import DefaultRouter

from committees.api import ProvinceViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet, basename="province")

urlpatterns = router.urls
