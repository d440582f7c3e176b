from django.contrib import admin

from .models import RoyaltyPeriod, StatementLine


class StatementLineInline(admin.TabularInline):
    model = StatementLine
    extra = 0
    raw_id_fields = ["holder"]


@admin.register(RoyaltyPeriod)
class RoyaltyPeriodAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "status", "calculated_at", "unmatched_plays"]
    list_filter = ["status"]
    inlines = [StatementLineInline]
