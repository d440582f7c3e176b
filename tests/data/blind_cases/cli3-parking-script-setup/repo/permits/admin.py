from django.contrib import admin

from .models import Permit


@admin.register(Permit)
class PermitAdmin(admin.ModelAdmin):
    list_display = ("number", "zone", "plate", "holder_name", "status", "valid_until")
    list_filter = ("status", "zone")
    search_fields = ("number", "plate", "holder_name")
