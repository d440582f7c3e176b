from datetime import datetime, timezone

import pytest

from delivery.webhooks import MemorySender
from imagery.raster import SyntheticReader
from imagery.services import SceneItem, register_scene


@pytest.fixture(autouse=True)
def clean_fakes():
    SyntheticReader.broken = set()
    MemorySender.sent.clear()
    MemorySender.failing = set()
    yield
    SyntheticReader.broken = set()
    MemorySender.sent.clear()
    MemorySender.failing = set()


@pytest.fixture
def make_scene():
    def make(scene_id="S2B_MSIL2A_20240517T101559_T33UUU", bbox=(13.30, 52.45, 13.50, 52.58), **kw):
        item = SceneItem(
            scene_id=scene_id,
            platform=kw.pop("platform", "sentinel-2b"),
            acquired_at=kw.pop("acquired_at", datetime(2024, 5, 17, 10, 15, 59, tzinfo=timezone.utc)),
            bbox=bbox,
            archive_key=kw.pop("archive_key", f"s2/{scene_id}"),
            cloud_cover=kw.pop("cloud_cover", 0.12),
        )
        scene, _ = register_scene(item, **kw)
        return scene

    return make
