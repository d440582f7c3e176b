from django.contrib import admin

from .models import Library


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "ils", "courier_route", "is_active")
    list_filter = ("ils", "is_active", "courier_route")
    search_fields = ("code", "name")
