from django.contrib import admin

from .models import Booking, Patron, WaitlistEntry

admin.site.register(Patron)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "patron", "performance", "seats", "status", "created_at", "reminder_sent_at")
    list_filter = ("status",)
    search_fields = ("reference", "patron__name", "patron__email")


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("patron", "performance", "seats_wanted", "joined_at", "offered_at")
