from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Booking",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("pet_name", models.CharField(max_length=80)),
                ("chip_number", models.CharField(max_length=20)),
                ("status", models.CharField(choices=[("requested", "Requested"), ("confirmed", "Confirmed"),
                                                     ("rejected", "Rejected")], default="requested", max_length=12)),
                ("vaccinated", models.BooleanField(null=True)),
            ],
        ),
        migrations.CreateModel(
            name="TaskRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=80)),
                ("ok", models.BooleanField(default=True)),
                ("error", models.TextField(blank=True)),
            ],
        ),
    ]
