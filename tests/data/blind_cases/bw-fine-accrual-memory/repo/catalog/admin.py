from django.contrib import admin

from .models import Branch, Copy, Title

admin.site.register(Branch)
admin.site.register(Title)


@admin.register(Copy)
class CopyAdmin(admin.ModelAdmin):
    list_display = ["barcode", "title", "branch", "status"]
    search_fields = ["barcode", "title__title"]
