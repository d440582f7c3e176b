from django.contrib import admin, messages

from .models import Allocation, DwellAlert, Locker, LockerUsage, Parcel
from .tasks import rebuild_locker_usage


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0


@admin.register(Locker)
class LockerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "city", "compartments", "active")
    list_filter = ("city", "active")
    inlines = [AllocationInline]


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ("barcode", "carrier", "locker", "size", "deposited_at", "collected_at", "returned")
    list_filter = ("carrier", "size", "returned")
    search_fields = ("barcode",)
    date_hierarchy = "deposited_at"


@admin.register(LockerUsage)
class LockerUsageAdmin(admin.ModelAdmin):
    list_display = ("day", "carrier", "locker", "compartments", "deposits", "occupied_hours", "utilisation")
    list_filter = ("carrier", "day")
    actions = ["recompute"]

    @admin.action(description="Recompute usage for the selected carrier/day")
    def recompute(self, request, queryset):
        pairs = sorted({(u.carrier.code, u.day.isoformat()) for u in queryset.select_related("carrier")})
        for code, day in pairs:
            rebuild_locker_usage.delay(code, day)
        self.message_user(request, f"{len(pairs)} recomputation(s) queued", messages.INFO)


admin.site.register(DwellAlert)
