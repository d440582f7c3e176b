import pytest

from collection.models import CollectionObject, Location, ObjectLabel


@pytest.fixture
def locations(db):
    return {
        "ST-B2-04": Location.objects.create(code="ST-B2-04", name="Bay 2 shelf 4", building="North Store"),
        "ST-C1-02": Location.objects.create(code="ST-C1-02", name="Bay C1 shelf 2", building="North Store",
                                            capacity=3),
        "GAL-3-A": Location.objects.create(code="GAL-3-A", name="Gallery 3 case A", building="Main",
                                           kind=Location.Kind.GALLERY),
        "QUAR-1": Location.objects.create(code="QUAR-1", name="Quarantine freezer", building="North Store",
                                          kind=Location.Kind.QUARANTINE),
        "ST-OLD": Location.objects.create(code="ST-OLD", name="Old annexe", building="Annexe", active=False),
    }


@pytest.fixture
def make_object(locations):
    def _make(number, title="Object", location="ST-B2-04", status=CollectionObject.Status.IN_STORE, barcode=None):
        obj = CollectionObject.objects.create(
            accession_number=number, title=title, department="Social History",
            location=locations[location] if location else None, status=status,
        )
        if barcode:
            ObjectLabel.objects.create(barcode=barcode, object=obj)
        return obj

    return _make


@pytest.fixture
def shelf(make_object):
    """Three objects on ST-B2-04, each with an active label."""
    return [
        make_object("1987.34.1", "Lustre jug", barcode="KCM0000101"),
        make_object("1987.34.2", "Lustre jug (pair)", barcode="KCM0000102"),
        make_object("2003.7", "Fishing creel", barcode="KCM0000103"),
    ]
