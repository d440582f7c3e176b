import os
import time
from datetime import datetime, timezone as dt_timezone

import pytest

from library import storage


def test_media_path_and_export_dir(media_root):
    assert storage.media_path("inbox", "a.csv") == media_root / "inbox" / "a.csv"
    assert storage.export_dir() == media_root / "exports"
    assert (media_root / "exports").is_dir()


def test_write_csv_is_utf8(tmp_path):
    target = tmp_path / "names.csv"
    n = storage.write_csv(target, ["name"], [["Dvořák"], ["Górecki"]])
    assert n == 2
    assert target.read_bytes() == "name\r\nDvořák\r\nGórecki\r\n".encode("utf-8")


def test_write_csv_keeps_old_file_when_rows_fail(tmp_path):
    target = tmp_path / "catalogue.csv"
    target.write_text("old,complete\n", encoding="utf-8")

    def rows():
        yield ["a", "b"]
        raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError):
        storage.write_csv(target, ["x", "y"], rows())

    assert target.read_text(encoding="utf-8") == "old,complete\n"
    assert os.listdir(tmp_path) == ["catalogue.csv"]


def test_read_csv_strips_bom(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes("\ufeffcatalogue_no,title\nD-1,Te Deum\n".encode("utf-8"))
    assert storage.read_csv(src) == [{"catalogue_no": "D-1", "title": "Te Deum"}]


def test_exports_older_than(media_root):
    sheets = media_root / "exports" / "loan-sheets"
    sheets.mkdir(parents=True)
    old = sheets / "autumn-2022-20221101.csv"
    new = media_root / "exports" / "catalogue.csv"
    for p in (old, new):
        p.write_text("x\n", encoding="utf-8")
    past = time.time() - 400 * 86400
    os.utime(old, (past, past))

    found = storage.exports_older_than(datetime.fromtimestamp(time.time() - 365 * 86400, dt_timezone.utc))
    assert found == [old]
