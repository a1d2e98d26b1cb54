from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class ProductUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("ข้อมูลเพิ่มเติม", {"fields": ("full_name", "position", "phone")}))
    list_display = ("username", "full_name", "position", "is_staff")
