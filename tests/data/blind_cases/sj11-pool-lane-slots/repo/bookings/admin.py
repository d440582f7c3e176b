from django.contrib import admin

from .models import Booking, LaneSlot


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ("card_number", "name", "status", "confirmed_at", "checked_in_at")
    readonly_fields = ("confirmed_at", "checked_in_at")


@admin.register(LaneSlot)
class LaneSlotAdmin(admin.ModelAdmin):
    list_display = ("__str__", "date", "starts_at", "ends_at", "capacity", "status")
    list_filter = ("status", "entry__activity", "lane__pool")
    date_hierarchy = "starts_at"
    inlines = [BookingInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("card_number", "name", "slot", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("card_number", "name", "email")
    raw_id_fields = ("slot",)
