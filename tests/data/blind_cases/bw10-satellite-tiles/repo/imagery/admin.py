from django.contrib import admin

from .models import OverviewTile, ProcessingRun, Scene, Tile


@admin.register(Scene)
class SceneAdmin(admin.ModelAdmin):
    list_display = ("scene_id", "platform", "acquired_at", "status", "cloud_cover", "attempts")
    list_filter = ("status", "platform")
    search_fields = ("scene_id",)


@admin.register(Tile)
class TileAdmin(admin.ModelAdmin):
    list_display = ("scene", "z", "x", "y", "status", "cloud_fraction", "ndvi_mean")
    list_filter = ("status", "z")
    raw_id_fields = ("scene",)


@admin.register(ProcessingRun)
class ProcessingRunAdmin(admin.ModelAdmin):
    list_display = ("scene", "status", "tiles_total", "tiles_ok", "tiles_failed", "started_at", "finished_at")
    list_filter = ("status",)
    raw_id_fields = ("scene",)


admin.site.register(OverviewTile)
