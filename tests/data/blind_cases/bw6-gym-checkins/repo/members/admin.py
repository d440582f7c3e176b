from django.contrib import admin

from .models import Gym, Member


@admin.register(Gym)
class GymAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "timezone", "capacity")


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("membership_no", "full_name", "home_gym", "plan", "status", "last_visit_on", "visits_30d",
                    "streak_weeks", "at_risk")
    list_filter = ("status", "plan", "home_gym", "at_risk")
    search_fields = ("membership_no", "card_no", "first_name", "last_name", "email")
    readonly_fields = ("last_visit_on", "visits_30d", "streak_weeks", "favorite_gym", "at_risk",
                       "activity_updated_at", "lapse_nudged_on")
