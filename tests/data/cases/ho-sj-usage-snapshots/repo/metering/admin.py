from django.contrib import admin

from .models import Meter, Reading, UsageSnapshot

admin.site.register(Meter)
admin.site.register(Reading)


@admin.register(UsageSnapshot)
class UsageSnapshotAdmin(admin.ModelAdmin):
    list_display = ("meter", "day", "kwh", "readings", "computed_at")
