from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("topic", "key", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "topic")
    search_fields = ("key",)
    readonly_fields = ("created_at", "sent_at")
