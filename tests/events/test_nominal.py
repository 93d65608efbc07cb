"""Event nouns: light verbs, nominal events with agents and patients, "between X and Y"."""

from __future__ import annotations

import pytest

from facta.actors import find_actors, load_actor_vocab
from facta.events import code_events
from facta.events.nominal import NounPattern
from facta.model import Event
from tests.events.test_mechanisms import _patterns, triples
from tests.parses import article_for, doc_from

NOUNS = {
    "assault": (NounPattern("assault", "assault", "190"),),
    "expulsion": (NounPattern("expulsion", "expulsion", "174", patient="of"),),
    "clash": (NounPattern("clash", "clash", "190"),),
}

LIGHT_VERB = """
    Iraqi        iraqi        ADJ    JJ    amod       1   B-NORP
    troops       troop        NOUN   NNS   nsubj      2   O
    launched     launch       VERB   VBD   ROOT       2   O
    an           an           DET    DT    det        4   O
    assault      assault      NOUN   NN    dobj       2   O
    on           on           ADP    IN    prep       4   O
    Syria        Syria        PROPN  NNP   pobj       5   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
NOMINAL_WITH_AGENT = """
    The          the          DET    DT    det        1   O
    expulsion    expulsion    NOUN   NN    nsubj      10  O
    of           of           ADP    IN    prep       1   O
    60           60           NUM    CD    nummod     5   B-CARDINAL
    Russian      russian      ADJ    JJ    amod       5   B-NORP
    diplomats    diplomat     NOUN   NNS   pobj       2   O
    by           by           ADP    IN    prep       5   O
    the          the          DET    DT    det        9   B-GPE
    United       United       PROPN  NNP   compound   9   I-GPE
    States       States       PROPN  NNP   pobj       6   I-GPE
    angered      anger        VERB   VBD   ROOT       10  O
    Moscow       Moscow       PROPN  NNP   dobj       10  B-GPE
    .            .            PUNCT  .     punct      10  O
"""
BETWEEN = """
    Clashes      clash        NOUN   NNS   nsubj      5   O
    between      between      ADP    IN    prep       0   O
    Armenia      Armenia      PROPN  NNP   pobj       1   B-GPE
    and          and          CCONJ  CC    cc         2   O
    Azerbaijan   Azerbaijan   PROPN  NNP   conj       2   B-GPE
    left         leave        VERB   VBD   ROOT       5   O
    ten          ten          NUM    CD    dobj       5   B-CARDINAL
    dead         dead         ADJ    JJ    oprd       5   O
    .            .            PUNCT  .     punct      5   O
"""


def code(table: str) -> list[Event]:
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab(), date="2024-03-15")
    return code_events(doc, article_for(doc), actors, _patterns(), NOUNS)


@pytest.mark.parametrize(("table", "expected", "trigger"), [
    (LIGHT_VERB, [("IRQMIL", "190", "SYR")], "assault"),
    (NOMINAL_WITH_AGENT, [("USA", "174", "RUSGOV")], "expulsion"),
    (BETWEEN, [("ARM", "190", "AZE"), ("AZE", "190", "ARM")], "Clashes"),
], ids=["light_verb_subject_is_source", "nominal_by_agent_and_of_patient", "between_x_and_y_is_reciprocal"])
def test_event_nouns(table: str, expected: list[tuple[str, str, str]], trigger: str) -> None:
    events = code(table)
    assert sorted(triples(events)) == sorted(expected)
    assert {e.evidence.trigger for e in events} == {trigger}
    assert all(e.evidence.rule.startswith("nouns/") for e in events)


def test_noun_object_of_a_coded_verb_is_not_coded_again() -> None:
    table = """
    Germany      Germany      PROPN  NNP   nsubj      1   B-GPE
    condemned    condemn      VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        4   O
    Iraqi        iraqi        ADJ    JJ    amod       4   B-NORP
    assault      assault      NOUN   NN    dobj       1   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("DEU", "111", "IRQ")]


def test_event_noun_as_the_means_of_an_uncoded_verb() -> None:
    # "Irish guerrillas wounded two British soldiers in a bomb attack on Thursday."
    table = """
    Irish        irish        ADJ    JJ    amod       1   B-NORP
    guerrillas   guerrilla    NOUN   NNS   nsubj      2   O
    wounded      wound        VERB   VBD   ROOT       2   O
    two          two          NUM    CD    nummod     5   B-CARDINAL
    British      british      ADJ    JJ    amod       5   B-NORP
    soldiers     soldier      NOUN   NNS   dobj       2   O
    in           in           ADP    IN    prep       2   O
    a            a            DET    DT    det        9   O
    bomb         bomb         NOUN   NN    compound   9   O
    attack       attack       NOUN   NN    pobj       6   O
    on           on           ADP    IN    prep       9   O
    Thursday     Thursday     PROPN  NNP   pobj       10  B-DATE
    .            .            PUNCT  .     punct      2   O
    """
    doc = doc_from(table)
    nouns = {**NOUNS, "attack": (NounPattern("attack", "attack", "190"),)}
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), _patterns(), nouns)
    assert triples(events) == [("IRLREB", "190", "GBRMIL")]
    assert events[0].date == "2024-03-14"  # "on Thursday" before Friday 15 March


def test_an_event_noun_modifying_a_vague_head_stands_in_its_place() -> None:
    # "Oman began a mediation effort between Iran and Iraq": the effort is the mediation, its targets the pair
    table = """
    Oman         Oman         PROPN  NNP   nsubj      1   B-GPE
    began        begin        VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        4   O
    mediation    mediation    NOUN   NN    compound   4   O
    effort       effort       NOUN   NN    dobj       1   O
    between      between      ADP    IN    prep       4   O
    Iran         Iran         PROPN  NNP   pobj       5   B-GPE
    and          and          CCONJ  CC    cc         6   O
    Iraq         Iraq         PROPN  NNP   conj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab(), date="2024-03-15")
    nouns = {"mediation": (NounPattern("mediation", "mediation", "045"),)}
    events = code_events(doc, article_for(doc), actors, _patterns(), nouns)
    assert sorted(triples(events)) == [("OMN", "045", "IRN"), ("OMN", "045", "IRQ")]
    assert {e.evidence.trigger for e in events} == {"mediation"}


def test_a_verb_object_word_list_reaches_through_a_vague_head() -> None:
    # "Oman halted its mediation efforts": the pattern's word list names the compound, not "efforts"
    from facta.events.patterns import Pattern, Patterns, load_cues

    table = """
    Oman         Oman         PROPN  NNP   nsubj      1   B-GPE
    halted       halt         VERB   VBD   ROOT       1   O
    its          its          PRON   PRP$  poss       4   O
    mediation    mediation    NOUN   NN    compound   4   O
    efforts      effort       NOUN   NNS   dobj       1   O
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    patterns = Patterns({"halt": (
        Pattern("halt/mediation", "halt", "165", object=frozenset({"mediation"}), target="none"),
    )}, load_cues())
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), patterns, {})
    assert triples(events) == [("OMN", "165", None)]


def test_a_noun_pattern_s_preposition_may_hang_on_its_light_verb() -> None:
    # "Peru gave a warm welcome on Friday to Chile's president": "to" is parsed on "gave"
    table = """
    Peru         Peru         PROPN  NNP   nsubj      1   B-GPE
    gave         give         VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        4   O
    warm         warm         ADJ    JJ    amod       4   O
    welcome      welcome      NOUN   NN    dobj       1   O
    on           on           ADP    IN    prep       1   O
    Friday       Friday       PROPN  NNP   pobj       5   B-DATE
    to           to           ADP    IN    prep       1   O
    Chile        Chile        PROPN  NNP   poss       10  B-GPE
    's           's           PART   POS   case       8   O
    president    president    NOUN   NN    pobj       7   O
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab(), date="2024-03-15")
    nouns = {"welcome": (NounPattern("welcome/to", "welcome", "043", prep="to"),)}
    events = code_events(doc, article_for(doc), actors, _patterns(), nouns)
    assert triples(events) == [("PER", "043", "CHLGOV")]


def test_those_engaged_in_an_event_are_its_doers_not_the_engaged() -> None:
    # "Chilean troops were engaged in an assault": Chile's assault; not someone engaging (attacking) the troops
    from facta.events.patterns import Pattern, Patterns, load_cues

    table = """
    Chilean      chilean      ADJ    JJ    amod       1   B-NORP
    troops       troop        NOUN   NNS   nsubjpass  3   O
    were         be           AUX    VBD   auxpass    3   O
    engaged      engage       VERB   VBN   ROOT       3   O
    in           in           ADP    IN    prep       3   O
    an           an           DET    DT    det        6   O
    assault      assault      NOUN   NN    pobj       4   O
    .            .            PUNCT  .     punct      3   O
    """
    doc = doc_from(table)
    patterns = Patterns({"engage": (Pattern("engage", "engage", "190"),)}, load_cues())
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), patterns, NOUNS)
    assert triples(events) == [("CHLMIL", "190", None)]
    assert events[0].evidence.trigger == "assault"


def test_an_event_noun_announced_is_the_event_not_a_statement() -> None:
    # "Peru announced the expulsion of Chilean diplomats": the expulsion (174), not a statement (010)
    from facta.events.patterns import Pattern, Patterns, load_cues

    table = """
    Peru         Peru         PROPN  NNP   nsubj      1   B-GPE
    announced    announce     VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    expulsion    expulsion    NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    Chilean      chilean      ADJ    JJ    amod       6   B-NORP
    diplomats    diplomat     NOUN   NNS   pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    patterns = Patterns({"announce": (Pattern("announce", "announce", "010", target="none"),)}, load_cues())
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), patterns, NOUNS)
    assert triples(events) == [("PER", "174", "CHLGOV")]


def test_an_event_noun_refused_is_negated_and_the_refusal_coded() -> None:
    # "Peru refused talks with Chile": no talks (040, negated); the refusal is Peru's rejection of talks (125)
    table = """
    Peru         Peru         PROPN  NNP   nsubj      1   B-GPE
    refused      refuse       VERB   VBD   ROOT       1   O
    talks        talk         NOUN   NNS   dobj       1   O
    with         with         ADP    IN    prep       2   O
    Chile        Chile        PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    nouns = {"talk": (NounPattern("talk/with", "talk", "040", prep="with"),)}
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), _patterns(), nouns)
    assert [(*t, e.negated) for t, e in zip(triples(events), events, strict=True)] == [
        ("PER", "040", "CHL", True), ("PER", "125", "CHL", False)]


def test_an_event_noun_in_a_series_takes_the_series_light_verb() -> None:
    # "Chile launched a wave of assaults on Peru"
    table = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    launched     launch       VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    wave         wave         NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    assaults     assault      NOUN   NNS   pobj       4   O
    on           on           ADP    IN    prep       5   O
    Peru         Peru         PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("CHL", "190", "PER")]


UNDONE = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    announced    announce     VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    {head:<12} {head:<12} NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    sanctions    sanction     NOUN   NNS   pobj       4   O
    on           on           ADP    IN    prep       5   O
    Peru         Peru         PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("head", "expected"), [
    ("lifting", [("CHL", "085", "PER")]),      # the lifting of sanctions: eased, and no sanctions imposed
    ("imposition", [("CHL", "163", "PER")]),   # the imposition of sanctions: the sanctions are the event
])
def test_what_a_noun_is_of_selects_its_pattern_and_an_undone_event_is_not_coded(
    head: str, expected: list[tuple[str, str, str]]
) -> None:
    doc = doc_from(UNDONE.format(head=head))
    nouns = {
        "lifting": (NounPattern("lifting/of/sanction", "lifting", "085", of=frozenset({"sanction"})),),
        "sanction": (NounPattern("sanction", "sanction", "163"),),
    }
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), _patterns(), nouns)
    assert triples(events) == expected


def test_an_event_noun_alone_is_its_premodifiers_not_its_complements() -> None:
    # "The assault from Peru failed": Peru is where it came from, not who did it (that is unknown)
    table = """
    The          the          DET    DT    det        1   O
    assault      assault      NOUN   NN    nsubj      4   O
    from         from         ADP    IN    prep       1   O
    Peru         Peru         PROPN  NNP   pobj       2   B-GPE
    failed       fail         VERB   VBD   ROOT       4   O
    .            .            PUNCT  .     punct      4   O
    """
    assert [e.source for e in code(table)] == [None] * len(code(table))


PUT_UNDER = """
    {subject:<12} {subject_lemma:<12} {subject_pos:<6} NNP   {subject_dep:<10} 3   {subject_ent}
    has          have         AUX    VBZ   aux        3   O
    {aux:<12} {aux_lemma:<12} AUX    VBN   {aux_dep:<10} 3   O
    put          put          VERB   VBN   ROOT       3   O
    {obj:<12} {obj_lemma:<12} {obj_pos:<6} NNP   {obj_dep:<10} 3   {obj_ent}
    under        under        ADP    IN    prep       3   O
    investigation investigation NOUN NN    pobj       5   O
    .            .            PUNCT  .     punct      3   O
"""


@pytest.mark.parametrize(("fields", "expected"), [
    # "Italy has put Tajani under investigation" (active: the subject did it)
    ({"subject": "Italy", "subject_lemma": "Italy", "subject_pos": "PROPN", "subject_dep": "nsubj",
      "subject_ent": "B-GPE", "aux": "also", "aux_lemma": "also", "aux_dep": "advmod", "obj": "Britons",
      "obj_lemma": "Britons", "obj_pos": "PROPN", "obj_dep": "dobj", "obj_ent": "B-NORP"}, [("ITA", "090", "GBR")]),
    # "Britons have been put under investigation" (passive, no agent: the undergoer is the target)
    ({"subject": "Britons", "subject_lemma": "Britons", "subject_pos": "PROPN", "subject_dep": "nsubjpass",
      "subject_ent": "B-NORP", "aux": "been", "aux_lemma": "be", "aux_dep": "auxpass", "obj": "today",
      "obj_lemma": "today", "obj_pos": "NOUN", "obj_dep": "npadvmod", "obj_ent": "B-DATE"}, [(None, "090", "GBR")]),
], ids=["active", "passive"])
def test_an_event_noun_someone_is_put_under_is_undergone_by_him(
    fields: dict[str, str], expected: list[tuple[str | None, str, str]]
) -> None:
    doc = doc_from(PUT_UNDER.format(**fields))
    actors = find_actors(doc, load_actor_vocab(), date="2024-03-15")
    nouns = {"investigation": (NounPattern("investigation", "investigation", "090"),)}
    assert triples(code_events(doc, article_for(doc), actors, _patterns(), nouns)) == expected


def test_those_who_go_for_a_protest_or_talks_take_part_in_it() -> None:
    # "Iranian students gathered for a protest against Israel"
    table = """
    Iranian      iranian      ADJ    JJ    amod       1   B-NORP
    students     student      NOUN   NNS   nsubj      2   O
    gathered     gather       VERB   VBD   ROOT       2   O
    for          for          ADP    IN    prep       2   O
    a            a            DET    DT    det        5   O
    protest      protest      NOUN   NN    pobj       3   O
    against      against      ADP    IN    prep       5   O
    Israel       Israel       PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    doc = doc_from(table)
    actors = find_actors(doc, load_actor_vocab(), date="2024-03-15")
    nouns = {"protest": (NounPattern("protest/against", "protest", "141", prep="against"),),
             "sanction": (NounPattern("sanction", "sanction", "163"),)}
    assert triples(code_events(doc, article_for(doc), actors, _patterns(), nouns)) == [("IRNEDU", "141", "ISR")]


VAGUE_OF = """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    suspended    suspend      VERB   VBD   ROOT       1   O
    part         part         NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       2   O
    its          its          PRON   PRP$  poss       7   O
    {first:<12} {first_lemma:<12} {pos:<6} {tag:<5} compound   7   {ent}
    {second:<12} {second:<12} {pos:<6} {tag:<5} compound   7   {ent2}
    {head:<12} {head_lemma:<12} {pos:<6} {tag:<5} pobj       3   {ent2}
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("first", "first_lemma", "second", "head", "head_lemma", "pos", "tag", "ents", "expected"), [
    # "suspended part of its military aid program": what a vague head of the object stands for is in the list
    ("military", "military", "aid", "program", "program", "NOUN", "NN", ("O", "O"), [("JPN", "162", None)]),
    # a name ending in a vague word is no such head: "part of its World Food Program" is not food
    ("World", "World", "Food", "Program", "Program", "PROPN", "NNP", ("B-ORG", "I-ORG"), []),
], ids=["vague_head_of_a_partitive", "a_name_is_no_vague_head"])
def test_a_verb_object_word_list_reaches_through_a_partitive_and_a_vague_head(
    first: str, first_lemma: str, second: str, head: str, head_lemma: str, pos: str, tag: str,
    ents: tuple[str, str], expected: list[tuple[str, str, str | None]],
) -> None:
    from facta.events.patterns import Pattern, Patterns, load_cues

    table = VAGUE_OF.format(first=first, first_lemma=first_lemma, second=second, head=head, head_lemma=head_lemma,
                            pos=pos, tag=tag, ent=ents[0] if pos == "PROPN" else "O", ent2=ents[1])
    doc = doc_from(table)
    patterns = Patterns({"suspend": (
        Pattern("suspend/aid", "suspend", "162", object=frozenset({"aid", "food"}), target="none"),
    )}, load_cues())
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), patterns, {})
    assert triples(events) == expected


def test_a_topic_preposition_names_no_target() -> None:
    # "negotiators returned for talks on the conflict in Ukraine": what the talks are on is not whom they are with
    table = """
    Russian      russian      ADJ    JJ    amod       1   B-NORP
    negotiators  negotiator   NOUN   NNS   nsubj      2   O
    returned     return       VERB   VBD   ROOT       2   O
    for          for          ADP    IN    prep       2   O
    talks        talk         NOUN   NNS   pobj       3   O
    on           on           ADP    IN    prep       4   O
    the          the          DET    DT    det        7   O
    conflict     conflict     NOUN   NN    pobj       5   O
    in           in           ADP    IN    prep       7   O
    Ukraine      Ukraine      PROPN  NNP   pobj       8   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    doc = doc_from(table)
    nouns = {"talk": (NounPattern("talk/on", "talk", "040", prep="on", topic=True),)}
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), _patterns(), nouns)
    assert triples(events) == [("RUSGOV", "040", None)]
