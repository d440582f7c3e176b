import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ops", "0002_reminder_payout")]

    operations = [
        migrations.CreateModel(
            name="Statement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("period", models.CharField(max_length=7)),
                ("total_cents", models.IntegerField()),
                ("payout", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ops.payout")),
            ],
        ),
        migrations.CreateModel(
            name="StockSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("stock", models.IntegerField()),
                ("sku", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ops.sku")),
            ],
        ),
    ]
