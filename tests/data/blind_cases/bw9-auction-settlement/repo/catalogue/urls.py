from django.urls import path

from . import views

urlpatterns = [
    path("sales/<slug:sale_code>/lots/<int:number>/", views.lot_detail, name="lot-detail"),
    path("sales/<slug:sale_code>/lots/<int:number>/bids/", views.place_bid, name="place-bid"),
]
