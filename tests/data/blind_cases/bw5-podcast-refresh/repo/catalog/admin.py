from django.contrib import admin, messages

from feeds.jobs import refresh_feed
from podhub.rq import enqueue

from .models import Category, Episode, Podcast


@admin.register(Podcast)
class PodcastAdmin(admin.ModelAdmin):
    list_display = ("title", "feed_url", "is_active", "last_fetched_at", "consecutive_failures")
    list_filter = ("is_active", "categories")
    search_fields = ("title", "author", "feed_url")
    actions = ["refresh_selected"]

    @admin.action(description="Refresh selected feeds now")
    def refresh_selected(self, request, queryset):
        for podcast in queryset:
            enqueue("feeds", refresh_feed, podcast.pk)
        self.message_user(request, f"{queryset.count()} feeds queued", messages.SUCCESS)


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ("title", "podcast", "published_at", "enclosure_ok")
    search_fields = ("title", "guid")


admin.site.register(Category)
