from django.contrib import admin

from .models import Singer


@admin.register(Singer)
class SingerAdmin(admin.ModelAdmin):
    list_display = ("name", "voice", "email", "active", "is_section_leader")
    list_filter = ("voice", "active", "is_section_leader")
    search_fields = ("name", "email")
