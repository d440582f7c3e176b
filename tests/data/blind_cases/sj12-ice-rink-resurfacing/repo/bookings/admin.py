from django.contrib import admin

from .models import FeedImport


@admin.register(FeedImport)
class FeedImportAdmin(admin.ModelAdmin):
    list_display = ("started_at", "source", "created", "updated")
    readonly_fields = ("source", "checksum", "started_at", "created", "updated", "errors")
