from datetime import datetime, timezone

from pyspark.sql import Row

from royalties.jobs import partitions

T0 = datetime(2024, 5, 3, 7, 15, tzinfo=timezone.utc)


def play(isrc, station="AWFM", played_s=200):
    return Row(station=station, isrc=isrc, started_at=T0, played_s=played_s)


def test_resolve_partition_attaches_rights_holders(catalog):
    holders = catalog["holders"]
    out = list(partitions.resolve_partition(iter([play("GBAYE0700001"), play("GBBTP1900042", "AWCOAST", 90)])))
    assert out == [
        ("AWFM", "GBAYE0700001", T0, 200, holders["LBL1"].pk, holders["PUB1"].pk, 40),
        ("AWCOAST", "GBBTP1900042", T0, 90, holders["LBL2"].pk, None, 0),
    ]


def test_resolve_partition_keeps_unknown_isrcs(catalog):
    out = list(partitions.resolve_partition(iter([play("ZZXXX9900000"), play(None)])))
    assert [row[4:] for row in out] == [(None, None, None), (None, None, None)]


def test_resolve_partition_batches_lookups(catalog, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(partitions, "LOOKUP_BATCH", 2)
    plays = [play("GBAYE0700001")] * 5
    with django_assert_num_queries(3):
        out = list(partitions.resolve_partition(iter(plays)))
    assert len(out) == 5


def test_batched():
    assert list(partitions.batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(partitions.batched([], 2)) == []
