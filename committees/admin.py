from django.contrib import admin

from committees.models import Member, Province, RiskGroupAssignment, RoleGrant, Subcommittee


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "region")
    list_filter = ("region",)
    search_fields = ("code", "name_th", "name_en")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskGroupAssignment)
class RiskGroupAssignmentAdmin(admin.ModelAdmin):
    list_display = ("province", "fiscal_year", "group", "source_document")
    list_filter = ("fiscal_year", "group")

    def has_delete_permission(self, request, obj=None):
        return False


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0


@admin.register(Subcommittee)
class SubcommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "province", "numbering_basis")
    inlines = [MemberInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "province")
    list_filter = ("role",)
