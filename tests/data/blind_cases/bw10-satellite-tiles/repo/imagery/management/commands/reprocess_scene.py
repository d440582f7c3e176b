from django.core.management.base import BaseCommand, CommandError

from imagery.jobs import process_scene
from imagery.models import Scene
from orbitgrid import queues


class Command(BaseCommand):
    help = "Queue a scene for tiling again (all missing tiles, or only the failed ones)."

    def add_arguments(self, parser):
        parser.add_argument("scene_ids", nargs="+")
        parser.add_argument("--failed-only", action="store_true")
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, scene_ids, failed_only, now, **options):
        scenes = {s.scene_id: s for s in Scene.objects.filter(scene_id__in=scene_ids)}
        missing = [sid for sid in scene_ids if sid not in scenes]
        if missing:
            raise CommandError(f"unknown scene(s): {', '.join(missing)}")
        for scene_id in scene_ids:
            scene = scenes[scene_id]
            if now:
                result = process_scene(scene.pk, only_failed=failed_only)
                self.stdout.write(f"{scene_id}: {result}")
            else:
                queues.enqueue(process_scene, scene.pk, only_failed=failed_only, queue_name=queues.TILES)
                self.stdout.write(f"{scene_id}: queued")
