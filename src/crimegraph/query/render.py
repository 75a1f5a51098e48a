"""Results for people: a rich table on a terminal, Markdown for notes and reports.

IRIs are shortened with crimegraph's prefixes (``cget:arrest``) and the default base of
minted IRIs (``id:organization/sinaloa-cartel``).
"""

from __future__ import annotations

import pyoxigraph as ox

from crimegraph.store.results import QueryResult


def _prefixes() -> list[tuple[str, str]]:
    from crimegraph.vocab import DEFAULT_BASE, PREFIXES

    pairs = [(prefix, str(ns)) for prefix, ns in PREFIXES.items()] + [("id", DEFAULT_BASE)]
    return sorted(pairs, key=lambda p: -len(p[1]))


def short(term: object) -> str:
    """A term as a person reads it: prefixed IRIs, literal values without quotes.

    >>> short(ox.NamedNode("https://w3id.org/crimegraph/event-type/arrest"))
    'cget:arrest'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _prefixes():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _cells(result: QueryResult) -> tuple[list[str], list[list[str]]]:
    if result.kind == "ask":
        return ["result"], [["true" if result.boolean else "false"]]
    return result.variables, [[short(s.get(v)) for v in result.variables] for s in result.solutions]


def render_table(result: QueryResult) -> None:
    """A table when it fits the terminal; otherwise one block per row (like psql's
    expanded display), so that long labels stay readable on a narrow screen."""
    from rich.console import Console
    from rich.table import Table

    head, rows = _cells(result)
    console = Console(highlight=False)
    natural = sum(max([len(h)] + [len(r[i]) for r in rows]) + 3 for i, h in enumerate(head)) + 1
    if natural <= console.width or len(head) <= 2:
        table = Table(*head, show_lines=False)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:
        for number, row in enumerate(rows, start=1):
            block = Table.grid(padding=(0, 2))
            block.add_column(style="bold", no_wrap=True)
            block.add_column(overflow="fold")
            for name, value in zip(head, row):
                if value:
                    block.add_row(name, value)
            console.rule(f"row {number}", style="dim", align="left")
            console.print(block)
    console.print(f"{len(rows)} row(s)", style="dim")


def render_markdown(result: QueryResult) -> str:
    """A GitHub-flavoured Markdown table; ``|`` and line breaks in cells are escaped."""
    head, rows = _cells(result)

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")

    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
