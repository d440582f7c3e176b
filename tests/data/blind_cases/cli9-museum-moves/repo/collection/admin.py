from django.contrib import admin

from .models import CollectionObject, Location, LocationAudit, Movement, ObjectLabel, OutgoingLoan


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "building", "kind", "capacity", "active", "last_audited_at")
    list_filter = ("kind", "building", "active")
    search_fields = ("code", "name")


class LabelInline(admin.TabularInline):
    model = ObjectLabel
    extra = 0


@admin.register(CollectionObject)
class CollectionObjectAdmin(admin.ModelAdmin):
    list_display = ("accession_number", "title", "department", "location", "status")
    list_filter = ("status", "department")
    search_fields = ("accession_number", "title", "labels__barcode")
    inlines = [LabelInline]


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("object", "from_location", "to_location", "reason", "moved_by", "moved_at", "batch")
    list_filter = ("reason",)
    search_fields = ("object__accession_number", "batch")


@admin.register(LocationAudit)
class LocationAuditAdmin(admin.ModelAdmin):
    list_display = ("location", "audited_at", "audited_by", "expected_count", "found_count")


@admin.register(OutgoingLoan)
class OutgoingLoanAdmin(admin.ModelAdmin):
    list_display = ("reference", "borrower", "due_back", "returned_on", "reminder_sent_on")
    filter_horizontal = ("objects_lent",)
