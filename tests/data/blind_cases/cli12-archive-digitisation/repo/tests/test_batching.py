import pytest

from archive.batching import chunked, iter_batches
from archive.models import Box


@pytest.mark.django_db
def test_iter_batches_walks_the_whole_queryset(make_box):
    boxes = [make_box(n) for n in range(1, 26)]

    batches = list(iter_batches(Box.objects.all(), 10))

    assert [len(b) for b in batches] == [10, 10, 5]
    assert [box.pk for batch in batches for box in batch] == [box.pk for box in boxes]


@pytest.mark.django_db
def test_iter_batches_on_empty_queryset(db):
    assert list(iter_batches(Box.objects.none(), 10)) == []


def test_iter_batches_rejects_bad_size():
    with pytest.raises(ValueError):
        next(iter_batches(Box.objects.none(), -1))


def test_chunked():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
