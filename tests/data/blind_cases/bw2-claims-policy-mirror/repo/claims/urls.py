from django.urls import path

from . import views

urlpatterns = [
    path("claims/", views.report_claim),
    path("claims/<str:number>/", views.claim_detail),
]
