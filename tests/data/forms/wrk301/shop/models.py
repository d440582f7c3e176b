from django.db import models


class Order(models.Model):
    customer = models.CharField(max_length=80)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    export_job_id = models.CharField(max_length=64, blank=True)


class Tag(models.Model):
    name = models.CharField(max_length=40)
    orders = models.ManyToManyField(Order, related_name="tags")


class Note(models.Model):
    order = models.ForeignKey(Order, related_name="notes", on_delete=models.CASCADE)
    text = models.TextField()
