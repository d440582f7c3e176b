from django.contrib import admin

from .models import Pilot


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ("name", "licence_no", "grade", "on_roster")
    list_filter = ("grade", "on_roster")
    search_fields = ("name", "licence_no")
