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


# --- data out (issue 14): risk groups and subcommittees for other systems ---

from django_filters import rest_framework as filters  # noqa: E402

from committees.models import Member, Subcommittee  # noqa: E402


class RiskGroupRowSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name = serializers.CharField(source="province.name_th", read_only=True)

    class Meta:
        model = RiskGroupAssignment
        fields = ["id", "province", "province_name", "fiscal_year", "group", "source_document"]
        read_only_fields = fields


class RiskGroupFilter(filters.FilterSet):
    province = filters.CharFilter(field_name="province__code")
    region = filters.CharFilter(field_name="province__region")

    class Meta:
        model = RiskGroupAssignment
        fields = ["province", "region", "fiscal_year", "group"]


class RiskGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Risk groups per province per fiscal year, in the caller's scope."""

    serializer_class = RiskGroupRowSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = RiskGroupFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RiskGroupAssignment.objects.none()
        provinces = selectors.visible_provinces(self.request.user).values("pk")
        return (
            RiskGroupAssignment.objects.filter(province_id__in=provinces)
            .select_related("province")
            .order_by("province__code", "-fiscal_year")
        )


class MemberSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Member
        fields = ["id", "full_name", "position", "agency", "role", "role_label", "chair_capacity", "term_start",
                  "term_end", "order"]  # fmt: skip
        read_only_fields = fields


class SubcommitteeSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name = serializers.CharField(source="province.name_th", read_only=True)
    members = MemberSerializer(source="current_members", many=True, read_only=True)

    class Meta:
        model = Subcommittee
        fields = ["id", "province", "province_name", "name", "short_name", "numbering_basis", "secretariat_office",
                  "members"]  # fmt: skip
        read_only_fields = fields


class SubcommitteeViewSet(viewsets.ReadOnlyModelViewSet):
    """Subcommittees in the caller's scope with their current members (no e-mail addresses)."""

    serializer_class = SubcommitteeSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_fields = {"province__code": ["exact"], "province__region": ["exact"]}

    def get_queryset(self):
        from django.db.models import Prefetch

        if getattr(self, "swagger_fake_view", False):
            return Subcommittee.objects.none()
        provinces = selectors.visible_provinces(self.request.user).values("pk")
        return (
            Subcommittee.objects.filter(province_id__in=provinces)
            .select_related("province")
            .prefetch_related(Prefetch("members", queryset=Member.objects.current(), to_attr="current_members"))
            .order_by("province__code")
        )
