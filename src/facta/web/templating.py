"""The dashboard's Jinja2 environment: autoescaping on for every template, and the filters that turn codes
into words (CAMEO names, QuadClasses, an event's flags)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2

from facta import __version__
from facta.ontology import load_ontology

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def setup_environment(directory: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(cameo=cameo_name, quad=quad_name, flags=flags, actor=actor_label, query=query)
    env.globals.update(version=__version__, quad_names=QUAD_NAMES)
    return env


def cameo_name(code: str | None) -> str:
    """The CAMEO name of an event code ("174" → "Expel or deport individuals"); empty when unknown."""
    if not code:
        return ""
    ontology = load_ontology()
    return ontology[code].name if code in ontology else ""


def quad_name(value: int | None) -> str:
    return QUAD_NAMES.get(value or 0, "")


def flags(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, label) for what the text says about whether the event happened."""
    found = []
    if record.get("negated"):
        found.append(("negated", "negated"))
    modality = record.get("modality")
    if modality and modality != "asserted":
        found.append((str(modality), str(modality)))
    if record.get("attribution"):
        found.append(("attributed", f"attributed: {record['attribution']}"))
    return found


def actor_label(actor: dict[str, Any] | None) -> str:
    """An actor as a reader wants it: its code, and its name when it has one."""
    if not actor:
        return "—"
    code = actor.get("code") or actor.get("country")
    name = actor.get("name")
    if code and name:
        return f"{name} ({code})"
    return str(code or name or actor.get("text") or "—")


def query(values: dict[str, Any]) -> str:
    """A query string from the given values, leaving out empty ones."""
    return urlencode({k: v for k, v in values.items() if v not in (None, "", False)})
