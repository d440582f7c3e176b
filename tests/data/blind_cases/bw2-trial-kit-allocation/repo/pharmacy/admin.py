from django.contrib import admin

from .models import Kit, KitAssignment, ResupplyRequest


@admin.register(Kit)
class KitAdmin(admin.ModelAdmin):
    list_display = ("kit_number", "site", "lot", "expires_on", "status")
    list_filter = ("status", "site")
    search_fields = ("kit_number", "lot")


admin.site.register([KitAssignment, ResupplyRequest])
