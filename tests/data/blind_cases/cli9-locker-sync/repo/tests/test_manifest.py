import csv

import pytest

from lockers.models import Compartment, Parcel
from scripts import export_courier_manifest

from .conftest import T0


@pytest.mark.django_db
def test_manifest_per_carrier(make_parcel, tmp_path):
    a01 = Compartment.objects.get(label="A01")
    make_parcel("3SEXP0001", status=Parcel.Status.EXPIRED, compartment=a01, deposited_at=T0,
                pickup_deadline=T0, carrier="PostNL")
    make_parcel("JVGL0002", status=Parcel.Status.EXPIRED, carrier="DHL eCommerce")
    make_parcel("3SOK0003", status=Parcel.Status.IN_LOCKER, compartment=a01, carrier="PostNL")

    written = export_courier_manifest.write_manifests(tmp_path, T0.date())

    assert {name: count for name, (path, count) in written.items()} == {"PostNL": 1, "DHL eCommerce": 1}
    path, _ = written["PostNL"]
    assert path == tmp_path / "2024-11-11" / "postnl.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["tracking_code"] == "3SEXP0001" and rows[0]["compartment"] == "A01"
    assert rows[0]["deadline"] == "2024-11-11T17:00+01:00"
