from django.contrib import admin

from .models import DeliveryNotice, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("customer", "webhook_url", "max_cloud_cover", "active")
    list_filter = ("active",)


@admin.register(DeliveryNotice)
class DeliveryNoticeAdmin(admin.ModelAdmin):
    list_display = ("subscription", "scene", "status", "attempts", "sent_at")
    list_filter = ("status",)
    raw_id_fields = ("subscription", "scene")
