from django.contrib import admin

from .models import GerminationTest


@admin.register(GerminationTest)
class GerminationTestAdmin(admin.ModelAdmin):
    list_display = ("lab_reference", "lot", "sown_on", "seeds_sown", "seeds_germinated")
