"""Acceptance tests: one run of catalogue_scanned_boxes catalogues every scanned
box, however many batches that takes."""
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Box, Fonds
from catalogue.models import CatalogueEntry


@pytest.fixture
def scanned_boxes(db):
    def _make(count, fonds_code="PW", start=1):
        fonds, _ = Fonds.objects.get_or_create(
            code=fonds_code, defaults={"title": f"Fonds {fonds_code}", "creator": "Gemeente"})
        return [
            Box.objects.create(fonds=fonds, number=n, label=f"Notulen raadscommissie {n}",
                               year_from=1950, year_to=1952, status=Box.Status.SCANNED, page_count=40)
            for n in range(start, start + count)
        ]
    return _make


def run(**kwargs):
    call_command("catalogue_scanned_boxes", stdout=StringIO(), stderr=StringIO(), **kwargs)


def assert_all_catalogued(boxes):
    pks = [box.pk for box in boxes]
    left = list(Box.objects.filter(pk__in=pks).exclude(status=Box.Status.CATALOGUED)
                .values_list("number", flat=True))
    assert left == [], f"{len(left)} of {len(pks)} boxes were not catalogued: {left}"
    assert CatalogueEntry.objects.filter(box_id__in=pks).count() == len(pks)
    assert not Box.objects.filter(pk__in=pks, catalogued_at__isnull=True).exists()


@pytest.mark.django_db
def test_more_boxes_than_one_batch_are_all_catalogued(scanned_boxes):
    boxes = scanned_boxes(25)

    run(batch_size=10)

    assert_all_catalogued(boxes)


@pytest.mark.django_db
def test_many_batches_with_the_batch_size_option(scanned_boxes):
    boxes = scanned_boxes(57)

    call_command("catalogue_scanned_boxes", "--batch-size", "7", stdout=StringIO(), stderr=StringIO())

    assert_all_catalogued(boxes)


@pytest.mark.django_db
def test_default_batch_size_from_settings(settings, scanned_boxes):
    settings.ARCHIVE_BATCH_SIZE = 4
    boxes = scanned_boxes(18)

    run()

    assert_all_catalogued(boxes)


@pytest.mark.django_db
def test_fonds_filter_with_several_batches_leaves_other_fonds_alone(scanned_boxes):
    pw = scanned_boxes(23, "PW")
    sz = scanned_boxes(6, "SZ")

    run(batch_size=5, fonds="PW")

    assert_all_catalogued(pw)
    assert Box.objects.filter(pk__in=[b.pk for b in sz], status=Box.Status.SCANNED).count() == 6
    assert not CatalogueEntry.objects.filter(box__fonds__code="SZ").exists()


@pytest.mark.django_db
def test_second_run_finds_nothing_left(scanned_boxes):
    boxes = scanned_boxes(31)

    run(batch_size=10)
    run(batch_size=10)

    assert_all_catalogued(boxes)
    assert CatalogueEntry.objects.count() == 31
