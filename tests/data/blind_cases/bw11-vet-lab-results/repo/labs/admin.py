from django.contrib import admin

from .models import LabOrder, LabSyncState, OwnerNotification, ResultValue


class ResultValueInline(admin.TabularInline):
    model = ResultValue
    extra = 0


class OwnerNotificationInline(admin.TabularInline):
    model = OwnerNotification
    extra = 0
    readonly_fields = ("kind", "channel", "recipient", "sent_at")


@admin.register(LabOrder)
class LabOrderAdmin(admin.ModelAdmin):
    list_display = ("accession", "lab", "panel_code", "pet", "clinic", "status", "has_abnormal", "resulted_at")
    list_filter = ("lab", "status", "origin", "clinic")
    search_fields = ("accession", "lab_reference", "pet__name", "pet__owner__last_name")
    inlines = [ResultValueInline, OwnerNotificationInline]


admin.site.register(LabSyncState)
