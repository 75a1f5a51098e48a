"""Where the time of who-did-what-where's place forms goes (issue 4), on a store that
bench_store.py built (or any crimegraph store with its data).

Takes the query text as crimegraph.query prepares it (planner included) for the two
place cases of bench_store.py, removes or rewrites one part at a time, and times each
variant with pyoxigraph directly (every term of every row read back, as
``LocalStore.query`` does), interleaved, median of ``--repeats``. Each variant is
marked SAME (same rows in the same order as the prepared query), SET (same rows, other
order) or DIFF (a part of the answer removed on purpose: these only measure a cost).

    python bench/place_parts.py /tmp/work/store-5m --repeats 11
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from typing import Any, Callable

CASES = {
    "place+type+year": {"place": "Mexico", "type": "arrest", "from": "2005", "to": "2005"},
    "place+years": {"place": "Sinaloa", "from": "2010", "to": "2011"},
}
LOOKUPS = ("OPTIONAL { ?event rdfs:label", "OPTIONAL { ?event cg:actor", "OPTIONAL { ?event cg:target", "OPTIONAL { ?eventPlace rdfs:label")
PATH = "?eventPlace schema:containedInPlace* ?place . ?event sem:hasPlace ?eventPlace ."


def strip(text: str) -> str:
    return "\n".join(re.sub(r"\s+#\s*(if|unless)\b.*$", "", line) for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#"))


def drop(text: str, *parts: str) -> str:
    return "\n".join(line for line in text.splitlines() if not any(p in line for p in parts))


def split(text: str) -> tuple[list[str], str, list[str], list[str]]:
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("WHERE"))
    j = max(k for k, line in enumerate(lines) if line.strip() == "}")
    return lines[:i], lines[i], lines[i + 1:j], lines[j + 1:]


def core(text: str, dates: bool = False) -> str:
    head, where, body, _ = split(text)
    dated = ("FILTER", "BIND", "TimeStamp")
    keep = [line for line in body if not any(p in line for p in LOOKUPS) and (dates or not any(p in line for p in dated))]
    prologue = [line for line in head if line.startswith("PREFIX")]
    return "\n".join(prologue + ["SELECT ?event ?date" if dates else "SELECT ?event", where] + keep + ["}"])


def sub_select(text: str) -> str:
    head, where, body, tail = split(text)
    inner = [line for line in body if not any(p in line for p in LOOKUPS)]
    outer = [line for line in body if any(p in line for p in LOOKUPS)]
    return "\n".join(head + ["WHERE {", "{ SELECT ?event ?eventType ?eventPlace ?date", where] + inner + ["} }"] + outer + ["}"] + tail)


def variants(db: Any) -> list[tuple[str, Callable[[str], str]]]:
    def places(text: str) -> list[str]:
        m = re.search(r"VALUES \(([^)]*)\) \{ \((.*?)\)", text)
        assert m
        names = m.group(1).split()
        values = re.findall(r'<[^>]*>|"[^"]*"\^\^<[^>]*>', m.group(2))
        place = values[names.index("?place")]
        found = db.query(f"SELECT DISTINCT ?p WHERE {{ ?p <http://schema.org/containedInPlace>* {place} }}", use_default_graph_as_union=True)
        return [str(s["p"]) for s in found]

    def place_values(text: str) -> str:
        return text.replace(PATH, f"VALUES ?eventPlace {{ {' '.join(places(text))} }} ?event sem:hasPlace ?eventPlace .")

    def place_in(text: str) -> str:
        return text.replace(PATH, f"?event sem:hasPlace ?eventPlace . FILTER (?eventPlace IN ({', '.join(places(text))}))")

    def no_labels(text: str) -> str:
        text = drop(text, "OPTIONAL { ?event rdfs:label", "OPTIONAL { ?eventPlace rdfs:label")
        return text.replace(" OPTIONAL { ?actor rdfs:label ?actorName }", "").replace(" OPTIONAL { ?target rdfs:label ?targetName }", "")

    def count(text: str) -> str:
        head, where, body, _ = split(text)
        prologue = [line for line in head if line.startswith("PREFIX")]
        select = [line for line in head if line.startswith("SELECT")]
        return "\n".join(prologue + ["SELECT (COUNT(*) AS ?n) WHERE { {"] + select + [where] + body + ["} } }"])

    return [
        ("as prepared", lambda t: t),
        ("no DISTINCT", lambda t: t.replace("SELECT DISTINCT", "SELECT")),
        ("no ORDER BY", lambda t: drop(t, "ORDER BY")),
        ("no DISTINCT, no ORDER BY", lambda t: drop(t, "ORDER BY").replace("SELECT DISTINCT", "SELECT")),
        ("COUNT(*) of it, no ORDER BY (nothing read back)", lambda t: count(drop(t, "ORDER BY"))),
        ("no label look-ups", no_labels),
        ("no actor/target (nested OPTIONALs)", lambda t: drop(t, "OPTIONAL { ?event cg:actor", "OPTIONAL { ?event cg:target")),
        ("no date FILTERs", lambda t: drop(t, "FILTER")),
        ("no dates at all", lambda t: drop(t, "FILTER", "BIND", "TimeStamp")),
        ("no year key (years VALUES unused)", lambda t: drop(t, "?event cg:year ?year")),
        ("events only (?event)", core),
        ("events + dates and filters", lambda t: core(t, True)),
        ("places as VALUES, not the path", place_values),
        ("places as FILTER IN, not the path", place_in),
        ("look-ups after a sub-select of the events", sub_select),
        ("sub-select + places FILTER IN", lambda t: sub_select(place_in(t))),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", help="a crimegraph store folder (e.g. the store-5m of bench_store.py --workdir)")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)

    import crimegraph.query as q
    from crimegraph.store import LocalStore

    store = LocalStore(args.store)
    db = store.db

    def rows(text: str) -> list[tuple]:
        answer = db.query(text, use_default_graph_as_union=True)
        names = [v.value for v in answer.variables]
        return [tuple(s[n] for n in names) for s in answer]

    for case, params in CASES.items():
        prepared = strip(q.prepare(store, "who-did-what-where", params).text)
        texts = [(name, make(prepared)) for name, make in variants(db)]
        reference = rows(prepared)
        marks = {}
        for name, text in texts:
            got = rows(text)
            marks[name] = "SAME" if got == reference else "SET" if sorted(map(str, got)) == sorted(map(str, reference)) else "DIFF"
        times: dict[str, list[float]] = {name: [] for name, _ in texts}
        for _ in range(args.repeats):
            for name, text in texts:
                start = time.perf_counter()
                rows(text)
                times[name].append((time.perf_counter() - start) * 1000)
        print(f"\n{case}: {params} ({len(reference)} rows), median of {args.repeats} ms, interleaved")
        for name, _ in texts:
            print(f"  {name:<48} {statistics.median(times[name]):8.1f}  {marks[name]}")
    # unit costs: the events of 2010-2011 by their year key (an index scan), each looked
    # up once more (one index look-up per event), each IRI read back (one string look-up)
    prologue = "PREFIX cg: <https://w3id.org/crimegraph/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
    years = "VALUES ?year { 2010 2011 } ?event cg:year ?year ."
    units = [("count the events of 2010-2011 (index scan)", f"SELECT (COUNT(*) AS ?n) {{ {years} }}"),
             ("same + one look-up per event (sem:hasPlace)", f"SELECT (COUNT(*) AS ?n) {{ {years} ?event sem:hasPlace ?p }}"),
             ("read back every event IRI", f"SELECT ?event {{ {years} }}")]
    n = int(next(iter(db.query(prologue + units[0][1], use_default_graph_as_union=True)))["n"].value)
    print(f"\nunit costs, {n} events, median of {args.repeats} ms")
    for name, text in units:
        times_ = []
        for _ in range(args.repeats + 1):
            start = time.perf_counter()
            rows(prologue + text)
            times_.append((time.perf_counter() - start) * 1000)
        ms = statistics.median(times_[1:])
        print(f"  {name:<48} {ms:8.1f}  ({ms * 1000 / n:.1f} µs per event)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
