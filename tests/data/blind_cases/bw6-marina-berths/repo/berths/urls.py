from django.urls import path

from . import views

urlpatterns = [
    path("boats/<int:boat_id>/stays/", views.book_stay, name="book-stay"),
    path("stays/<int:pk>/", views.stay_detail, name="stay-detail"),
    path("stays/<int:pk>/cancel/", views.cancel_stay, name="cancel-stay"),
    path("berths/availability/", views.availability, name="berth-availability"),
]
