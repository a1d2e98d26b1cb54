"""Read-only REST API of fund proposals (/api/v1/proposals/), with the same scopes as the pages."""

from rest_framework import serializers, viewsets

from fundproposals import selectors
from fundproposals.models import Proposal


class ProposalSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name = serializers.CharField(source="province.name_th", read_only=True)
    pillars = serializers.ListField(child=serializers.CharField(), read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "code",
            "title",
            "province",
            "province_name",
            "fiscal_year",
            "state",
            "state_label",
            "organisation",
            "organisation_type",
            "kind",
            "pillars",
            "target_group",
            "target_count",
            "start_date",
            "end_date",
            "total_budget",
            "requested_amount",
            "cofunding_amount",
            "received_on",
            "decision",
            "recommended_amount",
            "fund_decision",
            "fund_approved_amount",
            "contract_number",
            "contract_amount",
            "report_people_reached",
            "report_budget_spent",
        ]
        read_only_fields = fields


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals in the caller's scope: national all, province roles their provinces', a proposer their own.

    Money is a decimal string (baht with satang), never a float.
    """

    serializer_class = ProposalSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return Proposal.objects.none()
        return selectors.proposal_list(self.request.user)
