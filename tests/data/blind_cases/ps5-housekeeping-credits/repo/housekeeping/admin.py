from django.contrib import admin

from .models import Attendant, AttendantDay, CleaningTask, LinenPar, Property, Room, RoomType


class LinenParInline(admin.TabularInline):
    model = LinenPar
    extra = 0


@admin.register(RoomType)
class RoomTypeAdmin(admin.ModelAdmin):
    list_display = ("property", "code", "name", "departure_credits", "stayover_credits", "deep_clean_credits")
    list_filter = ("property",)
    inlines = [LinenParInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("property", "number", "floor", "room_type", "status", "is_active")
    list_filter = ("property", "status", "is_active")


@admin.register(CleaningTask)
class CleaningTaskAdmin(admin.ModelAdmin):
    list_display = ("room", "kind", "business_date", "attendant", "status", "finished_at", "inspected_at")
    list_filter = ("status", "kind", "business_date")


@admin.register(AttendantDay)
class AttendantDayAdmin(admin.ModelAdmin):
    list_display = ("attendant", "day", "rooms_cleaned", "credits", "minutes_worked", "over_target")
    list_filter = ("day",)


admin.site.register(Property)
admin.site.register(Attendant)
