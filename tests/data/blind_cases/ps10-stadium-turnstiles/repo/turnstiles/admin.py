from django.contrib import admin

from .models import Gate, GateFlowMinute, JobRun, Match, MatchAttendance, TurnstileFaultCount


@admin.register(Gate)
class GateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "stand", "lanes", "is_active"]
    list_filter = ["stand", "is_active"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["code", "home_team", "away_team", "competition", "kickoff", "capacity"]
    search_fields = ["code", "home_team", "away_team"]
    date_hierarchy = "kickoff"


@admin.register(GateFlowMinute)
class GateFlowMinuteAdmin(admin.ModelAdmin):
    list_display = ["match", "gate", "minute", "admitted", "rejected", "reentries"]
    list_filter = ["gate__stand"]
    list_select_related = ["match", "gate"]


@admin.register(MatchAttendance)
class MatchAttendanceAdmin(admin.ModelAdmin):
    list_display = ["match", "unique_tickets", "admitted", "rejected", "reentries", "busiest_gate"]


@admin.register(TurnstileFaultCount)
class TurnstileFaultCountAdmin(admin.ModelAdmin):
    list_display = ["day", "gate", "lane", "fault_code", "count"]
    list_filter = ["fault_code"]


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "first_day", "last_day", "status", "rows_loaded", "started_at", "finished_at"]
    list_filter = ["job", "status"]
    readonly_fields = ["error"]
