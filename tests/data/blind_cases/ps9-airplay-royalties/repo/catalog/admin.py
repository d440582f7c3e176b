from django.contrib import admin

from .models import RightsHolder, Station, Track


@admin.register(RightsHolder)
class RightsHolderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "society_code", "statement_email"]
    list_filter = ["kind"]
    search_fields = ["name", "society_code"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["isrc", "artist", "title", "label", "publisher", "publisher_share_pct"]
    search_fields = ["isrc", "artist", "title"]
    raw_id_fields = ["label", "publisher"]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["call_sign", "name", "tier", "rate_cents_per_minute", "active"]
    list_filter = ["tier", "active"]
