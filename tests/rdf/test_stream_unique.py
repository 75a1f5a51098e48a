"""The converter's stream has no repeated quad, so N-Quads stream without a set that grows
with the output (rdf.formats.write_quads(unique=True))."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crimegraph.errors import RecordWarning
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, write_quads

ROOT = Path(__file__).resolve().parents[2]


def test_generated_corpus_stream_is_unique(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(tmp_path), "--articles", "60"], check=True)
    inputs = [tmp_path / "entities.jsonl", tmp_path / "articles.jsonl", tmp_path / "events.jsonl"]
    quads = list(Converter().quads(inputs))
    assert len(quads) == len(set(quads))
    out = tmp_path / "out.nq"
    assert write_quads(iter(quads), out, RdfFormat.nquads, unique=True) == len(quads)


def test_events_sharing_an_evidence_span_describe_it_once(tmp_path: Path) -> None:
    evidence = {"article": "a1", "text": "X was arrested.", "start": 0, "end": 15}
    records = [
        {"type": "organization", "id": "x", "name": "X", "kind": "criminal-group"},
        {"type": "event", "id": "e1", "event_type": "arrest", "targets": ["x"], "evidence": evidence},
        {"type": "event", "id": "e2", "event_type": "charge", "targets": ["x"], "evidence": evidence},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    quads = list(Converter(gazetteer=False).quads([path]))
    assert len(quads) == len(set(quads))
    spans = {q[0] for q in quads if "#char=0,15" in str(q[0])}
    assert len(spans) == 1


def test_a_repeated_record_key_is_reported(tmp_path: Path) -> None:
    record = {"type": "article", "id": "a1", "title": "One"}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(record | {"section": "Two"}) + "\n", encoding="utf-8")
    problems = []
    converter = Converter(gazetteer=False, on_problem=problems.append)
    list(converter.quads([path]))
    assert converter.stats.repeats == 1
    assert any(isinstance(p, RecordWarning) and "already described" in str(p) for p in problems)
