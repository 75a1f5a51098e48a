"""Generate a synthetic crimegraph record corpus that mimics the real shapes.

``python bench/gen_corpus.py OUT_DIR --articles 100000`` writes

* ``entities.jsonl``: organizations (criminal groups, government bodies, NGOs, media),
  people with roles, and places (Mexico's states, municipalities within them);
* ``articles.jsonl``: news articles (title, date, url, publisher, language, section,
  tags, country, mentions of organizations/people/places, a short text);
* ``events.jsonl``: events reported in those articles (type, date, place, actors and
  targets, evidence span in the article's text, fatalities for violent ones).

About 50 triples per article: 100,000 articles give about 5M triples. The output is
deterministic for a seed. Names are synthetic; the structure follows the seed article and
the InSight Crime corpus in ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

EVENT_TYPES = ["arrest", "killing", "attack", "clash", "seizure", "kidnapping", "extradition", "charge"]
SECTIONS = ["Brief", "Analysis", "Investigation", "News"]
TAGS = ["Mexico", "Drug Trafficking", "Homicides", "Security Policy", "Extortion", "Cocaine", "Fentanyl",
        "Police Reform", "Prisons", "Corruption", "Elites and Organized Crime", "Arms Trafficking"]
STATES = ["MX-SIN", "MX-CHH", "MX-JAL", "MX-GUA", "MX-GRO", "MX-MIC", "MX-TAM", "MX-BCN", "MX-SON", "MX-ZAC",
          "MX-NLE", "MX-VER", "MX-PUE", "MX-COL", "MX-MOR", "MX-OAX"]


def entities(rng: random.Random, n_orgs: int, n_people: int, n_places: int) -> list[dict]:
    out: list[dict] = []
    for code in STATES:
        out.append({"type": "place", "id": code, "name": f"State {code[3:]}", "kind": "state",
                    "iso_code": code, "within": "Mexico"})
    for i in range(n_places):
        out.append({"type": "place", "id": f"town-{i}", "name": f"Town {i}", "kind": "city",
                    "latitude": round(rng.uniform(15, 32), 5), "longitude": round(rng.uniform(-117, -87), 5),
                    "within": rng.choice(STATES)})
    kinds = ["criminal-group"] * 6 + ["government-body"] * 2 + ["ngo", "media"]
    for i in range(n_orgs):
        org = {"type": "organization", "id": f"org-{i}", "name": f"Organization {i}", "kind": kinds[i % len(kinds)],
               "aliases": [f"Org {i}"], "country": "Mexico"}
        if i % 7 == 3:
            org["parent"] = f"org-{i - 3}"
        out.append(org)
    for i in range(n_people):
        out.append({"type": "person", "id": f"person-{i}", "name": f"Person Number {i}", "nationality": "Mexico",
                    "roles": [{"title": "leader", "organization": f"org-{rng.randrange(n_orgs)}"}]})
    return out


def article(rng: random.Random, i: int, n_orgs: int, n_people: int, n_places: int) -> tuple[dict, list[dict]]:
    key = f"gen-{i:07d}"
    year, month, day = rng.randint(2005, 2023), rng.randint(1, 12), rng.randint(1, 28)
    orgs = rng.sample(range(n_orgs), 2)
    person = rng.randrange(n_people)
    town = rng.randrange(n_places)
    sentences = [
        f"Organization {orgs[0]} clashed with Organization {orgs[1]} near Town {town}.",
        f"Authorities said Person Number {person} was arrested after the attack.",
        "Officials did not say how many people were killed in the fighting that followed.",
    ]
    text = " ".join(sentences)
    record = {
        "type": "article", "id": key, "title": f"Violence in Town {town}: report {i}",
        "url": f"https://news.example.org/{year}/{key}", "date": f"{year}-{month:02d}-{day:02d}",
        "publisher": f"org-{(i % 10) * 10 + 9}" if n_orgs > 99 else "InSight Crime", "language": "en",
        "section": rng.choice(SECTIONS), "tags": rng.sample(TAGS, 3), "countries": ["Mexico"],
        "mentions": [f"org-{orgs[0]}", f"org-{orgs[1]}", f"person-{person}", f"town-{town}"], "text": text,
    }
    events = []
    offset = 0
    for n, sentence in enumerate(sentences[:2]):
        kind = rng.choice(EVENT_TYPES)
        event = {
            "type": "event", "id": f"{key}-e{n}", "event_type": kind, "date": record["date"],
            "place": f"town-{town}", "actors": [f"org-{orgs[n % 2]}"], "targets": [f"org-{orgs[(n + 1) % 2]}"],
            "reported_in": [key],
            "evidence": {"article": key, "text": sentence, "start": offset, "end": offset + len(sentence),
                         "extractor": "crimegraph-bench", "extractor_version": "1", "confidence": 0.9},
        }
        if kind in ("killing", "attack", "clash"):
            low = rng.randint(0, 5)
            event.update(fatalities=low + 1, fatalities_low=low, fatalities_high=low + 3)
        events.append(event)
        offset += len(sentence) + 1
    return record, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n_orgs, n_people, n_places = 400, 3000, 1500
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "entities.jsonl").open("w", encoding="utf-8") as fh:
        for record in entities(rng, n_orgs, n_people, n_places):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as fa, \
            (args.out / "events.jsonl").open("w", encoding="utf-8") as fe:
        for i in range(args.articles):
            record, events = article(rng, i, n_orgs, n_people, n_places)
            fa.write(json.dumps(record, ensure_ascii=False) + "\n")
            for event in events:
                fe.write(json.dumps(event, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
