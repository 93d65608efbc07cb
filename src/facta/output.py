"""Writing events: JSON Lines (design.md's record), flat CSV rows, and a Rich table for people."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from rich.table import Table

from facta.model import Event

CSV_COLUMNS = (
    "article_id", "sentence_index", "date", "date_precision", "source_code", "source_country", "source_role",
    "source_name", "source_text", "code", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "target_code", "target_country", "target_role", "target_name", "target_text", "negated", "modality",
    "attribution", "location", "location_country", "lat", "lon", "trigger", "rule", "confidence", "sentence",
)


def flat(event: Event) -> dict[str, Any]:
    """One event as a flat row (CSV, Parquet, DataFrames)."""
    row: dict[str, Any] = {
        "article_id": event.article_id, "sentence_index": event.sentence_index, "date": event.date,
        "date_precision": event.date_precision, "code": event.code, "root": event.root,
        "quad_class": event.quad_class, "goldstein": event.goldstein, "plover_type": event.plover.type,
        "plover_mode": event.plover.mode, "negated": event.negated, "modality": event.modality,
        "attribution": event.attribution, "trigger": event.evidence.trigger, "rule": event.evidence.rule,
        "confidence": event.confidence, "sentence": event.sentence,
        "location": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "lat": event.location.lat if event.location else None,
        "lon": event.location.lon if event.location else None,
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        row[f"{side}_code"] = actor.code if actor else None
        row[f"{side}_country"] = actor.country if actor else None
        row[f"{side}_role"] = actor.role if actor else None
        row[f"{side}_name"] = actor.name if actor else None
        row[f"{side}_text"] = actor.text if actor else None
    return row


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> int:
    count = 0
    for event in events:
        stream.write(event.to_json() + "\n")
        count += 1
    return count


class CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(flat(event))


def events_table(events: list[Event], *, title: str | None = None) -> Table:
    """A table a person can read: who did what to whom, with flags and the trigger."""
    table = Table(title=title, show_lines=False, expand=False)
    for column, style in (
        ("date", "dim"), ("source", "bold cyan"), ("code", "bold"), ("event", ""), ("target", "bold magenta"),
        ("quad", ""), ("flags", "yellow"), ("trigger", "green"),
    ):
        table.add_column(column, style=style, overflow="fold")
    from facta.ontology import load_ontology

    ontology = load_ontology()
    quad_names = {1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}
    for event in events:
        flags = []
        if event.negated:
            flags.append("negated")
        if event.modality != "asserted":
            flags.append(event.modality)
        if event.attribution:
            flags.append(f"per {event.attribution}")
        table.add_row(
            event.date or "",
            _actor_label(event.source), event.code, ontology[event.code].name[:40],
            _actor_label(event.target), quad_names[event.quad_class], ", ".join(flags), event.evidence.trigger,
        )
    return table


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "-"
    label = actor.code or "?"
    return f"{label} ({actor.name})" if actor.name else f"{label} ({actor.text})"
