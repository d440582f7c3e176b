from django.contrib import admin

from .models import Entry, Match, StandingsSnapshot, Team, Tournament


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0


@admin.register(Tournament)
class TournamentAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "game", "status", "starts_at")
    inlines = [EntryInline]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "score_a", "score_b", "winner", "external_id")
    list_filter = ("tournament", "status", "round")


admin.site.register([Team, StandingsSnapshot])
