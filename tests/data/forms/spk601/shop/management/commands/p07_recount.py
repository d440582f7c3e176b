from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Recount the tags."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("recount").getOrCreate()
        posts = spark.table("posts")
        tags = spark.table("tags")
        counts = posts.rdd.map(lambda p: (p.id, tags.where(tags.post_id == p.id).count()))
        self.stdout.write(str(counts.count()))
