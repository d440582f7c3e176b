from django.contrib import admin
from django.urls import path

from housekeeping import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/tasks/<int:task_id>/events/", views.task_event, name="task-event"),
]
