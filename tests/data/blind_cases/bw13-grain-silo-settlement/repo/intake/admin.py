from django.contrib import admin

from .models import Crop, Delivery, Farmer, PriceNotice, Silo
from .services import request_delivery_docket

admin.site.register(Silo)
admin.site.register(PriceNotice)


@admin.register(Farmer)
class FarmerAdmin(admin.ModelAdmin):
    list_display = ("member_no", "name", "email", "active")
    search_fields = ("member_no", "name")


@admin.register(Crop)
class CropAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "base_moisture_pct", "drying_rate", "levy_per_tonne", "price_per_tonne")


@admin.action(description="Email delivery docket again")
def resend_docket(modeladmin, request, queryset):
    for delivery in queryset:
        request_delivery_docket(delivery)
    modeladmin.message_user(request, f"{queryset.count()} dockets queued")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("ticket_no", "farmer", "crop", "silo", "delivered_at", "gross_kg", "tare_kg", "moisture_pct")
    list_filter = ("crop", "silo")
    search_fields = ("ticket_no", "farmer__name", "farmer__member_no")
    date_hierarchy = "delivered_at"
    actions = [resend_docket]
