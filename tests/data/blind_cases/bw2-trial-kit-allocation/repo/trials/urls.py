from django.urls import path

from . import views

urlpatterns = [
    path("participants/<str:screening_number>/", views.participant_detail),
    path("participants/<str:screening_number>/randomize/", views.randomize_participant),
    path("participants/<str:screening_number>/screen-fail/", views.screen_fail_participant),
]
