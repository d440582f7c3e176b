from django.urls import path

from . import views

urlpatterns = [
    path("", views.create_quote_request, name="quote-request-create"),
    path("<str:reference>/", views.quote_request_detail, name="quote-request-detail"),
]
