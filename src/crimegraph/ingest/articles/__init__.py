"""News articles to :class:`~crimegraph.model.Article`: page text, scraped JSON Lines, HTML.

Three readers, one module each, registered as input sources (the names are ``convert
--from`` values); what they share (site furniture, the metadata line, authors, countries,
keys) is :mod:`~crimegraph.ingest.articles.common`:

``text`` (:mod:`~crimegraph.ingest.articles.page_text`)
    Page text as saved from InSight Crime (``.txt``): breadcrumb, section ("BRIEF"),
    title, a metadata line ``MEXICO / 16 OCT 2012 BY INSIGHT CRIME EN``, the body, then
    site furniture and teasers of other articles, which are cut off (the markers are
    data: ``data/ingest/insightcrime.yaml``). A saved page has no URL: its IRI comes from
    publisher, date and title (``insightcrime-2012-10-16-unodc-to-set-up-liaison-office-in-mexico``,
    :func:`crimegraph.model.article_key`): from what the page says, so the same article
    saved twice, under any file name, and its record gets the same IRI. The byline "BY INSIGHT CRIME" names the newsroom, not a
    person: such an article has no authors, and InSight Crime as its publisher.
    A page without a recognisable metadata line is still read, with a warning: its
    title is the first line, its key the slug of the title, and it has no date,
    authors, publisher or countries.

``insightcrime-jsonl`` (:mod:`~crimegraph.ingest.articles.scraped`)
    One scraped article a line (``id, url, title, date, author, type, tags, content``),
    as in ``../shared/corpus/insightcrime-2020-dev.jsonl``. The content breaks a line
    at every link; :func:`rejoin_lines` puts such sentences back together, and the
    share rows, "SEE ALSO" links, image credits, comment form and reuse notice are
    dropped. The IRI comes from the canonical URL; the record ``id`` is kept as the
    article's ``dcterms:identifier``. The file is streamed by the JSON Lines reader
    of :mod:`crimegraph.ingest.records`; a bad line is a :class:`RecordError` naming
    file and line; the other lines are still read. ``.jsonl`` files whose first record
    looks like this are recognised without ``--from``.

``html`` (:mod:`~crimegraph.ingest.articles.html_page`)
    An article page (``.html``), read by trafilatura: main text and metadata (title,
    date, authors, canonical URL). The page is handed over as a string, so nothing is
    fetched; scripts, styles, navigation and footers do not reach the text. The IRI
    comes from the canonical URL when the page has one, else as for ``text``.

Every reader gives the text the same form (:func:`crimegraph.model.normalize_text`), and
every URL its canonical form (:func:`crimegraph.iri.canonical_url`; a malformed one is a
:class:`RecordError` or :class:`InputError` naming file, line and field ``url``).

Every article's language is detected from its text (:mod:`crimegraph.ingest.language`);
an article in a language the extraction is not made for (or whose language cannot be
told) is converted with a warning naming file and line.
An article without a date is converted without one: the extractor then cannot resolve
relative dates ("last week") in it. Empty articles, binary files and invalid UTF-8 are
errors naming the file (and line and column), never crashes.

>>> rejoin_lines(["It rose, according to the most", "recent report", "by MAAP", ".", "Next one."])
['It rose, according to the most recent report by MAAP.', 'Next one.']
"""

from __future__ import annotations

from crimegraph.ingest.articles.common import furniture, split_authors
from crimegraph.ingest.articles.html_page import parse_html, read_html
from crimegraph.ingest.articles.page_text import parse_page_text, read_page_text
from crimegraph.ingest.articles.scraped import clean_scraped, read_scraped_jsonl, rejoin_lines, scraped_article
from crimegraph.ingest.language import detect_language

__all__ = [
    "clean_scraped",
    "detect_language",
    "furniture",
    "parse_html",
    "parse_page_text",
    "read_html",
    "read_page_text",
    "read_scraped_jsonl",
    "rejoin_lines",
    "scraped_article",
    "split_authors",
]
