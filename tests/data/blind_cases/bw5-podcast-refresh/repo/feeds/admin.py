from django.contrib import admin

from .models import FeedFetch


@admin.register(FeedFetch)
class FeedFetchAdmin(admin.ModelAdmin):
    list_display = ("podcast", "started_at", "outcome", "http_status", "new_episodes", "duration_ms")
    list_filter = ("outcome",)
    raw_id_fields = ("podcast",)
