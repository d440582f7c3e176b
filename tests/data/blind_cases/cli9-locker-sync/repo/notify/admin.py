from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("template", "channel", "to", "parcel_ref", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "channel", "template")
    search_fields = ("to", "parcel_ref")
