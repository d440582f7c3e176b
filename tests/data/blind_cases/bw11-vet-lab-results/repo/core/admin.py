from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "operation", "actor", "action", "object_type", "object_id")
    list_filter = ("operation", "action")
    search_fields = ("object_id", "operation")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
