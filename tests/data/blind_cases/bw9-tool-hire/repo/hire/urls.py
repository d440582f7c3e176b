from django.urls import path

from . import views

urlpatterns = [
    path("branches/<slug:branch_slug>/rentals/", views.create_rental, name="create-rental"),
    path("rentals/<int:pk>/", views.rental_detail, name="rental-detail"),
    path("rentals/<int:pk>/pickup/", views.pickup_rental, name="rental-pickup"),
    path("rentals/<int:pk>/checkin/", views.checkin_rental, name="rental-checkin"),
    path("rentals/<int:pk>/return-quote/", views.return_quote, name="rental-return-quote"),
]
