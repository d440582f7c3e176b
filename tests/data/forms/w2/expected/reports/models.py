import csv

from django.db import models


class Report(models.Model):
    name = models.CharField(max_length=80)
    path = models.CharField(max_length=200, blank=True)

    def write_csv(self, rows):
        with open(self.path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerows(rows)
