from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("ops", "0003_statement_stocksnapshot")]

    operations = [
        migrations.CreateModel(
            name="SkuTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tag", models.CharField(max_length=30)),
                ("source", models.CharField(default="catalogue", max_length=20)),
                ("sku", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ops.sku")),
            ],
            options={"unique_together": {("sku", "tag")}},
        ),
        migrations.CreateModel(
            name="PriceList",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50)),
            ],
        ),
        migrations.CreateModel(
            name="PriceListEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("price_cents", models.IntegerField()),
                ("price_list", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ops.pricelist")),
                ("sku", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ops.sku")),
            ],
            options={"unique_together": {("price_list", "sku")}},
        ),
    ]
