from django.contrib import admin

from .models import Exhibition, GateScan, ScanBatch, Ticket, TimeSlot


@admin.register(Exhibition)
class ExhibitionAdmin(admin.ModelAdmin):
    list_display = ["name", "opens_on", "closes_on", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TimeSlot)
class TimeSlotAdmin(admin.ModelAdmin):
    list_display = ["exhibition", "starts_at", "capacity", "sold", "admitted", "is_closed"]
    list_filter = ["exhibition", "is_closed"]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["code", "slot", "party_size", "holder_name", "status", "admitted_at"]
    list_filter = ["status"]
    search_fields = ["code", "holder_name", "email"]


class GateScanInline(admin.TabularInline):
    model = GateScan
    extra = 0


@admin.register(ScanBatch)
class ScanBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "gate", "device_id", "uploaded_at", "status"]
    inlines = [GateScanInline]
