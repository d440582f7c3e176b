from django.contrib import admin

from .models import Gate, Lift, Resort


class GateInline(admin.TabularInline):
    model = Gate
    extra = 0


@admin.register(Resort)
class ResortAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "gate_vendor", "export_folder", "active")


@admin.register(Lift)
class LiftAdmin(admin.ModelAdmin):
    list_display = ("resort", "code", "name", "kind", "capacity_per_hour")
    list_filter = ("resort", "kind")
    inlines = [GateInline]
