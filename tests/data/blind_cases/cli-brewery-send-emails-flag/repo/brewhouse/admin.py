from django.contrib import admin

from .models import Batch, GravityReading, Recipe, Site, Tank

admin.site.register([Site, Tank, Recipe])


class ReadingInline(admin.TabularInline):
    model = GravityReading
    extra = 0


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ("code", "recipe", "site", "tank", "status", "brewed_at", "fermentation_done_at")
    list_filter = ("site", "status")
    inlines = [ReadingInline]
