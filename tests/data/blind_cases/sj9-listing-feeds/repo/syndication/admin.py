from django.contrib import admin, messages

from .models import FeedRun, Portal
from .tasks import export_feed_now


@admin.register(Portal)
class PortalAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active", "feed_format", "delivery")
    list_filter = ("active", "feed_format", "delivery")
    actions = ["export_now"]

    @admin.action(description="Export the feed now")
    def export_now(self, request, queryset):
        for portal in queryset:
            export_feed_now.delay(portal.pk)
        self.message_user(request, f"Queued {queryset.count()} export(s).", messages.SUCCESS)


@admin.register(FeedRun)
class FeedRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "portal", "status", "started_at", "finished_at", "listing_count", "file_name")
    list_filter = ("portal", "status")
    readonly_fields = ("started_at", "finished_at", "listing_count", "file_name", "error")
