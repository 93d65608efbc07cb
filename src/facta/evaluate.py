"""Scoring the coder against gold sets (format: shared gold/README.md), as ``facta eval`` prints it.

Per set, where the gold has the needed fields:

- **tuples**: precision, recall and F1 of (source country, target country, CAMEO root) over affirmed events;
- **PLOVER / source / target**: each gold event is aligned one-to-one with the best predicted affirmed event of
  its sentence; accuracy is the share of gold events whose aligned prediction has the right PLOVER type (and
  source, target country). "of gold" counts a missed event as wrong; "of found" only scores aligned events;
- **five-way**: the class of the sentence's main affirmed event ("none" without one) against the label, as
  accuracy and macro-F1 over the gold's classes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facta.actors.vocab import international_codes
from facta.config import Settings
from facta.errors import InputError
from facta.events import main_event
from facta.model import Actor, Article, Event
from facta.ontology import penta_class_of
from facta.pipeline import code_articles

# Gold sets converted from CAMEO-era data use a few of CAMEO's own country codes where ISO differs.
_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT", "ROM": "ROU", "GER": "DEU", "SAF": "ZAF"}
# Generic codes the gold uses for kinds of organisation, matched by the predicted actor's role.
_GENERIC = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}
_NOT_INTERGOVERNMENTAL = frozenset({"NGO", "MNC", "IMG"})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str | None
    target: str | None
    code: str | None
    plover: str | None


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    set: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    label: int | None


def load_gold(path: Path) -> Iterator[GoldItem | InputError]:
    """Gold items of a JSON Lines file; a malformed line is reported and skipped."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        yield InputError(str(path), f"cannot read ({error.strerror})")
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                events = tuple(
                    GoldEvent(e.get("source"), e.get("target"), e.get("code"), e.get("plover"))
                    for e in record.get("events") or ()
                )
                yield GoldItem(
                    str(record["id"]), str(record.get("set") or path.stem), str(record["text"]),
                    record.get("date"), events, record.get("label"),
                )
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
                yield InputError(f"{path}:{number}", f"not a gold record ({error.__class__.__name__}: {error})")


@dataclass(slots=True)
class Scores:
    """Counts for one gold set, from which the report's figures are derived."""

    name: str
    sentences: int = 0
    predicted_events: int = 0
    tuple_tp: int = 0
    tuple_fp: int = 0
    tuple_fn: int = 0
    tuple_sentences: int = 0
    plover_gold: int = 0
    plover_found: int = 0
    plover_right: int = 0
    source_gold: int = 0
    source_found: int = 0
    source_right: int = 0
    target_gold: int = 0
    target_found: int = 0
    target_right: int = 0
    label_pairs: list[tuple[str, str]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The report as numbers (None where the set has no gold for a figure)."""
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        precision = ratio(self.tuple_tp, self.tuple_tp + self.tuple_fp)
        recall = ratio(self.tuple_tp, self.tuple_tp + self.tuple_fn)
        f1 = (
            round(2 * precision * recall / (precision + recall), 4)
            if precision is not None and recall is not None and precision + recall > 0
            else (0.0 if self.tuple_sentences else None)
        )
        accuracy, macro = _classification(self.label_pairs)
        return {
            "set": self.name, "sentences": self.sentences, "predicted_events": self.predicted_events,
            "tuple_precision": precision if self.tuple_sentences else None,
            "tuple_recall": recall if self.tuple_sentences else None, "tuple_f1": f1,
            "plover_accuracy": ratio(self.plover_right, self.plover_gold),
            "plover_accuracy_of_found": ratio(self.plover_right, self.plover_found),
            "source_accuracy": ratio(self.source_right, self.source_gold),
            "source_accuracy_of_found": ratio(self.source_right, self.source_found),
            "target_accuracy": ratio(self.target_right, self.target_gold),
            "target_accuracy_of_found": ratio(self.target_right, self.target_found),
            "event_recall": ratio(self.plover_found, self.plover_gold),
            "five_way_accuracy": accuracy, "five_way_macro_f1": macro,
            "five_way_sentences": len(self.label_pairs) or None,
        }


def _classification(pairs: list[tuple[str, str]]) -> tuple[float | None, float | None]:
    if not pairs:
        return None, None
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    f1s = []
    for label in sorted({g for g, _ in pairs}):
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(accuracy, 4), round(sum(f1s) / len(f1s), 4)


def actor_matches(gold: str | None, actor: Actor | None) -> bool:
    """Does a predicted actor match the gold code? Generic gold codes (IGO, NGO) match any international body
    of that kind, by its code (UNO, NATO, EUR, ...) or its role."""
    if gold is None:
        return actor is None or actor.country is None
    if actor is None:
        return False
    gold = _CAMEO_TO_ISO.get(gold, gold)
    if actor.country == gold:
        return True
    if gold == "IGO" and actor.country in international_codes() - _NOT_INTERGOVERNMENTAL and actor.role != "NGO":
        return True
    return gold in _GENERIC and actor.role == _GENERIC[gold]


def score_item(scores: Scores, item: GoldItem, events: list[Event]) -> None:
    """Add one gold sentence and its predicted events to the set's counts."""
    affirmed = [e for e in events if e.affirmed]
    scores.sentences += 1
    scores.predicted_events += len(affirmed)
    if (item.events and all(e.code for e in item.events)) or (not item.events and item.label is None):
        _score_tuples(scores, item, affirmed)
    if item.events and all(e.plover for e in item.events):
        _score_aligned(scores, item, affirmed)
    if item.label is not None or not item.events:  # a sentence with no gold event should code none
        main = main_event(events)
        gold = str(item.label) if item.label is not None else "none"
        predicted = str(penta_class_of(main.root)) if main is not None else "none"
        scores.label_pairs.append((gold, predicted))


def _score_tuples(scores: Scores, item: GoldItem, affirmed: list[Event]) -> None:
    scores.tuple_sentences += 1
    gold = [(e.source, e.target, (e.code or "")[:2]) for e in item.events]
    unmatched = list(affirmed)
    seen: set[tuple[str | None, str | None, str]] = set()
    for source, target, root in gold:
        hit = next(
            (p for p in unmatched
             if p.root == root and actor_matches(source, p.source) and actor_matches(target, p.target)),
            None,
        )
        if hit is not None:
            unmatched.remove(hit)
            scores.tuple_tp += 1
        else:
            scores.tuple_fn += 1
    for event in unmatched:  # duplicates of one tuple in a sentence count once
        key = (event.source.code if event.source else None, event.target.code if event.target else None, event.root)
        if key not in seen:
            seen.add(key)
            scores.tuple_fp += 1


def _score_aligned(scores: Scores, item: GoldItem, affirmed: list[Event]) -> None:
    pairs = []
    for gi, gold in enumerate(item.events):
        for pi, candidate in enumerate(affirmed):
            value = (
                2 * (candidate.plover.type == gold.plover)
                + actor_matches(gold.source, candidate.source)
                + (gold.target is not None and actor_matches(gold.target, candidate.target))
            )
            pairs.append((value, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    aligned: dict[int, Event] = {}
    for _value, gi, pi in sorted(pairs, key=lambda p: -p[0]):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        aligned[gi] = affirmed[pi]
    for gi, gold in enumerate(item.events):
        scores.plover_gold += 1
        event = aligned.get(gi)
        if event is not None:
            scores.plover_found += 1
            scores.plover_right += event.plover.type == gold.plover
        if gold.source is not None:
            scores.source_gold += 1
            if event is not None:
                scores.source_found += 1
                scores.source_right += actor_matches(gold.source, event.source)
        if gold.target is not None:
            scores.target_gold += 1
            if event is not None:
                scores.target_found += 1
                scores.target_right += actor_matches(gold.target, event.target)


def evaluate(items: Iterable[GoldItem], *, settings: Settings) -> list[dict[str, Any]]:
    """Code every gold sentence and score it; one dictionary of figures per gold set, in first-seen order."""
    by_id: dict[str, GoldItem] = {}
    articles = []
    for number, item in enumerate(items):
        key = f"{number}:{item.id}"
        by_id[key] = item
        articles.append(Article(id=key, text=item.text, date=settings.date or item.date, origin=item.id))
    per_set: dict[str, Scores] = {}
    for coded in code_articles(articles, settings=settings):
        item = by_id[coded.article.id]
        scores = per_set.setdefault(item.set, Scores(item.set))
        score_item(scores, item, coded.events)
    return [s.figures() for s in per_set.values()]

