"""Where and when a Spanish event happened: the place its sentence introduces with "en",
and the dates of its sentence ("el pasado martes", "el 15 de febrero", "ayer")
normalised against the publication date, each given to the trigger whose phrase owns it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crimegraph.extract.dates import normalize
from crimegraph.extract.gazetteer import Known
from crimegraph.extract.mentions import MentionTable
from crimegraph.extract.spanish_lexicon import lemma_of, lexicon
from crimegraph.iri import normalize_name
from crimegraph.model import PartialDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def sentence_place(sentence: Span, table: MentionTable) -> Known | None:
    """The first place of the sentence introduced by "en" ("en la colonia Eréndira",
    "En Tijuana, …")."""
    doc = sentence.doc
    for mention in sorted({id(m): m for m in (table.at(t.i) for t in sentence) if m is not None}.values(),
                          key=lambda m: m.start):
        if mention.known.kind != "place":
            continue
        i = mention.start - 1
        steps = 0
        while i >= sentence.start and steps < 3 and (doc[i].pos_ in ("DET", "NOUN") or doc[i].lower_ == "de") \
                and doc[i].lower_ != "en":
            i -= 1
            steps += 1
        if i >= sentence.start and doc[i].lower_ == "en":
            return mention.known
    return None


def own_place(trigger: Token, table: MentionTable) -> Known | None:
    """The first place of the trigger's own phrase introduced by "en", also through a
    noun ("asesinada en un domicilio de la colonia Bellavista"); not in a clause
    co-ordinated with it ("… y su cuerpo fue encontrado en la colonia Obrera")."""
    doc = trigger.doc
    inside = {t.i for t in trigger.subtree} - {t.i for c in trigger.children if c.dep_ in ("conj", "parataxis", "advcl", "ccomp")
                                               for t in c.subtree}
    for i in sorted(inside):
        mention = table.at(i)
        if mention is None or mention.start != i or mention.known.kind != "place":
            continue
        j = i - 1
        while j > trigger.i and j in inside and (doc[j].pos_ in ("DET", "NOUN", "ADJ") or doc[j].lower_ in ("de", "del")) \
                and i - j <= 6:
            j -= 1
        if j in inside and doc[j].lower_ == "en":
            return mention.known
    return None


def date_of(trigger: Token, dates: list[tuple[int, tuple[PartialDate, str]]]) -> tuple[PartialDate, str] | None:
    """The date of the trigger's own phrase ("la detención en julio de 2024"), else the
    sentence's only date unless it bounds a span ("desde septiembre" starts one)."""
    doc = trigger.doc
    bounds = set(lexicon().range_words)
    points = [(i, d) for i, d in dates if not any(doc[j].lower_ in bounds for j in range(max(0, i - 3), i))]
    for index, date in points:
        if _owned_by(doc[index], trigger):
            return date
    if len(dates) == 1 and points and _trigger_above(doc[points[0][0]], verbs=False) is None:
        return points[0][1]  # the sentence's only date, in no other event's phrase
    return None


def _owned_by(token: Token, trigger: Token) -> bool:
    """Whether a date word belongs to the trigger's phrase: up its heads the trigger
    comes before any other trigger or verb ("pugna … tras la detención en julio": julio
    is the arrest's, not the feud's)."""
    above = _trigger_above(token, trigger)
    return above is not None and above.i == trigger.i


def _trigger_above(token: Token, trigger: Token | None = None, verbs: bool = True) -> Token | None:
    """The first trigger (or, with ``verbs``, any verb) up the heads of a token, or None
    at the root."""
    lex = lexicon()
    current = token
    for _ in range(8):
        if current.head == current:
            return None
        current = current.head
        lemma = lemma_of(current)
        if trigger is not None and current.i == trigger.i or lemma in lex.verbs or lemma in lex.nouns \
                or verbs and current.pos_ in ("VERB", "AUX"):
            return current
    return None


def sentence_date(sentence: Span, published: PartialDate | None) -> tuple[PartialDate, str] | None:
    """The first date a Spanish sentence gives (see :func:`sentence_dates`)."""
    found = sentence_dates(sentence, published)
    return found[0][1] if found else None


def sentence_dates(sentence: Span, published: PartialDate | None) -> list[tuple[int, tuple[PartialDate, str]]]:
    """The dates a Spanish sentence gives, each with its token, normalised against the publication date.

    Weekdays ("este lunes", "la noche del sábado", "el pasado martes"), "hoy", "ayer",
    "anoche", "la semana pasada", "el mes pasado", "el año pasado", and dates with a
    month ("el 15 de febrero", "en marzo de 2019")."""
    lex = lexicon()
    pub = dt.date(published.year, published.month, published.day) \
        if published is not None and published.month and published.day else None
    found: list[tuple[int, tuple[PartialDate, str]]] = []
    tokens = list(sentence)
    words = [normalize_name(t.text) if t.is_alpha else t.text for t in tokens]
    for n, token in enumerate(tokens):
        word = words[n]
        past = (word in lex.weekdays or word in lex.past_periods) and bool(lex.past.intersection(words[max(0, n - 2): n + 3]))
        if word in lex.days_back and pub is not None:
            day = pub - dt.timedelta(days=lex.days_back[word])
            found.append((token.i, (PartialDate(day.year, day.month, day.day), "day")))
            continue
        if word in lex.weekdays and n + 3 < len(tokens) and tokens[n + 1].text.isdigit() \
                and tokens[n + 2].lower_ == "de" and words[n + 3] in lex.months:
            continue  # "el sábado 4 de octubre": the date that follows says which Saturday
        if word in lex.weekdays and not token.text[:1].isdigit() and pub is not None:
            back = (pub.weekday() - lex.weekdays[word]) % 7
            if past and back == 0:
                back = 7
            day = pub - dt.timedelta(days=back)
            found.append((token.i, (PartialDate(day.year, day.month, day.day), "day")))
            continue
        if word in lex.past_periods and past and published is not None:
            period = lex.past_periods[word]
            if period == "year":
                found.append((token.i, (PartialDate(published.year - 1), "year")))
            elif period == "month" and published.month:
                index = published.year * 12 + published.month - 2
                found.append((token.i, (PartialDate(index // 12, index % 12 + 1), "month")))
            elif period == "week" and pub is not None:
                monday = pub - dt.timedelta(days=pub.weekday() + 7)
                found.append((token.i, (PartialDate(monday.year, monday.month, monday.day), "week")))
            continue
        if word in lex.months and len(word) >= 4 and not word.startswith("sep") or word in ("septiembre", "setiembre"):
            start, end = n, n + 1
            if n >= 2 and tokens[n - 1].lower_ == "de" and tokens[n - 2].text.isdigit():
                start = n - 2
            if end + 1 < len(tokens) and tokens[end].lower_ == "de" and tokens[end + 1].text.isdigit():
                end += 2
            if (start, end) == (n, n + 1) and token.text[:1].isupper() and not token.is_sent_start:
                continue  # a capitalised month alone is a name ("Ismael ‘el Mayo’ Zambada"), not a date
            text = " ".join(t.text for t in tokens[start:end])
            normal = normalize(text, published)
            if normal is not None and not any(i == tokens[start].i for i, _ in found):
                found.append((tokens[start].i, normal))
    return found
