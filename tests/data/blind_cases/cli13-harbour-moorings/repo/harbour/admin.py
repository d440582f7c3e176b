from django.contrib import admin

from .models import Berth, MooringAssignment, Season, Vessel


@admin.register(Berth)
class BerthAdmin(admin.ModelAdmin):
    list_display = ("code", "pontoon", "length_m", "beam_m", "has_power", "active")
    list_filter = ("pontoon", "has_power", "active")


@admin.register(Vessel)
class VesselAdmin(admin.ModelAdmin):
    list_display = ("name", "registration", "owner_name", "loa_m", "beam_m")
    search_fields = ("name", "registration", "owner_name")


@admin.register(MooringAssignment)
class MooringAssignmentAdmin(admin.ModelAdmin):
    list_display = ("berth", "vessel", "season", "starts_on", "released_on")
    list_filter = ("season", "berth__pontoon")
    raw_id_fields = ("vessel",)


admin.site.register(Season)
