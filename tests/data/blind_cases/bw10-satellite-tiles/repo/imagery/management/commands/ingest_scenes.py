import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imagery.jobs import process_scene
from imagery.services import ManifestError, parse_manifest_item, register_scene
from orbitgrid import queues


class Command(BaseCommand):
    help = "Register the scenes of a provider manifest (STAC item collection) and queue them for tiling."

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--zoom", type=int, default=None, help="tile zoom level (default: IMAGERY_TILE_ZOOM)")
        parser.add_argument("--no-process", action="store_true", help="register only, do not queue tiling")

    def handle(self, *args, manifest, zoom, no_process, **options):
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"manifest {manifest} not found")
        except json.JSONDecodeError as exc:
            raise CommandError(f"manifest {manifest} is not valid JSON: {exc}")

        items = doc.get("features", []) if isinstance(doc, dict) else doc
        created = skipped = invalid = 0
        for raw in items:
            try:
                item = parse_manifest_item(raw)
            except ManifestError as exc:
                invalid += 1
                self.stderr.write(f"skipping invalid item: {exc}")
                continue
            scene, is_new = register_scene(item, zoom=zoom)
            if not is_new:
                skipped += 1
                continue
            created += 1
            if not no_process:
                queues.enqueue(process_scene, scene.pk, queue_name=queues.TILES)
        self.stdout.write(f"{created} scenes registered, {skipped} already known, {invalid} invalid")
