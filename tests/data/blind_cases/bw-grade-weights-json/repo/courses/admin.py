from django.contrib import admin

from .models import Assessment, AssessmentCategory, Course, Enrollment, Score, Student, Term

admin.site.register([Term, Student, Enrollment, Assessment, Score])


class CategoryInline(admin.TabularInline):
    model = AssessmentCategory
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "term", "teacher"]
    inlines = [CategoryInline]
