"""Actor vocabularies: countries, organisations and role nouns, loaded from data files and indexed."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from facta.data import load_yaml
from facta.errors import DataFileError

ROLES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG ELI REF LAB HRI IGO NGO".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form (a name, adjective, demonym, metonym) denotes."""

    country: str | None
    role: str | None
    name: str | None
    kind: str  # country | adjective | demonym | metonym | organisation


@dataclass(frozen=True, slots=True)
class ActorVocab:
    """Every known surface form and role noun; the matcher is built per spaCy vocabulary on first use."""

    surfaces: dict[str, Entry]
    roles: dict[tuple[str, ...], str]  # lemma sequence -> CAMEO role
    longest_role: int

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        return _matcher_for(self, vocab)


_MATCHERS: dict[tuple[int, int], tuple[ActorVocab, PhraseMatcher]] = {}


def _matcher_for(actor_vocab: ActorVocab, vocab: Vocab) -> PhraseMatcher:
    key = (id(actor_vocab), id(vocab))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is actor_vocab:
        return cached[1]
    matcher = PhraseMatcher(vocab, attr="ORTH")
    tokenizer_vocab = vocab
    for surface in actor_vocab.surfaces:
        words = _split(surface)
        matcher.add(surface, [_doc(tokenizer_vocab, words)])
    _MATCHERS[key] = (actor_vocab, matcher)
    return matcher


def _doc(vocab: Vocab, words: list[str]) -> Any:
    from spacy.tokens import Doc

    return Doc(vocab, words=words)


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


@functools.cache
def load_actor_vocab(extra: tuple[Path, ...] = ()) -> ActorVocab:
    """The built-in vocabularies, with the user's files (``--actors``) taking precedence."""
    surfaces: dict[str, Entry] = {}
    roles: dict[tuple[str, ...], str] = {}
    sources: Iterable[Path | str] = (*extra, "countries.yaml", "organisations.yaml", "roles.yaml")
    for source in sources:
        for key, loader in (("countries", _countries), ("organisations", _organisations)):
            if _has_key(source, key):
                label, entries = load_yaml(source, key)
                loader(label, entries, surfaces)
        if _has_key(source, "roles"):
            label, entries = load_yaml(source, "roles")
            _roles(label, entries, roles)
    return ActorVocab(surfaces, roles, max((len(k) for k in roles), default=1))


def _has_key(source: Path | str, key: str) -> bool:
    if isinstance(source, str):
        return {"countries.yaml": "countries", "organisations.yaml": "organisations", "roles.yaml": "roles"}[
            source
        ] == key
    import yaml

    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataFileError(str(source), f"cannot read ({str(error).splitlines()[0]})") from None
    if not isinstance(document, dict) or not {"countries", "organisations", "roles"} & set(document):
        raise DataFileError(str(source), "an actors file needs a countries, organisations or roles list")
    return key in document
