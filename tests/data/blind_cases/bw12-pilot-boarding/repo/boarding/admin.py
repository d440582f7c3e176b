from django.contrib import admin

from .models import PilotBooking, ShipArrival


class BookingInline(admin.TabularInline):
    model = PilotBooking
    extra = 0
    fields = ("reference", "pilot", "boarding_time", "status", "port_request_id", "port_status")
    readonly_fields = ("reference", "port_request_id", "port_status")


@admin.register(ShipArrival)
class ShipArrivalAdmin(admin.ModelAdmin):
    list_display = ("vessel_name", "imo_number", "eta", "station", "length_overall")
    list_filter = ("station",)
    search_fields = ("vessel_name", "imo_number", "call_sign")
    date_hierarchy = "eta"
    inlines = [BookingInline]


@admin.register(PilotBooking)
class PilotBookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "arrival", "pilot", "boarding_time", "status", "port_status", "port_request_id")
    list_filter = ("status", "port_status")
    search_fields = ("reference", "arrival__vessel_name", "port_request_id")
    readonly_fields = ("reference", "port_request_id", "port_status", "port_submitted_at")
