from django.contrib import admin

from .models import Adjuster, Claim, ClaimNote, PolicySnapshot


class NoteInline(admin.TabularInline):
    model = ClaimNote
    extra = 0


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("number", "policy_number", "loss_type", "peril", "loss_date", "status", "adjuster")
    list_filter = ("status", "loss_type")
    search_fields = ("number", "policy_number", "claimant_name")
    inlines = [NoteInline]


admin.site.register([Adjuster, PolicySnapshot])
