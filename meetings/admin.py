"""Read-only admin: meetings are changed through the pages and services (rules, audit), never here."""

from django.contrib import admin

from meetings.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    ConflictOfInterest,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
    Resolution,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "starts_at", "place", "state", "fiscal_year")
    list_filter = ("state", "fiscal_year", "subcommittee__province")
    search_fields = ("place", "subcommittee__name")


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "meeting", "section_type")
    list_select_related = ("meeting__subcommittee", "parent")


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "outcome")
    search_fields = ("text", "discussion")
    list_select_related = ("agenda_item__parent",)


for model in (AgendaPaper, Attendance, ConflictOfInterest, Minutes, MinutesVersion, MinutesComment):
    admin.site.register(model, ReadOnlyAdmin)
