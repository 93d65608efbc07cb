"""Verb patterns and modality cues, loaded from data files and indexed by verb lemma."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facta.data import load_yaml
from facta.errors import DataFileError
from facta.model import Plover
from facta.ontology import load_ontology

_TARGETS = ("object", "prep", "none")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One verb frame and the CAMEO code it means."""

    id: str
    verb: str
    code: str | None  # None: the frame is known not to be an event ("struck a conciliatory tone")
    particle: str | None = None
    object: frozenset[str] | None = None
    prep: str | None = None
    prep_object: frozenset[str] | None = None
    target: str = "object"
    source_file: str = "verbs"
    plover: Plover | None = None  # "SANCTION/expel": the PLOVER manual's type for this frame, over the code's
    # the frame needs an infinitive of what is asked ("ordered Israel to halt", not "ordered jets"): any verb
    # (True) or one of these lemmas ("ordered the diplomats to leave" is an expulsion)
    infinitive: bool | frozenset[str] = False

    @property
    def specificity(self) -> int:
        """Patterns with more constraints win over bare verbs."""
        return (
            4 * (self.object is not None) + 4 * (self.prep_object is not None)
            + 2 * (self.prep is not None) + 2 * (self.particle is not None)
            + bool(self.infinitive) + 2 * isinstance(self.infinitive, frozenset)  # below an object constraint
        )

    @property
    def rule(self) -> str:
        return f"{self.source_file}/{self.id}"


@dataclass(frozen=True, slots=True)
class Cues:
    negation_verbs: frozenset[str]
    negation_words: frozenset[str]
    prevention_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_verbs: frozenset[str]
    intent_aux: frozenset[str]
    intent_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    demand_nouns: frozenset[str]
    report_verbs: frozenset[str]
    attribution_preps: frozenset[str]
    reciprocal_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    towards_preps: frozenset[str]
    receiver_verbs: frozenset[str]
    undoing_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    intent_adjectives: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    domestic_roles: frozenset[str]
    insurgent_roles: frozenset[str]
    vague_heads: frozenset[str]
    measure_nouns: frozenset[str]
    participation_verbs: frozenset[str]
    reversing_nouns: frozenset[str]
    series_nouns: frozenset[str]
    voicing_verbs: frozenset[str]
    protest_purpose_verbs: frozenset[str]
    border_nouns: frozenset[str]
    culpable_adjectives: frozenset[str]
    stative_participles: frozenset[str]
    protest_nouns: frozenset[str]
    natural_causes: frozenset[str]
    optimism_adjectives: frozenset[str]
    pessimism_adjectives: frozenset[str]
    blocking_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    purpose_roots: frozenset[str]
    domestic_measures: frozenset[str]
    state_acts: frozenset[str]
    own_withdrawals: frozenset[str]
    ruling_out_phrases: frozenset[str]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    demand_codes: dict[str, str]
    appeal_codes: dict[str, str]
    means_codes: dict[str, str]

    def means_code(self, words: tuple[str, ...]) -> str | None:
        """The code an attacker's own words give a generic attack (190): "warplanes" 195, "suicide bomber" 1831.
        ``words`` are the attacker's head lemma and the lemma of the word before it."""
        return self.means_codes.get(" ".join(words)) or self.means_codes.get(words[-1])

    def intent_code(self, code: str) -> str | None:
        """CAMEO's code for announcing the act ``code`` (longest prefix in cues.yaml), None if it has none."""
        return _by_prefix(self.intent_codes, code)

    def request_code(self, request: str, code: str) -> str | None:
        """A demand (root 10) or appeal (02) refined by the act requested, None when the table has none."""
        table = self.demand_codes if request.startswith("10") else self.appeal_codes
        return _by_prefix(table, code)

    def domestic_measure(self, code: str) -> bool:
        """Is ``code`` (by prefix) a measure a state takes at home, on the people where it applies?"""
        return any(code.startswith(prefix) for prefix in self.domestic_measures)

    def own_withdrawal(self, code: str) -> bool:
        """Is ``code`` (by prefix) a withdrawal a side makes of its own people (troops, diplomats, staff)?"""
        return any(code.startswith(prefix) for prefix in self.own_withdrawals)

    def state_act(self, code: str) -> bool:
        """Is ``code`` (by prefix) an act only a state's authorities do where it happens: a domestic measure
        (curfews, arrests) or one of ``state_acts`` (inquiries, deportations)?"""
        return self.domestic_measure(code) or any(code.startswith(prefix) for prefix in self.state_acts)

    def refusal_code(self, code: str) -> str | None:
        """CAMEO's code for refusing the act ``code`` ("refused to lift the ban" -> 1241), None if none."""
        return _by_prefix(self.refusal_codes, code)


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for size in range(len(code), 1, -1):
        found = table.get(code[:size])
        if found is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class Patterns:
    by_verb: dict[str, tuple[Pattern, ...]]  # most specific first
    cues: Cues

    def __len__(self) -> int:
        return sum(len(p) for p in self.by_verb.values())


def _lemmas(value: Any, label: str, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(label, f"pattern {where}: expected a list of lemmas, got {value!r}")
    return frozenset(v.lower() for v in value)


def plover_of(entry: dict[str, Any], label: str, pid: str) -> Plover | None:
    """A pattern's own PLOVER type and mode ("SANCTION/expel"), where the PLOVER manual codes the frame apart
    from its CAMEO code's crosswalk type: expelling diplomats is SANCTION, though 174 is COERCE."""
    value = entry.get("plover")
    if value is None:
        return None
    kind, _, mode = str(value).partition("/")
    if kind not in load_ontology().plover_types:
        raise DataFileError(label, f"pattern {pid}: {kind!r} is not a PLOVER event type")
    return Plover(kind, mode or None)


def _pattern(entry: dict[str, Any], label: str, source_file: str) -> Pattern:
    ontology = load_ontology()
    pid = entry.get("id")
    verb = entry.get("verb")
    code = None if entry.get("code", "") in (None, "none") else str(entry.get("code", ""))
    if not isinstance(pid, str) or not pid:
        raise DataFileError(label, f"a pattern has no id: {entry!r}")
    if not isinstance(verb, str) or not verb:
        raise DataFileError(label, f"pattern {pid}: no verb")
    if code is not None and code not in ontology:
        raise DataFileError(label, f"pattern {pid}: {code!r} is not a CAMEO code (or none)")
    if not isinstance(entry.get("prep") or "", str) or not isinstance(entry.get("particle") or "", str):
        raise DataFileError(label, f"pattern {pid}: a preposition or particle must be a word (quote \"on\" in YAML)")
    if not isinstance(entry.get("infinitive", False), (bool, list)):
        raise DataFileError(label, f"pattern {pid}: infinitive must be true, false or a list of lemmas")
    target = entry.get("target") or ("prep" if entry.get("prep") and not entry.get("object") else "object")
    if target not in _TARGETS:
        raise DataFileError(label, f"pattern {pid}: target must be one of {', '.join(_TARGETS)}")
    if target == "prep" and not entry.get("prep"):
        raise DataFileError(label, f"pattern {pid}: target is prep but no prep is given")
    return Pattern(
        id=pid, verb=verb.lower(), code=code,
        particle=(entry.get("particle") or None),
        object=_lemmas(entry.get("object"), label, pid),
        prep=(str(entry["prep"]).lower() if entry.get("prep") else None),
        prep_object=_lemmas(entry.get("prep_object"), label, pid),
        target=target, source_file=source_file, plover=plover_of(entry, label, pid),
        infinitive=_lemmas(entry["infinitive"], label, pid) or False if isinstance(entry.get("infinitive"), list)
        else entry.get("infinitive") is True,
    )


@functools.cache
def load_patterns(extra: tuple[Path, ...] = ()) -> Patterns:
    """Built-in verb patterns and cues, plus the user's pattern files (``--verbs``), which come first."""
    index: dict[str, list[Pattern]] = {}
    seen: set[str] = set()
    sources: tuple[Path | str, ...] = (*extra, "verbs.yaml")
    for source in sources:
        label, entries = load_yaml(source, "patterns")
        source_file = "verbs" if source == "verbs.yaml" else Path(source).stem
        for entry in entries:
            pattern = _pattern(entry, label, source_file)
            if pattern.rule in seen:
                raise DataFileError(label, f"pattern id {pattern.id!r} is used twice")
            seen.add(pattern.rule)
            index.setdefault(pattern.verb, []).append(pattern)
    by_verb = {
        verb: tuple(sorted(found, key=lambda p: -p.specificity))  # stable: file order breaks ties
        for verb, found in index.items()
    }
    return Patterns(by_verb, load_cues())


@functools.cache
def load_cues() -> Cues:
    from importlib import resources

    import yaml

    label = "facta/data/cues.yaml"
    document = yaml.safe_load(resources.files("facta.data").joinpath("cues.yaml").read_text(encoding="utf-8"))
    tables = ("intent_codes", "refusal_codes", "demand_codes", "appeal_codes", "means_codes")
    lists = [name for name in Cues.__dataclass_fields__ if name not in tables]
    missing = [name for name in lists if not isinstance(document.get(name), list)]
    if missing:
        raise DataFileError(label, f"missing cue lists: {', '.join(missing)}")
    ontology = load_ontology()
    for name in tables:
        table = document.get(name)
        if not isinstance(table, dict) or not all(str(v) in ontology for v in table.values()):
            raise DataFileError(label, f"{name} must map CAMEO code prefixes to CAMEO codes")
    values: dict[str, Any] = {name: frozenset(str(w).lower() for w in document[name]) for name in lists}
    for name in ("domestic_roles", "insurgent_roles"):  # CAMEO role codes stay upper case
        values[name] = frozenset(str(w).upper() for w in document[name])
    values.update({name: {str(k): str(v) for k, v in document[name].items()} for name in tables})
    return Cues(**values)
