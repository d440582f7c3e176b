from django.contrib import admin

from .models import Member, Store


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "is_open")


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("card_number", "first_name", "last_name", "tier", "points_balance", "last_purchase_on", "is_active")
    list_filter = ("tier", "is_active")
    search_fields = ("card_number", "last_name", "email")
    readonly_fields = ("points_balance", "lifetime_points", "last_purchase_on")
