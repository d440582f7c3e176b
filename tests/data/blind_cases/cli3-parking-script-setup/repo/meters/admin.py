from django.contrib import admin

from .models import Collection, Meter, Zone

admin.site.register(Zone)


@admin.register(Meter)
class MeterAdmin(admin.ModelAdmin):
    list_display = ("number", "zone", "street", "in_service", "flagged_at")
    list_filter = ("zone", "in_service")


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("meter", "collected_on", "canister", "coins_pence", "card_pence")
    date_hierarchy = "collected_on"
