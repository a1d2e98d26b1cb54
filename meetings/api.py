"""Read-only REST API of meetings and resolutions (/api/v1/meetings/, /api/v1/resolutions/), page scopes."""

from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from meetings import selectors
from meetings.models import Meeting, Resolution


class MeetingSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="subcommittee.province.code", read_only=True)
    province_name = serializers.CharField(source="subcommittee.province.name_th", read_only=True)
    label = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "province", "province_name", "label", "number", "number_year", "fiscal_year", "starts_at",
                  "ended_at", "place", "chair_name", "chair_position", "chair_capacity", "state", "state_label",
                  "item_count"]  # fmt: skip
        read_only_fields = fields


class MeetingFilter(filters.FilterSet):
    province = filters.CharFilter(field_name="subcommittee__province__code")

    class Meta:
        model = Meeting
        fields = ["province", "fiscal_year", "state"]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings in the caller's scope, newest first."""

    serializer_class = MeetingSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = MeetingFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.annotate_item_counts(selectors.meetings_for(self.request.user))


class ResolutionSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="agenda_item.meeting.subcommittee.province.code", read_only=True)
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True)
    meeting_label = serializers.CharField(source="agenda_item.meeting.label", read_only=True)
    item_number = serializers.CharField(source="agenda_item.number", read_only=True)
    item_title = serializers.CharField(source="agenda_item.title", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "province", "meeting", "meeting_label", "item_number", "item_title", "outcome",
                  "outcome_label", "text", "discussion"]  # fmt: skip
        read_only_fields = fields


class ResolutionFilter(filters.FilterSet):
    province = filters.CharFilter(field_name="agenda_item__meeting__subcommittee__province__code")
    fiscal_year = filters.NumberFilter(field_name="agenda_item__meeting__fiscal_year")
    meeting = filters.NumberFilter(field_name="agenda_item__meeting_id")

    class Meta:
        model = Resolution
        fields = ["province", "fiscal_year", "meeting", "outcome"]


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Resolutions of meetings in the caller's scope (cancelled meetings left out)."""

    serializer_class = ResolutionSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ResolutionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Resolution.objects.none()
        return selectors.resolutions_search(self.request.user)
