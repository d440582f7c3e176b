from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("kind", "channel", "recipient", "created_at", "sent_at", "attempts")
    list_filter = ("kind", "channel")
    search_fields = ("recipient", "dedupe_key")
