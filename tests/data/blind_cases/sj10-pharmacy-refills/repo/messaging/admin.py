from django.contrib import admin

from .models import OutboundMessage


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "category", "to", "status", "reference", "provider_message_id")
    list_filter = ("category", "status")
    search_fields = ("to", "reference", "provider_message_id")
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
