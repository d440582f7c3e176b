from django.contrib import admin

from .models import Booking, Slot


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ("full_name", "sns_number", "vaccine", "status", "reminder_sent_at")


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ("clinic", "starts_at", "ends_at", "capacity", "withdrawn")
    list_filter = ("clinic", "withdrawn")
    date_hierarchy = "starts_at"
    inlines = [BookingInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("full_name", "sns_number", "vaccine", "slot", "status")
    list_filter = ("vaccine", "status", "slot__clinic")
    search_fields = ("full_name", "sns_number")
