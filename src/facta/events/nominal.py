"""Event nouns: nominal events ("the expulsion of 60 diplomats by the US") and light verbs ("launched an
assault", "held talks with Iran"). The noun dictionary is data (``facta/data/nouns.yaml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from facta.data import builtin_files, load_yaml
from facta.errors import DataFileError
from facta.events.clauses import objects_of
from facta.events.patterns import plover_of
from facta.model import Plover
from facta.ontology import load_ontology

_RECIPIENT_PREPS = ("on", "against", "at", "with", "to", "into", "in")


@dataclass(frozen=True, slots=True)
class NounPattern:
    id: str
    noun: str
    code: str
    prep: str | None = None
    patient: str | None = None
    modifier: frozenset[str] | None = None
    of: frozenset[str] | None = None  # what the noun must be of: "the suspension of aid"
    plover: Plover | None = None  # the PLOVER manual's type for this noun, over the code's crosswalk type
    topic: bool = False  # ``prep`` names what the event is about, not whom: "talks on arms control"

    @property
    def specificity(self) -> int:
        return 4 * (self.modifier is not None or self.of is not None) + 2 * (self.prep is not None)

    @property
    def rule(self) -> str:
        return f"nouns/{self.id}"


@dataclass(frozen=True, slots=True)
class NounFrame:
    """What an event noun in the text says: its pattern, who did it, to whom."""

    pattern: NounPattern
    noun: Token
    sources: list[Token]
    targets: list[Token]
    reciprocal: bool = False


def _noun_pattern(entry: dict[str, Any], label: str) -> NounPattern:
    pid, noun, code = entry.get("id"), entry.get("noun"), str(entry.get("code", ""))
    if not isinstance(pid, str) or not isinstance(noun, str) or not pid or not noun:
        raise DataFileError(label, f"a noun pattern needs an id and a noun: {entry!r}")
    if code not in load_ontology():
        raise DataFileError(label, f"noun pattern {pid}: {code!r} is not a CAMEO code")
    modifier = entry.get("modifier")
    if modifier is not None and not (isinstance(modifier, list) and all(isinstance(m, str) for m in modifier)):
        raise DataFileError(label, f"noun pattern {pid}: modifier must be a list of lemmas")
    if not isinstance(entry.get("prep") or "", str) or not isinstance(entry.get("patient") or "", str):
        raise DataFileError(label, f"noun pattern {pid}: a preposition must be a word (quote \"on\" in YAML)")
    of = entry.get("of")
    if of is not None and not (isinstance(of, list) and all(isinstance(m, str) for m in of)):
        raise DataFileError(label, f"noun pattern {pid}: of must be a list of lemmas")
    return NounPattern(
        id=pid, noun=noun.lower(), code=code,
        prep=str(entry["prep"]).lower() if entry.get("prep") else None,
        patient=str(entry["patient"]).lower() if entry.get("patient") else None,
        modifier=frozenset(m.lower() for m in modifier) if modifier else None,
        of=frozenset(m.lower() for m in of) if of else None, plover=plover_of(entry, label, pid),
        topic=bool(entry.get("topic")),
    )


@functools.cache
def load_nouns(extra: tuple[Path, ...] = ()) -> dict[str, tuple[NounPattern, ...]]:
    """Event nouns by lemma, most specific first; the user's files come first and win ties."""
    index: dict[str, list[NounPattern]] = {}
    seen: set[str] = set()
    sources: list[Path | str] = [*extra, *builtin_files("nouns")]
    for source in sources:
        label, entries = load_yaml(source, "nouns")
        for entry in entries:
            pattern = _noun_pattern(entry, label)
            if pattern.id in seen:
                raise DataFileError(label, f"noun pattern id {pattern.id!r} is used twice")
            seen.add(pattern.id)
            index.setdefault(pattern.noun, []).append(pattern)
    return {noun: tuple(sorted(found, key=lambda p: -p.specificity)) for noun, found in index.items()}


def match_noun(noun: Token, candidates: tuple[NounPattern, ...]) -> NounPattern | None:
    """The most specific noun pattern that fits the noun's modifiers and prepositions."""
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    modifiers |= {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    preps = {c.lower_ for c in _prep_holders(noun) if c.dep_ == "prep"}
    of_objects = objects_of([noun], "of")
    of_lemmas = {t.lemma_.lower() for o in of_objects for t in (o, *(c for c in o.children if c.dep_ in
                 ("conj", "compound")))}
    for pattern in candidates:
        if pattern.modifier is not None and not pattern.modifier & modifiers:
            continue
        if pattern.of is not None and not pattern.of & of_lemmas:
            continue
        if pattern.prep is not None and pattern.prep not in preps:
            continue
        return pattern
    return None


def noun_targets(noun: Token, pattern: NounPattern) -> tuple[list[Token], bool]:
    """The target heads of an event noun, and whether they are a reciprocal pair ("between X and Y")."""
    by_prep: dict[str, list[Token]] = {}
    for child in _prep_holders(noun):
        if child.dep_ == "prep":
            by_prep.setdefault(child.lower_, []).extend(
                c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")
            )
    if "between" in by_prep:
        return by_prep["between"], True
    if pattern.topic:
        by_prep.pop(pattern.prep or "", None)  # "talks on the conflict in Ukraine": the topic is no one
    for prep in filter(None, (pattern.prep, pattern.patient, *_RECIPIENT_PREPS)):
        if by_prep.get(prep):
            return by_prep[prep], False
    return [], False


def _prep_holders(noun: Token) -> list[Token]:
    """The noun's children, then the prepositions of what it is of ("a suspension of air links with Serbia"),
    then those its light verb takes after it, where parsers often attach the noun's own: "gave a warm welcome
    on Thursday to de Klerk" ("to" hangs on "gave")."""
    found = list(noun.children)
    found += [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
              if o.dep_ == "pobj" for c in o.children if c.dep_ == "prep" and c.lower_ != "of"]
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        found += [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
    return found


def noun_agent(noun: Token) -> list[Token]:
    """The doer named in a noun phrase: "by the US" -- on the noun, or on its of-object, where parsers often
    attach it ("the expulsion of 60 diplomats by the US")."""
    holders = [noun]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            holders.extend(c for c in child.children if c.dep_ == "pobj")
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return [c for c in child.children if c.dep_ == "pobj"]
    return []
