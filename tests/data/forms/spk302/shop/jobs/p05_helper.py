def totals_per_region(spark, regions):
    """One total per region (called from Spark jobs)."""
    out = {}
    for region in regions:
        sales = spark.table("sales").where(f"region = '{region}'").cache()
        out[region] = (sales.count(), sales.groupBy().sum("amount").first()[0])
    return out
