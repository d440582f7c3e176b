"""Reading tile pixels from the imagery archive and computing tile statistics.

The archive holds one JSON document per tile, written by the provider sync:
``<root>/<archive_key>/<z>/<x>/<y>.json`` with ``{"size": N, "bands": {"red": [...],
"green": [...], "blue": [...], "nir": [...]}}``; reflectances are 0..1 and
``null`` marks nodata.
"""
import hashlib
import json
import random
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

BANDS = ("red", "green", "blue", "nir")


class TileReadError(Exception):
    pass


@dataclass(frozen=True)
class TilePixels:
    size: int
    bands: dict

    def pixels(self):
        red, green, blue, nir = (self.bands[b] for b in BANDS)
        return zip(red, green, blue, nir)


@dataclass(frozen=True)
class TileStats:
    valid_ratio: float
    cloud_fraction: float
    ndvi_mean: float | None
    checksum: str


def _parse(doc, where):
    try:
        size = int(doc["size"])
        bands = {b: list(doc["bands"][b]) for b in BANDS}
    except (KeyError, TypeError, ValueError) as exc:
        raise TileReadError(f"{where}: malformed tile document ({exc})") from exc
    if any(len(values) != size * size for values in bands.values()):
        raise TileReadError(f"{where}: band length does not match size {size}")
    return TilePixels(size=size, bands=bands)


class ArchiveReader:
    def __init__(self, root=None):
        self.root = root or settings.IMAGERY_ARCHIVE_ROOT

    def read(self, archive_key, z, x, y):
        path = self.root / archive_key / str(z) / str(x) / f"{y}.json"
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
        except FileNotFoundError as exc:
            raise TileReadError(f"{path}: missing in archive") from exc
        except (OSError, json.JSONDecodeError) as exc:
            raise TileReadError(f"{path}: {exc}") from exc
        return _parse(doc, str(path))


class SyntheticReader:
    """Deterministic pseudo-imagery, for tests and local development.

    Tiles listed in ``broken`` raise ``TileReadError`` like a corrupt archive file.
    """

    size = 16
    broken = set()

    def read(self, archive_key, z, x, y):
        if (archive_key, z, x, y) in self.broken:
            raise TileReadError(f"{archive_key}/{z}/{x}/{y}: checksum mismatch in archive")
        rng = random.Random(f"{archive_key}/{z}/{x}/{y}")
        cloudiness = rng.random() * 0.6
        bands = {b: [] for b in BANDS}
        for i in range(self.size * self.size):
            if i % self.size == 0 and rng.random() < 0.1:
                for b in BANDS:
                    bands[b].append(None)
                continue
            if rng.random() < cloudiness:
                base = 0.7 + rng.random() * 0.25
                values = (base, base, base, base * 0.9)
            else:
                red = 0.03 + rng.random() * 0.12
                values = (red, red * 1.2, red * 0.8, 0.2 + rng.random() * 0.4)
            for b, v in zip(BANDS, values):
                bands[b].append(round(v, 4))
        return TilePixels(size=self.size, bands=bands)


def get_reader():
    return import_string(settings.IMAGERY_READER)()


def tile_statistics(tile_pixels, cloud_brightness=None):
    if cloud_brightness is None:
        cloud_brightness = settings.IMAGERY_CLOUD_PIXEL_BRIGHTNESS
    total = tile_pixels.size * tile_pixels.size
    valid = cloudy = 0
    ndvi_sum = 0.0
    ndvi_count = 0
    digest = hashlib.sha256()
    for red, green, blue, nir in tile_pixels.pixels():
        if red is None or nir is None:
            digest.update(b"-")
            continue
        valid += 1
        digest.update(f"{red:.4f},{green:.4f},{blue:.4f},{nir:.4f};".encode())
        if (red + green + blue) / 3 > cloud_brightness:
            cloudy += 1
            continue
        if nir + red > 0:
            ndvi_sum += (nir - red) / (nir + red)
            ndvi_count += 1
    return TileStats(
        valid_ratio=round(valid / total, 4) if total else 0.0,
        cloud_fraction=round(cloudy / valid, 4) if valid else 1.0,
        ndvi_mean=round(ndvi_sum / ndvi_count, 4) if ndvi_count else None,
        checksum=digest.hexdigest(),
    )


def mean_brightness(tile_pixels):
    values = [(r + g + b) / 3 for r, g, b, _ in tile_pixels.pixels() if r is not None]
    return round(sum(values) / len(values), 4) if values else 0.0
