from django.contrib import admin, messages

from .models import Species, Variety, VarietyImage
from .tasks import refresh_variety_photos


class VarietyImageInline(admin.TabularInline):
    model = VarietyImage
    extra = 0
    fields = ("role", "position", "source_url", "status", "width", "height", "checked_at")
    readonly_fields = ("status", "width", "height", "checked_at")


@admin.register(Species)
class SpeciesAdmin(admin.ModelAdmin):
    list_display = ("common_name", "latin_name", "family")
    search_fields = ("common_name", "latin_name")


@admin.register(Variety)
class VarietyAdmin(admin.ModelAdmin):
    list_display = ("name", "species", "sku", "is_active", "supplier_page_ok")
    list_filter = ("is_active", "is_organic", "species__family")
    search_fields = ("name", "sku", "species__common_name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [VarietyImageInline]
    actions = ["refresh_photos"]

    @admin.action(description="Refresh photos now")
    def refresh_photos(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        refresh_variety_photos(variety_ids=ids, force=True)
        self.message_user(request, f"Photo refresh queued for {len(ids)} varieties.", messages.SUCCESS)


@admin.register(VarietyImage)
class VarietyImageAdmin(admin.ModelAdmin):
    list_display = ("variety", "role", "status", "width", "height", "failure_count", "checked_at")
    list_filter = ("status", "role")
    search_fields = ("variety__name", "source_url")
    readonly_fields = ("content_type", "width", "height", "byte_size", "sha256", "etag",
                       "fetched_at", "checked_at", "failure_count", "last_error")
