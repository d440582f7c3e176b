from django.contrib import admin

from .models import Carrier


@admin.register(Carrier)
class CarrierAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active", "max_dwell_hours")
    list_filter = ("active",)
    search_fields = ("code", "name")
