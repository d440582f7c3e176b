from django.urls import path

from . import views

urlpatterns = [
    path("courses/<int:course_id>/weights/", views.course_weights, name="course-weights"),
]
