"""Actor vocabularies: countries, organisations and role nouns, loaded from data files and indexed."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from facta.data import builtin_files, entries, read_document
from facta.errors import DataFileError

ROLES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG ELI REF LAB HRI IGO NGO REL RAD".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form (a name, adjective, demonym, metonym) denotes."""

    country: str | None
    role: str | None
    name: str | None
    kind: str  # country | adjective | demonym | metonym | organisation | person


@dataclass(frozen=True, slots=True)
class Spell:
    """One dated role of a person."""

    country: str
    role: str
    title: str
    start: str
    end: str | None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None  # nationality: the code when no role covers the date
    spells: tuple[Spell, ...]

    def on(self, date: str | None) -> Spell | None:
        """The role held on ``date`` (ISO); None when none covers it, or when the date is unknown."""
        if date is None:
            return None
        for spell in reversed(self.spells):
            if spell.start <= date and (spell.end is None or date < spell.end):
                return spell
        return None


@dataclass(frozen=True)
class ActorVocab:
    """Every known surface form and role noun; the matcher is built per spaCy vocabulary on first use."""

    surfaces: dict[str, Entry]
    roles: dict[tuple[str, ...], str]  # lemma sequence -> CAMEO role
    longest_role: int
    people: dict[str, Person]
    partitives: frozenset[str] = frozenset()  # "thousands of", "a group of": the actor is in the of-phrase
    government_nouns: frozenset[str] = frozenset()  # "the administration": the salient state's government
    former_modifiers: frozenset[str] = frozenset()  # "former minister": an elite, no longer in office
    proxy_nouns: frozenset[str] = frozenset()  # "a spokesman for the army": coded as the army
    homeland_nouns: frozenset[str] = frozenset()  # "his country": the owner's state
    anchor_words: frozenset[str] = frozenset()  # "a group based in Trinidad": the place's or body's country
    currency_words: frozenset[str] = frozenset()  # "US $50 million", "Australian dollars": a money, not a state
    context_roles: frozenset[str] = frozenset()  # CAMEO roles an unplaced actor takes the article's only state for

    @functools.cached_property
    def surname_countries(self) -> dict[str, frozenset[str]]:
        """The countries of the known people of each family name: "Bush" -> {USA}, "Kim" -> {PRK, KOR, ...}.
        The first word of a name counts too, as family names come first in Chinese and Korean ("Xi Jinping")."""
        found: dict[str, set[str]] = {}
        for person in self.people.values():
            countries = {c for c in (person.country, *(s.country for s in person.spells)) if c}
            words = person.name.split()
            for word in {words[0], words[-1]} if len(words) > 1 else ():
                found.setdefault(word, set()).update(countries)
        return {surname: frozenset(countries) for surname, countries in found.items()}

    @functools.cached_property
    def _near_names(self) -> dict[str, tuple[str, str]]:
        """Known people's names and long aliases (8 letters or more), for ``near_person``."""
        return _one_letter_index(
            (surface, entry.name, entry.name) for surface, entry in self.surfaces.items()
            if entry.kind == "person" and entry.name and len(surface) >= _NEAR_MIN
        )

    def near_person(self, text: str) -> str | None:
        """The one known person whose name or long alias is one letter off ``text`` (inserted, deleted, changed or
        two swapped): "Francois Mitterand" -> François Mitterrand. None when none or several are."""
        if len(text) < _NEAR_MIN or text in self.surfaces:
            return None
        return _one_letter_off(self._near_names, text)

    @functools.cached_property
    def _near_states(self) -> dict[str, tuple[str, str]]:
        """States' long names, adjectives and demonyms (7 letters or more), for ``near_state``."""
        return _one_letter_index(
            (surface, surface, entry.country) for surface, entry in self.surfaces.items()
            if entry.kind in ("country", "adjective", "demonym") and entry.country and len(surface) >= _NEAR_MIN_STATE
        )

    def near_state(self, text: str) -> str | None:
        """The one state whose name, adjective or demonym is one letter off ``text`` ("Ethopia" -> Ethiopia,
        "Chenchen" -> Chechen), as the surface form it is listed under. None when none or several states are."""
        if len(text) < _NEAR_MIN_STATE or text in self.surfaces:
            return None
        return _one_letter_off(self._near_states, text)

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        return _matcher_for(self, vocab)


_NEAR_MIN_STATE = 7  # "Ethopia"; shorter names of states are one letter apart ("Iran", "Iraq"; "Mali", "Bali")
_NEAR_MIN = 8  # shorter names are too close to one another ("Abe", "Lee") for a one-letter slip to be safe


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_letter_index(forms: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """(form, label, group) triples indexed under each lower-case form and every form with one letter deleted, so
    that forms one edit apart share a key. A key forms of two groups share is marked ("", "") as ambiguous;
    forms of one group ("Chechen", "Chechens") do not clash."""
    index: dict[str, tuple[str, str]] = {}
    for form, label, group in forms:
        for key in _deletions(form.lower()):
            other = index.get(key, (label, group))
            index[key] = other if other[1] == group else ("", "")
    return index


def _one_letter_off(index: dict[str, tuple[str, str]], text: str) -> str | None:
    """The label of the one group whose forms are one letter off ``text``; None when none or several are."""
    hits = {index[key] for key in _deletions(text.lower()) if key in index}
    groups = {group for _, group in hits}
    return min(label for label, _ in hits) if len(groups) == 1 and "" not in groups else None


_MATCHERS: dict[tuple[int, int], tuple[ActorVocab, PhraseMatcher]] = {}


def _matcher_for(actor_vocab: ActorVocab, vocab: Vocab) -> PhraseMatcher:
    key = (id(actor_vocab), id(vocab))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is actor_vocab:
        return cached[1]
    from spacy.lang.en import English

    matcher = PhraseMatcher(vocab, attr="ORTH")
    # English's own tokenizer rules, as the pipeline applies them: "People's" is two tokens, "al-Qaeda" three.
    tokenizer = English(vocab=vocab).tokenizer
    for surface in actor_vocab.surfaces:
        matcher.add(surface, [tokenizer(surface)])
    _MATCHERS[key] = (actor_vocab, matcher)
    return matcher


def _split(surface: str) -> list[str]:
    """Tokens of a surface form as spaCy's English tokenizer splits them (possessive and hyphen aware)."""
    words: list[str] = []
    for word in surface.split():
        if "-" in word and not word.startswith("-") and len(word) > 1:
            parts = word.split("-")
            for index, part in enumerate(parts):
                if part:
                    words.append(part)
                if index < len(parts) - 1:
                    words.append("-")
        else:
            words.append(word)
    return words


def _strip_article(surface: str) -> str:
    for article in ("the ", "The "):
        if surface.startswith(article):
            return surface[len(article):]
    return surface


def _add(surfaces: dict[str, Entry], surface: Any, entry: Entry, label: str) -> None:
    if not isinstance(surface, str) or not surface.strip():
        raise DataFileError(label, f"surface form {surface!r} of {entry.name or entry.country} is not a string")
    key = _strip_article(surface.strip())
    surfaces.setdefault(key, entry)  # first file wins: user files are loaded first, so they override
    if "'" in key:  # news text often has typographic apostrophes: "People’s Liberation Army"
        surfaces.setdefault(key.replace("'", "\u2019"), entry)


def _countries(label: str, entries: list[dict[str, Any]], surfaces: dict[str, Entry]) -> None:
    for entry in entries:
        code = entry.get("code")
        if not isinstance(code, str) or len(code) != 3 or not code.isupper():
            raise DataFileError(label, f"country code {code!r} must be three upper-case letters")
        for key, kind, role in (
            ("names", "country", None), ("adjectives", "adjective", None), ("demonyms", "demonym", None),
            ("metonyms", "metonym", "GOV"),
        ):
            for surface in entry.get(key) or ():
                _add(surfaces, surface, Entry(code, role, None, kind), label)


def _organisations(label: str, entries: list[dict[str, Any]], surfaces: dict[str, Entry]) -> None:
    for entry in entries:
        role = entry.get("role")
        if role is not None and role not in ROLES:
            raise DataFileError(label, f"role {role!r} of {entry.get('name')!r} is not a CAMEO role")
        country = entry.get("country")
        for surface in entry.get("names") or ():
            _add(surfaces, surface, Entry(country, role, entry.get("name"), "organisation"), label)


def _roles(label: str, entries: list[dict[str, Any]], roles: dict[tuple[str, ...], str]) -> None:
    for entry in entries:
        role = entry.get("role")
        if role not in ROLES:
            raise DataFileError(label, f"role {role!r} is not a CAMEO role")
        for noun in entry.get("nouns") or ():
            roles.setdefault(tuple(_split(str(noun).lower())), role)


_ACTOR_KEYS = ("countries", "organisations", "roles", "people")


@functools.cache
def load_actor_vocab(extra: tuple[Path, ...] = ()) -> ActorVocab:
    """The built-in vocabularies, with the user's files (``--actors``) taking precedence."""
    surfaces: dict[str, Entry] = {}
    roles: dict[tuple[str, ...], str] = {}
    people: dict[str, Person] = {}
    word_lists: dict[str, set[str]] = {
        "partitives": set(), "government_nouns": set(), "former_modifiers": set(), "proxy_nouns": set(),
        "homeland_nouns": set(), "anchor_words": set(), "currency_words": set(),
    }
    context_roles: set[str] = set()
    sources: list[Path | str] = [
        *extra, "countries.yaml", "organisations.yaml", "roles.yaml", *builtin_files("people"),
    ]
    for source in sources:
        label, document = read_document(source)
        if not set(_ACTOR_KEYS) & set(document):
            raise DataFileError(label, f"an actors file needs one of the lists {', '.join(_ACTOR_KEYS)}")
        if "countries" in document:
            _countries(label, entries(label, document, "countries"), surfaces)
        if "organisations" in document:
            _organisations(label, entries(label, document, "organisations"), surfaces)
        if "roles" in document:
            _roles(label, entries(label, document, "roles"), roles)
        if "people" in document:
            _people(label, entries(label, document, "people"), surfaces, people)
        for key, words in word_lists.items():
            words.update(str(w).lower() for w in document.get(key) or ())
        for code in document.get("context_roles") or ():
            if str(code) not in ROLES:
                raise DataFileError(label, f"context_roles: {code!r} is not a CAMEO role")
            context_roles.add(str(code))
    return ActorVocab(
        surfaces, roles, max((len(k) for k in roles), default=1), people,
        **{key: frozenset(words) for key, words in word_lists.items()}, context_roles=frozenset(context_roles),
    )


def _people(
    label: str, found: list[dict[str, Any]], surfaces: dict[str, Entry], people: dict[str, Person]
) -> None:
    for entry in found:
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise DataFileError(label, f"a person has no name: {entry!r}")
        spells = []
        for role in entry.get("roles") or ():
            if not isinstance(role, dict) or role.get("role") not in ROLES or not role.get("country"):
                raise DataFileError(label, f"{name}: each role needs a country and a CAMEO role, got {role!r}")
            start, end = _iso(role.get("start"), label, name), _iso(role.get("end"), label, name)
            if start is None:
                raise DataFileError(label, f"{name}: a role has no start date")
            spells.append(Spell(str(role["country"]), str(role["role"]), str(role.get("title") or ""), start, end))
        if name in people:
            continue  # first file wins: a user's entry overrides the built-in one
        person = Person(name, entry.get("country"), tuple(spells))
        people[name] = person
        for surface in (name, *(entry.get("aliases") or ())):
            _add(surfaces, surface, Entry(person.country, None, name, "person"), label)


def _iso(value: Any, label: str, name: str) -> str | None:
    if value is None:
        return None
    text = str(value)  # YAML may have parsed an unquoted date
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise DataFileError(label, f"{name}: {value!r} is not a YYYY-MM-DD date")
    return text


@functools.cache
def international_codes() -> frozenset[str]:
    """Actor country codes that are international bodies or generic kinds, not states (UNO, NATO, EUR, IGO)."""
    vocab = load_actor_vocab()
    states = {e.country for e in vocab.surfaces.values() if e.kind == "country"}
    bodies = {e.country for e in vocab.surfaces.values() if e.kind == "organisation" and e.country}
    return frozenset(bodies - states) | {"IGO", "NGO", "MNC", "IMG"}
