from django.contrib import admin

from .models import Singer


@admin.register(Singer)
class SingerAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "section", "is_section_leader", "active")
    list_filter = ("section", "active", "is_section_leader")
    search_fields = ("last_name", "first_name", "email")
