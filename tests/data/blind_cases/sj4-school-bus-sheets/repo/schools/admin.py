from django.contrib import admin

from .models import Holiday, School, Student

admin.site.register(School)
admin.site.register(Holiday)


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ("student_number", "last_name", "first_name", "school", "grade", "active")
    list_filter = ("school", "grade")
    search_fields = ("student_number", "last_name")
