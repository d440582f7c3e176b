from django.contrib import admin

from .models import Discard, Hospital, Issue, Unit

admin.site.register(Hospital)
admin.site.register(Issue)
admin.site.register(Discard)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("din", "component", "abo", "rh", "status", "expires_on", "site")
    list_filter = ("status", "component", "site")
    search_fields = ("din", "donor__code")
