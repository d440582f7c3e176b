import os


def prepare_export_dir():
    os.makedirs("exports/daily", exist_ok=True)
    return "exports/daily"
