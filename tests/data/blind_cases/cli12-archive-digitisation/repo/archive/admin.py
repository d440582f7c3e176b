from django.contrib import admin, messages

from .models import Box, Fonds, ScanFile


@admin.register(Fonds)
class FondsAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "creator", "closed_until_years")
    search_fields = ("code", "title", "creator")


class ScanFileInline(admin.TabularInline):
    model = ScanFile
    extra = 0
    readonly_fields = ("filename", "pages", "sha256", "delivered_at")


@admin.register(Box)
class BoxAdmin(admin.ModelAdmin):
    list_display = ("__str__", "label", "year_from", "year_to", "status", "page_count", "shelf_location")
    list_filter = ("status", "fonds")
    search_fields = ("label", "shelf_location")
    list_select_related = ("fonds",)
    inlines = [ScanFileInline]
    actions = ["catalogue_selected"]

    @admin.action(description="Catalogue selected scanned boxes")
    def catalogue_selected(self, request, queryset):
        from catalogue.services import CataloguingError, catalogue_box

        done = 0
        for box in queryset.filter(status=Box.Status.SCANNED, catalogue_entry__isnull=True).select_related("fonds"):
            try:
                catalogue_box(box)
                done += 1
            except CataloguingError as exc:
                self.message_user(request, str(exc), level=messages.WARNING)
        self.message_user(request, f"{done} boxes catalogued.")
