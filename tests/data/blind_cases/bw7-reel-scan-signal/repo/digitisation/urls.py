from django.urls import path

from . import views

urlpatterns = [
    path("requests/", views.create_request, name="create-request"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/submit/", views.submit_draft, name="submit-draft"),
    path("batches/<int:pk>/scanned/", views.mark_batch_scanned, name="batch-scanned"),
]
