"""Within-article resolution and dated roles, on a hand-built parse of a short article of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from facta.actors import find_actors, load_actor_vocab
from tests.parses import doc_from

ARTICLE = """
    Chilean      chilean      ADJ    JJ    amod       1   B-NORP
    President    President    PROPN  NNP   compound   3   O
    Anna         Anna         PROPN  NNP   compound   3   B-PERSON
    Keller       Keller       PROPN  NNP   nsubj      4   I-PERSON
    met          meet         VERB   VBD   ROOT       4   O
    Peruvian     peruvian     ADJ    JJ    amod       6   B-NORP
    officials    official     NOUN   NNS   dobj       4   O
    on           on           ADP    IN    prep       4   O
    Monday       Monday       PROPN  NNP   pobj       7   B-DATE
    .            .            PUNCT  .     punct      4   O
    Keller       Keller       PROPN  NNP   nsubj      11  B-PERSON
    praised      praise       VERB   VBD   ROOT       11  O
    Peru         Peru         PROPN  NNP   dobj       11  B-GPE
    .            .            PUNCT  .     punct      11  O
    She          she          PRON   PRP   nsubj      15  O
    criticised   criticise    VERB   VBD   ROOT       15  O
    Bolivia      Bolivia      PROPN  NNP   dobj       15  B-GPE
    .            .            PUNCT  .     punct      15  O
    The          the          DET    DT    det        19  O
    president    president    NOUN   NN    nsubj      20  O
    condemned    condemn      VERB   VBD   ROOT       20  O
    Argentina    Argentina    PROPN  NNP   dobj       20  B-GPE
    .            .            PUNCT  .     punct      20  O
    The          the          DET    DT    det        24  O
    government   government   NOUN   NN    nsubj      25  O
    expelled     expel        VERB   VBD   ROOT       25  O
    Bolivian     Bolivian     PROPN  NNP   amod       27  B-NORP
    diplomats    diplomat     NOUN   NNS   dobj       25  O
    .            .            PUNCT  .     punct      25  O
    Her          her          PRON   PRP$  poss       30  O
    government   government   NOUN   NN    nsubj      31  O
    sanctioned   sanction     VERB   VBD   ROOT       31  O
    Ecuador      Ecuador      PROPN  NNP   dobj       31  B-GPE
    .            .            PUNCT  .     punct      31  O
"""
KNOWN_PERSON = """
    Marta        Marta        PROPN  NNP   compound   1   B-ORG
    Quispe       Quispe       PROPN  NNP   nsubj      2   I-ORG
    criticised   criticise    VERB   VBD   ROOT       2   O
    Peru         Peru         PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
FORMER = """
    Former       former       ADJ    JJ    amod       2   O
    Chilean      Chilean      PROPN  NNP   compound   2   B-NORP
    minister     minister     NOUN   NN    compound   4   O
    Luis         Luis         PROPN  NNP   compound   4   B-PERSON
    Soto         Soto         PROPN  NNP   nsubj      5   I-PERSON
    praised      praise       VERB   VBD   ROOT       5   O
    Peru         Peru         PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      5   O
"""


def codes(table: str, heads: list[int], date: str | None = "2021-06-01", extra: tuple[Path, ...] = ()
          ) -> list[tuple[str | None, str | None]]:
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab(extra), date=date)
    found = []
    for index in heads:
        mention = actors.resolve(doc[index])
        found.append((mention.actor.code, mention.actor.name) if mention else (None, None))
    return found


@pytest.mark.parametrize(("index", "expected"), [
    (3, ("CHLGOV", "Anna Keller")),   # title and adjective define a person the dictionary does not know
    (10, ("CHLGOV", "Anna Keller")),  # a later surname
    (14, ("CHLGOV", "Anna Keller")),  # "She" in the next sentence
    (19, ("CHLGOV", "Anna Keller")),  # "the president"
    (24, ("CHLGOV", None)),           # "the government": the state of the salient actor
    (30, ("CHLGOV", None)),           # "Her government"
], ids=["title", "surname", "pronoun", "the_president", "the_government", "her_government"])
def test_later_mentions_resolve_to_the_actor_introduced_earlier(index: int, expected: tuple[str, str]) -> None:
    assert codes(ARTICLE, [index]) == [expected]


def test_unresolvable_pronoun_stays_null() -> None:
    table = """
    She          she          PRON   PRP   nsubj      1   O
    criticised   criticise    VERB   VBD   ROOT       1   O
    Bolivia      Bolivia      PROPN  NNP   dobj       1   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert codes(table, [0]) == [(None, None)]


def test_former_official_codes_as_elite() -> None:
    assert codes(FORMER, [4]) == [("CHLELI", "Luis Soto")]


@pytest.fixture
def actors_file(tmp_path: Path) -> Path:
    path = tmp_path / "my_actors.yaml"
    path.write_text(
        "version: 1\n"
        "people:\n"
        "  - name: Marta Quispe\n"
        "    aliases: [Quispe]\n"
        "    country: BOL\n"
        "    roles:\n"
        "      - {country: BOL, role: GOV, title: president, start: '2020-01-10', end: '2022-01-10'}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(("date", "code"), [
    ("2021-06-01", "BOLGOV"),  # in office
    ("2019-06-01", "BOL"),     # before office: a candidate is not GOV
    ("2023-06-01", "BOL"),     # after
])
def test_a_person_codes_by_the_role_held_on_the_date(actors_file: Path, date: str, code: str) -> None:
    assert codes(KNOWN_PERSON, [1], date=date, extra=(actors_file,)) == [(code, "Marta Quispe")]


def test_user_actor_file_adds_an_organisation(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text(
        "version: 1\norganisations:\n"
        "  - {names: [Quispe Foundation], name: Quispe Foundation, country: BOL, role: NGO, kind: NGO}\n",
        encoding="utf-8",
    )
    table = """
    Quispe       Quispe       PROPN  NNP   compound   1   B-ORG
    Foundation   Foundation   PROPN  NNP   nsubj      2   I-ORG
    criticised   criticise    VERB   VBD   ROOT       2   O
    Peru         Peru         PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    assert codes(table, [1], extra=(path,)) == [("BOLNGO", "Quispe Foundation")]


def test_the_president_is_the_one_the_story_is_about_not_the_last_named() -> None:
    table = """
    Chilean      chilean      ADJ    JJ    amod       1   B-NORP
    President    President    PROPN  NNP   compound   3   O
    Anna         Anna         PROPN  NNP   compound   3   B-PERSON
    Keller       Keller       PROPN  NNP   nsubj      4   I-PERSON
    met          meet         VERB   VBD   ROOT       4   O
    Peruvian     peruvian     ADJ    JJ    amod       6   B-NORP
    President    President    PROPN  NNP   compound   8   O
    Luis         Luis         PROPN  NNP   compound   8   B-PERSON
    Soto         Soto         PROPN  NNP   dobj       4   I-PERSON
    .            .            PUNCT  .     punct      4   O
    The          the          DET    DT    det        11  O
    president    president    NOUN   NN    nsubj      12  O
    condemned    condemn      VERB   VBD   ROOT       12  O
    Argentina    Argentina    PROPN  NNP   dobj       12  B-GPE
    .            .            PUNCT  .     punct      12  O
    """
    assert codes(table, [8, 11]) == [("PERGOV", "Luis Soto"), ("CHLGOV", "Anna Keller")]


def test_a_role_noun_takes_the_country_of_its_possessive_pronoun() -> None:
    # "Kenya said its troops left Somalia": the troops are Kenyan, their role is the noun's
    table = """
    Kenya        Kenya        PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    its          its          PRON   PRP$  poss       3   O
    troops       troop        NOUN   NNS   nsubj      4   O
    left         leave        VERB   VBD   ccomp      1   O
    Somalia      Somalia      PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert codes(table, [3]) == [("KENMIL", None)]


def test_an_articles_actors_are_freed_without_the_cycle_collector() -> None:
    """No reference cycle keeps a parsed article alive: on a long run, memory stays flat between the garbage
    collector's rare full passes (a cycle through the discourse once held every Doc until then)."""
    import gc

    from facta.actors import ArticleActors
    from facta.actors.discourse import Discourse

    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc = doc_from(ARTICLE)
        actors = find_actors(doc, load_actor_vocab(), date="2021-06-01")
        assert actors.resolve(doc[19]) is not None  # "the president": goes through the discourse
        del actors, doc
        gc.collect()
        leaked = [o for o in gc.garbage if isinstance(o, ArticleActors | Discourse)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert leaked == []
