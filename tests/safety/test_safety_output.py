"""No output is ever half-written, and any record a user can write either converts to
a graph that parses back and conforms, or gets a clear error."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from crimegraph.errors import CrimegraphError
from crimegraph.convert import convert
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.validate import validate_graph


def test_ctrl_c_leaves_previous_output_intact(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("w") as fh:
        for i in range(400_000):
            fh.write(json.dumps({"type": "organization", "name": f"Group {i}", "kind": "criminal-group",
                                 "aliases": [f"G{i}", f"Grupo {i}"]}) + "\n")
    out = tmp_path / "out.nt"
    out.write_text("previous output\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "crimegraph", "convert", str(big), "-o", str(out), "--no-gazetteer"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # as at a terminal: a suite started in the background of a non-interactive shell
        # ignores SIGINT, and an ignored signal stays ignored in the children it starts
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.nt.*.crimegraph-tmp")):  # wait until it is writing
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the conversion never started writing"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert out.read_text() == "previous output\n"
    assert not list(tmp_path.glob("*.crimegraph-tmp"))


def test_failure_while_writing_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"

    def quads():
        result = convert([Path(__file__).parents[2] / "data" / "examples" / "seed-entities.yaml"])
        yield from result.quads
        raise OSError("disk full")

    try:
        write_quads(quads(), out, RdfFormat.ntriples)
    except OSError:
        pass
    assert not out.exists() and not list(tmp_path.iterdir())


text = st.text(min_size=1, max_size=60).filter(lambda s: s.strip())
records = st.fixed_dictionaries({
    "type": st.just("organization"),
    "name": text,
    "kind": st.sampled_from(["criminal-group", "government-body", "ngo", "organization"]),
    "aliases": st.lists(text, max_size=3),
    "description": st.text(max_size=200),
})
events = st.fixed_dictionaries({
    "type": st.just("event"),
    "event_type": st.sampled_from(["arrest", "killing", "agreement"]),
    "label": text,
    "date": st.dates().map(lambda d: d.isoformat()),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records, min_size=1, max_size=4), st.lists(events, max_size=2))
def test_any_records_convert_to_a_conforming_graph_or_a_clear_error(tmp_path_factory, orgs, evs) -> None:
    folder = tmp_path_factory.mktemp("prop")
    for ev in evs:
        ev["actors"] = [f"organization:{orgs[0]['name']}"]
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in orgs + evs), encoding="utf-8")
    result = convert([path], gazetteer=False)
    for problem in result.problems:
        assert isinstance(problem, CrimegraphError) and str(problem)
    out = folder / "out.nq"
    write_quads(result.quads, out, RdfFormat.nquads)
    back = Dataset().parse(out, format="nquads")
    got = {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in back.quads((None, None, None, None))}
    assert got == set(result.quads)
    if result.quads:
        report = validate_graph(back)
        assert not report.violations, report.as_text()
