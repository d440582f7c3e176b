from django.contrib import admin

from .models import CatalogueEntry


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ("reference_code", "title", "date_range", "access", "published")
    list_filter = ("access", "published", "level")
    search_fields = ("reference_code", "title")
    actions = ["publish"]

    @admin.action(description="Publish selected entries")
    def publish(self, request, queryset):
        updated = queryset.update(published=True)
        self.message_user(request, f"{updated} entries published.")
