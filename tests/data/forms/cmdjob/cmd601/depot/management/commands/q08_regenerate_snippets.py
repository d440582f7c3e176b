from django.core.management.base import BaseCommand

SNIPPETS = ("waiting",)


def _render(name: str) -> None:
    # a developer tool: run from the checkout whenever a snippet's source changes
    with open(f"depot/templates/depot/snippets/{name}.txt", encoding="utf-8") as src:
        text = src.read().strip()
    with open(f"depot/templates/depot/snippets/{name}.html", "w", encoding="utf-8") as out:
        out.write(f"<p>{text}</p>\n")


class Command(BaseCommand):
    help = "Regenerate the HTML snippets from their text sources"

    def handle(self, *args, **options):
        for name in SNIPPETS:
            _render(name)
