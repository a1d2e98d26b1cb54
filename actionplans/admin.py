"""Read-only admin views: plans and reports change only through their services (audited, workflow-checked)."""

from django.contrib import admin

from actionplans.models import ActionPlan, Activity, Progress, ProgressAttachment, SituationReport


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "subcommittee", "fiscal_year", "revision", "state", "approved_at")
    list_filter = ("fiscal_year", "state")
    search_fields = ("title", "subcommittee__province__name_th")


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("name", "plan", "pillar", "target_quantity", "target_unit", "budget", "budget_source")
    list_filter = ("pillar", "budget_source")


@admin.register(Progress)
class ProgressAdmin(ReadOnlyAdmin):
    list_display = ("activity", "quarter", "quantity_achieved", "budget_spent")


@admin.register(ProgressAttachment)
class ProgressAttachmentAdmin(ReadOnlyAdmin):
    list_display = ("display_name", "progress", "size", "uploaded_at")


@admin.register(SituationReport)
class SituationReportAdmin(ReadOnlyAdmin):
    list_display = ("subcommittee", "year", "revision", "state", "victims_total")
    list_filter = ("year", "state")
