"""The embedded store: loading replaces article graphs, merges the rest, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.errors import InputError, StoreError
from crimegraph.store import LocalStore, open_store, rdf_source
from crimegraph.store.stats import collect_stats

ARTICLE_GRAPH = "https://w3id.org/crimegraph/id/graph/article/insightcrime-2019-10-17-battle-of-culiacan"
ENTITIES = "https://w3id.org/crimegraph/id/graph/entities"
ARTICLE = "https://w3id.org/crimegraph/id/article/insightcrime-2019-10-17-battle-of-culiacan"
HEADLINE = "http://schema.org/headline"

runner = CliRunner()


def quads_of(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def edit_article(source: Path, target: Path) -> Path:
    """The same data, with the test article's headline changed and one mention removed;
    the entities graph loses a triple (a merge must keep it)."""
    lines = []
    for line in quads_of(source):
        if line.startswith(f"<{ARTICLE}> <{HEADLINE}>"):
            line = line.replace('"Battle of Culiacán"', '"Culiacán, the day after"')
        if line.startswith(f"<{ARTICLE}> <http://schema.org/mentions> <https://w3id.org/crimegraph/id/organization/zetas>"):
            continue
        if "<https://w3id.org/crimegraph/id/organization/notimex> <http://www.w3.org/2000/01/rdf-schema#label>" in line:
            continue
        lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def ask(store: LocalStore, pattern: str) -> bool:
    return bool(store.query(f"ASK {{ {pattern} }}").boolean)


def test_load_twice_keeps_one_copy(tmp_path: Path, corpus_nquads: Path) -> None:
    store = LocalStore(tmp_path / "s", create=True)
    first = store.load([rdf_source(corpus_nquads)])
    assert first.triples_after == len(set(quads_of(corpus_nquads)))
    second = store.load([rdf_source(corpus_nquads)])
    assert second.triples_after == first.triples_after
    assert second.graphs_replaced == 2 and second.graphs_merged == 2


def test_reloading_an_article_replaces_its_graph_and_merges_entities(tmp_path: Path, corpus_nquads: Path) -> None:
    store = LocalStore(tmp_path / "s", create=True)
    store.load([rdf_source(corpus_nquads)])
    store.load([rdf_source(edit_article(corpus_nquads, tmp_path / "edited.nq"))])
    assert ask(store, f'<{ARTICLE}> <{HEADLINE}> "Culiacán, the day after"@en')
    assert not ask(store, f'<{ARTICLE}> <{HEADLINE}> "Battle of Culiacán"@en'), "stale fact left in the article graph"
    assert not ask(store, f"<{ARTICLE}> <http://schema.org/mentions> <https://w3id.org/crimegraph/id/organization/zetas>")
    # the entities graph is merged: the label the new load lacks is still there, once
    count = store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITIES}> {{ <https://w3id.org/crimegraph/id/organization/notimex> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    ).rows()[0]["n"]
    assert count == 1
    headlines = store.query(f"SELECT ?h WHERE {{ GRAPH <{ARTICLE_GRAPH}> {{ <{ARTICLE}> <{HEADLINE}> ?h }} }}").rows()
    assert [r["h"] for r in headlines] == ["Culiacán, the day after"]


def test_a_bad_file_loads_nothing(tmp_path: Path, corpus_nquads: Path, example_nquads: Path) -> None:
    store = LocalStore(tmp_path / "s", create=True)
    store.load([rdf_source(example_nquads)])
    before = store.triple_count()
    broken = tmp_path / "broken.nq"
    broken.write_text("<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> \"unterminated .\n")
    with pytest.raises(InputError, match=r"broken.nq.*line 2|broken.nq.*2:"):
        store.load([rdf_source(corpus_nquads), rdf_source(broken)])
    assert store.triple_count() == before
    assert not ask(store, f"<{ARTICLE}> ?p ?o")


def test_a_load_failing_at_the_last_moment_leaves_the_previous_state(
    tmp_path: Path, corpus_nquads: Path, example_nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalStore(tmp_path / "s", create=True)
    store.load([rdf_source(example_nquads)])
    before = store.triple_count()

    def crash(self: LocalStore, work: ox.Store) -> None:
        assert len(work) > before  # the copy really was filled
        raise KeyboardInterrupt

    monkeypatch.setattr(LocalStore, "_before_publish", crash)
    with pytest.raises(KeyboardInterrupt):
        store.load([rdf_source(corpus_nquads)])
    reopened = LocalStore(tmp_path / "s")
    assert reopened.triple_count() == before
    assert not ask(reopened, f"<{ARTICLE}> ?p ?o")
    assert not [p for p in (tmp_path / "s").iterdir() if p.name.startswith(".staging")]


def test_a_failing_bulk_load_leaves_the_previous_state(
    tmp_path: Path, corpus_nquads: Path, example_nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalStore(tmp_path / "s", create=True)
    store.load([rdf_source(example_nquads)])
    before = store.triple_count()
    opened: list[_FailingSecondBulkLoad] = []

    def open_work(self: LocalStore, staging: Path) -> _FailingSecondBulkLoad:
        opened.append(_FailingSecondBulkLoad(ox.Store(str(staging))))
        return opened[-1]

    monkeypatch.setattr(LocalStore, "_open_work", open_work)
    with pytest.raises(StoreError, match="unchanged"):
        store.load([rdf_source(corpus_nquads), rdf_source(example_nquads)])
    assert opened and opened[0].calls == 1 and len(opened[0]) > before  # data really went in before the failure
    assert LocalStore(tmp_path / "s").triple_count() == before
    assert not ask(LocalStore(tmp_path / "s"), f"<{ARTICLE}> ?p ?o")


class _FailingSecondBulkLoad:
    """A pyoxigraph store whose bulk load fails after writing (a full disk)."""

    def __init__(self, store: ox.Store) -> None:
        self._store, self.calls = store, 0

    def load(self, **kwargs: object) -> None:
        self.calls += 1
        self._store.load(**kwargs)
        raise OSError("No space left on device")

    bulk_load = load

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store)


def test_a_bulk_load_is_compacted_before_it_is_published(
    tmp_path: Path, corpus_nquads: Path, example_nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk loader's new files are compacted into one run (the queries' look-ups are
    several times faster, bench/README.md); a small load goes through the write path and
    is left to RocksDB. The data is the same either way."""
    import crimegraph.store.local as local

    compacted: list[int] = []

    class Spy:
        def __init__(self, store: ox.Store) -> None:
            self._store = store

        def optimize(self) -> None:
            compacted.append(len(self._store))
            self._store.optimize()

        def __getattr__(self, name: str) -> object:
            return getattr(self._store, name)

    monkeypatch.setattr(LocalStore, "_open_work", lambda self, staging: Spy(ox.Store(str(staging))))
    small = LocalStore(tmp_path / "small", create=True)
    small.load([rdf_source(corpus_nquads)])
    assert compacted == []
    monkeypatch.setattr(local, "SMALL_BYTES", 0)
    bulk = LocalStore(tmp_path / "bulk", create=True)
    bulk.load([rdf_source(corpus_nquads)])
    assert compacted == [bulk.triple_count()]
    everything = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
    assert bulk.query(everything).rows() == small.query(everything).rows()


def test_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*crimegraph load FILES --store"):
        LocalStore(tmp_path / "none")
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "Traceback" not in result.output


def test_not_a_store_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a crimegraph store"):
        LocalStore(tmp_path / "full", create=True)


def test_read_only_store_sees_new_generations(tmp_path: Path, corpus_nquads: Path, example_nquads: Path) -> None:
    writer = LocalStore(tmp_path / "s", create=True)
    writer.load([rdf_source(example_nquads)])
    reader = LocalStore.open_read_only(tmp_path / "s")
    before = reader.triple_count()
    writer.load([rdf_source(corpus_nquads)])
    assert reader.triple_count() > before
    with pytest.raises(StoreError, match="read-only"):
        reader.load([rdf_source(example_nquads)])


def test_query_sees_the_union_of_named_graphs(loaded_store: LocalStore) -> None:
    # the article (article graph) and its events (dataset graph) join without GRAPH
    rows = loaded_store.query(
        "SELECT ?h WHERE { ?e <https://w3id.org/crimegraph/ontology#reportedIn> ?a . ?a <http://schema.org/headline> ?h }"
    ).rows()
    assert {"Battle of Culiacán", "UNODC to Set Up Liaison Office in Mexico"} <= {r["h"] for r in rows}


def test_stats(loaded_store: LocalStore) -> None:
    stats = collect_stats(loaded_store)
    assert stats.articles == 2
    assert stats.article_graphs == 2 and stats.named_graphs == 4
    assert stats.entities["criminal groups"] == 2 and stats.entities["persons"] == 3
    assert stats.entities["cities"] == 4 and stats.entities["countries"] == 3
    assert stats.events == 10 and stats.events_by_type["clash"] == 1
    assert stats.event_dates == ("2012-06", "2020-02")
    assert stats.article_dates == ("2012-10-16", "2019-10-17")
    assert stats.triples == loaded_store.triple_count()
    text = stats.as_text()
    assert "criminal groups" in text and "2012-06 … 2020-02" in text


def test_cli_load_stats_and_convert_store(tmp_path: Path, corpus_nquads: Path) -> None:
    store = tmp_path / "cli-store"
    result = runner.invoke(app, ["load", str(corpus_nquads), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert re.search(r"2 article graph\(s\) replaced", result.output)
    result = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert result.exit_code == 0 and '"articles": 2' in result.output
    converted = tmp_path / "converted-store"
    from tests.conftest import example_inputs

    result = runner.invoke(app, ["convert", *map(str, example_inputs()), "--store", str(converted), "--no-extract"])
    assert result.exit_code == 0, result.output
    from crimegraph.convert import convert

    expected = {(s, p, o) for s, p, o, _ in convert(example_inputs()).quads}
    assert LocalStore(converted).triple_count() == len(expected)
    assert open_store(converted).query("ASK { ?a a <http://schema.org/NewsArticle> }").boolean


def test_load_refuses_unknown_formats_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    result = runner.invoke(app, ["load", str(tmp_path / "x.txt"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "cannot tell the RDF format" in result.output
    result = runner.invoke(app, ["load", str(tmp_path / "nope.nq"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_triples_go_to_the_graph_asked_for(tmp_path: Path) -> None:
    ttl = tmp_path / "a.ttl"
    ttl.write_text("<http://ex.org/a> <http://ex.org/p> 'x' .\n")
    store = LocalStore(tmp_path / "s", create=True)
    store.load([rdf_source(ttl, graph="http://ex.org/graph/one")])
    assert store.named_graphs() == ["http://ex.org/graph/one"]


def test_rdflib_view_through_oxrdflib(loaded_store: LocalStore) -> None:
    from rdflib import URIRef

    dataset = loaded_store.rdflib_dataset()
    zetas = URIRef("https://w3id.org/crimegraph/id/organization/zetas")
    labels = set(dataset.objects(zetas, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert {str(label) for label in labels} == {"Los Zetas"}
    assert len(list(dataset.quads((None, None, None, None)))) == loaded_store.triple_count()
