from django.contrib import admin

from .models import Property, RoomType


class RoomTypeInline(admin.TabularInline):
    model = RoomType
    extra = 0


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "city", "active")
    inlines = [RoomTypeInline]
