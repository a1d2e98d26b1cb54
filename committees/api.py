from rest_framework import serializers, viewsets

from committees import selectors
from committees.models import Province, RiskGroupAssignment


class RiskGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskGroupAssignment
        fields = ["fiscal_year", "group", "source_document"]


class ProvinceSerializer(serializers.ModelSerializer):
    risk_groups = RiskGroupSerializer(many=True, read_only=True)

    class Meta:
        model = Province
        fields = ["code", "name_th", "name_en", "region", "risk_groups"]


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    """Provinces in the caller's scope, with their risk group per fiscal year."""

    serializer_class = ProvinceSerializer
    lookup_field = "code"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return Province.objects.none()
        return selectors.visible_provinces(self.request.user).prefetch_related("risk_groups")
