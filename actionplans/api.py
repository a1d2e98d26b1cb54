"""Read-only REST API of action plans with progress and of situation reports, with the pages' scopes."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from actionplans import selectors
from actionplans.models import ActionPlan, Activity, Progress, SituationReport


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Progress
        fields = ["quarter", "done", "quantity_achieved", "budget_spent", "note"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    progress = ProgressSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "order", "pillar", "strategy", "name", "target_quantity", "target_unit", "budget",
                  "budget_source", "responsible_agency", "progress"]  # fmt: skip
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="subcommittee.province.code", read_only=True)
    province_name = serializers.CharField(source="subcommittee.province.name_th", read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "province", "province_name", "fiscal_year", "title", "revision", "state", "approved_at",
                  "activities"]  # fmt: skip
        read_only_fields = fields


class ProvinceYearFilter(filters.FilterSet):
    province = filters.CharFilter(field_name="subcommittee__province__code")


class PlanFilter(ProvinceYearFilter):
    class Meta:
        model = ActionPlan
        fields = ["province", "fiscal_year", "state"]


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Live plan revisions in the caller's scope with every activity and its quarterly progress."""

    serializer_class = PlanSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PlanFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActionPlan.objects.none()
        activities = Activity.objects.order_by("order", "id").prefetch_related(
            Prefetch("progress", queryset=Progress.objects.order_by("quarter", "id"))
        )
        return selectors.plan_list(self.request.user).prefetch_related(Prefetch("activities", queryset=activities))


class SituationReportSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="subcommittee.province.code", read_only=True)
    province_name = serializers.CharField(source="subcommittee.province.name_th", read_only=True)

    class Meta:
        model = SituationReport
        fields = ["id", "province", "province_name", "year", "revision", "state", "approved_at", "cases_sexual",
                  "cases_forced_labour", "cases_begging", "cases_forced_marriage", "cases_other", "cases_prosecuted",
                  "victims_total", "victims_male", "victims_female", "victims_child", "victims_adult",
                  "victims_assisted", "situation", "risk_areas", "problems", "recommendations"]  # fmt: skip
        read_only_fields = fields


class ReportFilter(ProvinceYearFilter):
    class Meta:
        model = SituationReport
        fields = ["province", "year", "state"]


class SituationReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SituationReportSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ReportFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SituationReport.objects.none()
        return selectors.report_list(self.request.user)
