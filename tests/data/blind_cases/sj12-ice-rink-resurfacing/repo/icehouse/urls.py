from django.contrib import admin
from django.urls import path

from rinks import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("rinks/<slug:rink_slug>/resurfacing/<str:day>/", views.resurfacing_board, name="resurfacing-board"),
]
