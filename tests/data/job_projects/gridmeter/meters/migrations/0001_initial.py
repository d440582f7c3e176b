from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Meter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ean", models.CharField(max_length=18, unique=True)),
                ("active", models.BooleanField(default=True)),
                ("owner_email", models.EmailField(blank=True, max_length=254)),
            ],
        ),
        migrations.CreateModel(
            name="Reading",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("kwh", models.DecimalField(decimal_places=3, max_digits=10)),
                ("meter", models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="readings",
                                            to="meters.meter")),
            ],
        ),
        migrations.CreateModel(
            name="UsageAlert",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("kwh", models.DecimalField(decimal_places=3, max_digits=10)),
                ("owner_email_sent_at", models.DateTimeField(blank=True, null=True)),
                ("meter", models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="alerts",
                                            to="meters.meter")),
            ],
        ),
        migrations.AddConstraint(
            model_name="reading",
            constraint=models.UniqueConstraint(fields=("meter", "day"), name="one_reading_per_meter_day"),
        ),
    ]
