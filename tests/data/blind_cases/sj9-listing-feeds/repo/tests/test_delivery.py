import pytest

from syndication.delivery import atomic_publish, latest_name


def test_latest_name():
    assert latest_name("zillow-20240311-0200.xml.gz") == "latest.xml.gz"
    assert latest_name("homes-20240311-0200.csv.gz") == "latest.csv.gz"


def test_atomic_publish_moves_the_file_into_place(tmp_path):
    final = tmp_path / "feed.xml.gz"
    with atomic_publish(final) as partial:
        partial.write_bytes(b"data")
    assert final.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml.gz"]


def test_atomic_publish_keeps_old_file_and_no_partial_on_error(tmp_path):
    final = tmp_path / "feed.xml.gz"
    final.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_publish(final) as partial:
            partial.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert final.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml.gz"]
