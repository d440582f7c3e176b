from django.contrib import admin

from .models import Arm, Participant, Randomization, Site, Study, Visit, VisitTemplate

admin.site.register([Study, Arm, Site, VisitTemplate, Visit])


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("screening_number", "site", "status", "consented_at")
    list_filter = ("status", "site__study")
    search_fields = ("screening_number",)


@admin.register(Randomization)
class RandomizationAdmin(admin.ModelAdmin):
    list_display = ("sequence_number", "participant", "randomized_at", "randomized_by")
    # the arm is blinded: never show it in list views
    exclude = ("arm",)
