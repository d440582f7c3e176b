from django.contrib import admin

from .models import Channel, Network, Station, StationAlert, StationQC, StationUptime


class ChannelInline(admin.TabularInline):
    model = Channel
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "site_name", "latitude", "longitude", "is_active")
    list_filter = ("network", "is_active")
    inlines = [ChannelInline]


@admin.register(StationQC)
class StationQCAdmin(admin.ModelAdmin):
    list_display = ("station", "day", "picks", "rejected", "mean_snr")
    list_filter = ("day",)


@admin.register(StationAlert)
class StationAlertAdmin(admin.ModelAdmin):
    list_display = ("station", "kind", "day", "acknowledged")
    list_filter = ("kind", "acknowledged")


admin.site.register(Network)
admin.site.register(StationUptime)
