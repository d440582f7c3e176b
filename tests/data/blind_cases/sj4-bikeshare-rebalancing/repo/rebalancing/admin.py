from django.contrib import admin

from .models import RebalanceTask, Van


@admin.register(Van)
class VanAdmin(admin.ModelAdmin):
    list_display = ("code", "driver", "capacity", "on_shift")


@admin.register(RebalanceTask)
class RebalanceTaskAdmin(admin.ModelAdmin):
    list_display = ("station", "kind", "bikes", "status", "van", "created_at", "priority")
    list_filter = ("status", "kind")
