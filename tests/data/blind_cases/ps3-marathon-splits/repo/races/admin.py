from django.contrib import admin

from .models import Entry, Race, Result, ResultReview, TimingPoint


class TimingPointInline(admin.TabularInline):
    model = TimingPoint


@admin.register(Race)
class RaceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "gun_time", "published_at")
    inlines = [TimingPointInline]


@admin.register(ResultReview)
class ResultReviewAdmin(admin.ModelAdmin):
    list_display = ("entry", "reason", "created_at", "resolved")
    list_filter = ("resolved", "entry__race")


admin.site.register(Entry)
admin.site.register(Result)
