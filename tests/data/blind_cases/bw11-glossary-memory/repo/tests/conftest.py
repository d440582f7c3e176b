import pytest

from glossary.models import Client, Glossary, Term
from memory.models import Document, TranslationUnit
from memory.segmentation import SegmentAnalyzer


@pytest.fixture
def client_acme(db):
    return Client.objects.create(code="acme", name="ACME Maschinenbau GmbH")


@pytest.fixture
def glossary(client_acme):
    return Glossary.objects.create(client=client_acme, name="Product terms", source_language="en", target_language="de")


@pytest.fixture
def add_term(glossary):
    def _add(source, target, **kwargs):
        return Term.objects.create(glossary=glossary, source_term=source, target_term=target, **kwargs)
    return _add


@pytest.fixture
def add_unit(client_acme):
    def _add(source, target, client=None, source_language="en", target_language="de"):
        analyzed = SegmentAnalyzer(source_language).analyze(source)
        return TranslationUnit.objects.create(
            client=client or client_acme, source_language=source_language, target_language=target_language,
            source_text=source, target_text=target, source_hash=analyzed.source_hash,
        )
    return _add


@pytest.fixture
def make_document(client_acme):
    def _make(text, name="manual.txt", client=None, **kwargs):
        kwargs.setdefault("source_language", "en")
        kwargs.setdefault("target_language", "de")
        return Document.objects.create(client=client or client_acme, name=name, source_text=text, **kwargs)
    return _make
