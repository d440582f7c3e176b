from django.contrib import admin

from .models import Block, Farm


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0


@admin.register(Farm)
class FarmAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "grower", "regulator_site_id", "active")
    list_filter = ("active",)
    search_fields = ("code", "name", "grower")
    inlines = [BlockInline]
