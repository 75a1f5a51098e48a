"""What named speakers say, as statement events (crimegraph.extract.quotations): by
default, and left out on request (``ArticleExtractor(quotations=False)``,
``convert --no-quotations``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimegraph.extract import ArticleExtractor
from crimegraph.model import Article, PartialDate

TEXT = (
    "“The raid is unlikely to hurt the gang,” said Robert Muggah, founder of the Igarapé Institute. "
    "Juan Pérez told Reuters that the Sinaloa Cartel had paid him. "
    "Mexico said on Tuesday it would extradite Pedro Gómez. "
    "The police said the gang controls the port. "
    "Luis Torres was arrested in Culiacán."
)


@pytest.fixture(scope="module")
def extractors() -> dict[bool, ArticleExtractor]:
    return {flag: ArticleExtractor(quotations=flag) for flag in (False, True)}


def _statements(extractor: ArticleExtractor) -> list[tuple[list[str], str | None, str]]:
    article = Article(key="q", title="probe", text=TEXT, date=PartialDate(2020, 2, 24), language="en")
    done = next(r for r in extractor.process([article]) if isinstance(r, Article))
    return [([ref.name for role, ref in e.participants if role == "actor"], str(e.date) if e.date else None,
             e.evidence[0].text) for e in done.events if e.type == "statement"]


def test_named_speakers_make_statements_by_default(extractors: dict[bool, ArticleExtractor]) -> None:
    found = _statements(extractors[True])
    speakers = [actors for actors, _, _ in found]
    assert speakers == [["Robert Muggah"], ["Juan Pérez"], ["MX"]], found
    # the evidence is the speaker's sentence; a report's date is the statement's
    assert found[0][2].startswith("“The raid is unlikely") and found[1][2].startswith("Juan Pérez told Reuters")
    assert found[2][1] == "2020-02-18"


def test_no_statement_without_a_named_speaker_or_when_left_out(extractors: dict[bool, ArticleExtractor]) -> None:
    assert not any("police" in text for _, _, text in _statements(extractors[True]))
    assert _statements(extractors[False]) == []


def test_the_named_speaker_speaks_not_the_country_of_the_title(extractors: dict[bool, ArticleExtractor]) -> None:
    # the small parser makes "Guatemala" (the title's possessor) a second subject of "said"
    article = Article(key="m", title="probe", language="en", date=PartialDate(2020, 2, 24), text=(
        "In 2013, Carlos Mera, Guatemala’s then-director of cultural patrimony, said that nearly all of the "
        "country’s archaeological sites have had items stolen."))
    done = next(r for r in extractors[True].process([article]) if isinstance(r, Article))
    assert [[ref.name for _, ref in e.participants] for e in done.events if e.type == "statement"] == [["Carlos Mera"]]


def test_convert_cli_quotations(tmp_path: Path) -> None:
    from rdflib import Dataset
    from typer.testing import CliRunner

    from crimegraph.cli import app

    source = tmp_path / "quotes.txt"
    source.write_text("Quotes\n\nPublished February 24, 2020\n\n" + TEXT + "\n", encoding="utf-8")
    counts = {}
    for flags in (["--no-quotations"], [], ["--quotations"]):
        output = tmp_path / f"out{'-'.join(flags)}.trig"
        result = CliRunner().invoke(app, ["convert", str(source), "-o", str(output), "-q", *flags])
        assert result.exit_code == 0, result.output
        dataset = Dataset()
        dataset.parse(output, format="trig")
        counts[" ".join(flags)] = len(list(dataset.query(
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
            "PREFIX cget: <https://w3id.org/crimegraph/event-type/> "
            "SELECT ?e WHERE { GRAPH ?g { ?e sem:eventType cget:statement } }")))
    assert counts == {"--no-quotations": 0, "": 3, "--quotations": 3}


def test_convert_cli_quotations_need_the_extractor(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crimegraph.cli import app

    source = tmp_path / "quotes.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["convert", str(source), "--quotations", "--no-extract"])
    assert result.exit_code != 0
    assert "--quotations" in result.output and "--no-extract" in result.output and "Traceback" not in result.output
