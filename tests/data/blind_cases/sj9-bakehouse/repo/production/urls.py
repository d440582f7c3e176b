from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        from datetime import date
        return date.fromisoformat(value)

    def to_url(self, value):
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("orders/", views.place_one_off_order, name="place-order"),
    path("sheets/<isodate:day>.csv", views.sheet_csv, name="sheet-csv"),
]
