from django.contrib import admin

from .models import Concert, Loan, Part, PartCopy, Score


class PartInline(admin.TabularInline):
    model = Part
    extra = 0


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ("catalogue_no", "title", "composer", "voicing")
    search_fields = ("catalogue_no", "title", "composer", "arranger")
    inlines = [PartInline]


@admin.register(PartCopy)
class PartCopyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "condition")
    list_filter = ("condition",)


@admin.register(Concert)
class ConcertAdmin(admin.ModelAdmin):
    list_display = ("title", "performed_on", "venue")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("programme",)


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ("copy", "singer", "concert", "loaned_at", "due_on", "returned_at")
    list_filter = ("concert", "returned_at")
    raw_id_fields = ("copy", "singer")
