from depot.exporting import export_customers


def export_helper():
    export_customers()
