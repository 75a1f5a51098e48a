"""A small SPARQL tokenizer: enough to find where a query's WHERE group opens, to read
its form (SELECT, ASK, CONSTRUCT, DESCRIBE) and to add a VALUES block of bound
parameters there. Strings, IRIs and comments are skipped, so a brace inside them is
never taken for structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from crimegraph.errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<punct>[{}()])
  | (?P<other>\S)
    """,
    re.X,
)

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


def tokens(query: str) -> Iterator[Token]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind == "comment":
            continue
        yield Token(kind, match.group(), match.start(), match.end())


def keywords(text: str) -> list[str]:
    """The bare words of a query in upper case: not variables (``?from``), not parts of
    prefixed names (``ex:from``, ``from:x``), blank node labels or language tags, not
    inside strings, IRIs or comments.

    >>> keywords('SELECT ?from WHERE { ?from ex:from "FROM" } # FROM')
    ['SELECT', 'WHERE']
    """
    words: list[str] = []
    previous = None
    items = list(tokens(text))
    for index, token in enumerate(items):
        if token.kind == "word":
            # a variable (?x $x), the local part of a prefixed name (ex:x), a language tag
            # ("…"@x); nothing else, so that `?o .SERVICE` still counts (when in doubt,
            # a word is a keyword: a SERVICE is refused, never let through)
            glued_before = previous is not None and previous.end == token.start and previous.text in ("?", "$", ":", "@")
            following = items[index + 1] if index + 1 < len(items) else None
            glued_after = following is not None and following.start == token.end and following.text == ":"
            if not glued_before and not glued_after:
                words.append(token.text.upper())
        previous = token
    return words


def names_dataset(query: str) -> bool:
    """True if the query names its RDF dataset (``FROM`` or ``FROM NAMED``): then it runs
    on exactly those graphs, not on the union of the store's graphs.

    In a SPARQL query the word FROM is a keyword only in a dataset clause.

    >>> names_dataset("SELECT (COUNT(*) AS ?n) FROM <http://example.org/none> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("PREFIX from: <http://ex/> SELECT ?from WHERE { ?from from:x 'FROM' }")
    False
    """
    return "FROM" in keywords(query)


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> query_form("PREFIX a: <x:> # SELECT\\nASK { ?s ?p ?o }")
    'ASK'
    """
    for token in tokens(query):
        if token.kind == "word" and token.text.upper() in FORMS:
            return token.text.upper()
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE found")


def where_group_start(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group.

    >>> q = 'SELECT ?s WHERE { ?s ?p "{" }'
    >>> q[:where_group_start(q)]
    'SELECT ?s WHERE {'
    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_group_start(q):]
    ' ?s ?p ?o }'
    """
    form_seen = False
    form = ""
    depth_paren = depth_brace = 0
    template_done = False
    for token in tokens(query):
        upper = token.text.upper()
        if not form_seen:
            if token.kind == "word" and upper in FORMS:
                form_seen, form = True, upper
            continue
        if token.kind == "punct":
            if token.text == "(":
                depth_paren += 1
            elif token.text == ")":
                depth_paren -= 1
            elif token.text == "{" and depth_paren == 0 and depth_brace == 0:
                if form == "CONSTRUCT" and not template_done:
                    depth_brace += 1  # the template
                    continue
                return token.end
            elif token.text == "{":
                depth_brace += 1
            elif token.text == "}":
                depth_brace -= 1
                if form == "CONSTRUCT" and depth_brace == 0:
                    template_done = True
        elif token.kind == "word" and upper == "WHERE" and depth_paren == 0 and depth_brace == 0:
            template_done = True
    raise QueryError("cannot find the WHERE group of the query to bind parameters in")


def term_text(term: ox.NamedNode | ox.Literal) -> str:
    """A term in SPARQL syntax, escaped by pyoxigraph (N-Triples form), never raw input."""
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    return str(term)


def values_block(bindings: dict[str, list[ox.NamedNode | ox.Literal]]) -> str:
    r"""``VALUES (?a ?b) { (… …) … }`` with one row per combination of the values.

    >>> values_block({"x": [ox.Literal('a"} UNION {')]})
    ' VALUES (?x) { ("a\\"} UNION {") } '
    """
    names = list(bindings)
    rows: list[list[str]] = [[]]
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"{name!r} is not a valid parameter name (letters, digits, _)")
        rows = [row + [term_text(t)] for row in rows for t in bindings[name]]
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f" VALUES ({head}) {{ {body} }} "


def bind_values(query: str, bindings: dict[str, list[ox.NamedNode | ox.Literal]]) -> str:
    """The query with a VALUES block for ``bindings`` at the start of its WHERE group,
    on the same line (line numbers of syntax errors stay right)."""
    if not bindings:
        return query
    at = where_group_start(query)
    return query[:at] + values_block(bindings) + query[at:]


def has_limit(query: str) -> bool:
    """True if the outermost query ends with a LIMIT clause."""
    depth = 0
    last_limit_depth0 = False
    for token in tokens(query):
        if token.kind == "punct" and token.text in "{(":
            depth += 1
        elif token.kind == "punct" and token.text in "})":
            depth -= 1
        elif token.kind == "word" and token.text.upper() == "LIMIT" and depth == 0:
            last_limit_depth0 = True
    return last_limit_depth0


def with_limit(query: str, limit: int) -> str:
    """Append ``LIMIT n`` (an int, checked) unless the query has its own."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
    if has_limit(query) or query_form(query) == "ASK":
        return query
    return f"{query.rstrip()}\nLIMIT {limit}\n"


_CONDITION = re.compile(r"#\s*(if|unless)\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")


def select_lines(query: str, given: set[str]) -> str:
    r"""Keep a line ending in ``#if NAME`` only when the parameter NAME is given, and one
    ending in ``#unless NAME`` only when it is not. The choice depends on *whether* a
    value is given, never on the value, which is bound in VALUES; a removed line becomes
    empty, so line numbers stay right.

    >>> select_lines("?e cg:actor ?actor .  #if actor\nOPTIONAL { ?e cg:actor ?actor }  #unless actor", set())
    '\nOPTIONAL { ?e cg:actor ?actor }  #unless actor'
    """
    out = []
    for line in query.split("\n"):
        match = _CONDITION.search(line)
        if match and "#" in line:
            wanted = match.group(2) in given
            if (match.group(1) == "if") != wanted:
                line = ""
        out.append(line)
    return "\n".join(out)
