from django.contrib import admin

from .licence_sync import refresh_usage
from .models import Licence, LicenceCheckoutDay, Title


@admin.action(description="Recount checkouts from the daily usage")
def recount_usage(modeladmin, request, queryset):
    refresh_usage(list(queryset.values_list("pk", flat=True)))


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("title", "distributor", "max_checkouts", "checkouts_used", "expires_on", "status")
    list_filter = ("status", "distributor")
    actions = [recount_usage]


admin.site.register(Title)
admin.site.register(LicenceCheckoutDay)
