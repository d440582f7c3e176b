class LedgerRouter:
    """Entries and receipts live in the ledger database; everything else in default."""

    def db_for_read(self, model, **hints):
        return "ledger" if model._meta.app_label == "books" else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if app_label == "books":
            return db == "ledger"
        return db == "default"
