"""Read-only admin: proposals change only through the services (workflow, audit)."""

from django.contrib import admin

from fundproposals.models import Ballot, Proposal, Review, Vote


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "province", "fiscal_year", "state", "requested_amount"]
    list_filter = ["state", "fiscal_year", "organisation_type"]
    search_fields = ["code", "title", "organisation"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "member", "recommendation", "has_conflict"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "mode", "state", "result", "closed_at"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "member", "choice", "updated_at"]
