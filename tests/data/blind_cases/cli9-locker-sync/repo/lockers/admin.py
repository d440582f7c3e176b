from django.contrib import admin

from .models import Compartment, LockerAlert, LockerEvent, Parcel, Site, SyncCursor


class CompartmentInline(admin.TabularInline):
    model = Compartment
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active")
    inlines = [CompartmentInline]


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "carrier", "site", "compartment", "status", "deposited_at", "pickup_deadline")
    list_filter = ("status", "site", "carrier")
    search_fields = ("tracking_code", "recipient_name", "recipient_email", "recipient_phone")
    readonly_fields = ("pickup_pin",)


@admin.register(LockerEvent)
class LockerEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "kind", "site_code", "compartment_label", "tracking_code", "occurred_at", "unmatched")
    list_filter = ("kind", "unmatched")
    search_fields = ("tracking_code", "=seq")


@admin.register(LockerAlert)
class LockerAlertAdmin(admin.ModelAdmin):
    list_display = ("site", "compartment", "kind", "raised_at", "resolved_at")
    list_filter = ("kind",)


@admin.register(SyncCursor)
class SyncCursorAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "updated_at")
