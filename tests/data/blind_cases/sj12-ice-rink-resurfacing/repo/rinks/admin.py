from django.contrib import admin

from .models import IceSession, ResurfacingPlan, ResurfacingSlot, Rink, Sheet


class SheetInline(admin.TabularInline):
    model = Sheet
    extra = 0


@admin.register(Rink)
class RinkAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    inlines = [SheetInline]


@admin.register(IceSession)
class IceSessionAdmin(admin.ModelAdmin):
    list_display = ("starts_at", "ends_at", "sheet", "kind", "title", "cancelled")
    list_filter = ("sheet", "kind", "cancelled")
    date_hierarchy = "starts_at"
    search_fields = ("title", "external_ref")


class SlotInline(admin.TabularInline):
    model = ResurfacingSlot
    extra = 0
    readonly_fields = ("starts_at", "ends_at", "reason", "after_session")


@admin.register(ResurfacingPlan)
class ResurfacingPlanAdmin(admin.ModelAdmin):
    list_display = ("day", "sheet", "built_at")
    list_filter = ("sheet",)
    inlines = [SlotInline]
