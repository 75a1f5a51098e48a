"""People named by their alias alone (crimegraph.extract.aliases), in Spanish: the
English case is tests/extract/rules/named-by-an-alias-alone.yaml."""

from __future__ import annotations

from tests.extract.test_spanish import events, extract, extractor, names, who  # noqa: F401 (fixture)


def test_a_spanish_alias_alone_names_a_person(extractor) -> None:  # noqa: F811
    article = extract(extractor, "La Policía capturó a alias “Coronel” en Medellín. Alias 'El Gordo' fue detenido en Cali.")
    assert {"Coronel", "El Gordo"} <= names(article, "person")
    assert "El Gordo" not in names(article, "place")
    targets = [who(e, "target") for e in events(article, "arrest")]
    assert {"Coronel"} in targets and {"El Gordo"} in targets, targets


def test_the_alias_of_a_person_named_in_full_names_that_person(extractor) -> None:  # noqa: F811
    article = extract(extractor, "Agentes capturaron a José Arrigui, alias “El Contador”, en Medellín.")
    assert {m.entity.name for m in article.text_mentions if m.entity.kind == "person"} == {"José Arrigui"}
