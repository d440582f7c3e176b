from django.contrib import admin
from django.urls import path

from lending import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/titles/<int:title_id>/borrow/", views.borrow, name="borrow"),
]
