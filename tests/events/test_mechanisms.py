"""The event coder's mechanisms, one parametrized test each, on hand-built parses and a fixed pattern set.

The patterns here are the test's own, so these tests check the mechanism, not the built-in dictionary.
"""

from __future__ import annotations

import pytest

from facta.actors import find_actors, load_actor_vocab
from facta.events import code_events, main_event
from facta.events.patterns import Pattern, Patterns, load_cues
from facta.model import Event, Plover
from tests.parses import article_for, doc_from

PATTERNS = (
    Pattern("expel", "expel", "174"),
    Pattern("expel/diplomat", "expel", "174", object=frozenset({"diplomat"})),
    Pattern("condemn", "condemn", "111"),
    Pattern("provide/aid/to", "provide", "070", object=frozenset({"aid"}), prep="to", target="prep"),
    Pattern("meet", "meet", "040"),
    Pattern("meet/with", "meet", "040", prep="with", target="prep"),
    Pattern("sanction", "sanction", "163"),
    Pattern("attack", "attack", "190"),
    Pattern("shell", "shell", "194"),
    Pattern("fire/on", "fire", "193", prep="on", target="prep"),
    Pattern("release", "release", "0841"),
    Pattern("urge", "urge", "020"),
    Pattern("say", "say", "010"),
    Pattern("agree", "agree", "030"),
    Pattern("allow/inspector", "allow", "0862", object=frozenset({"inspector"}), target="none"),
    Pattern("arrest", "arrest", "173"),
)


def _patterns() -> Patterns:
    index: dict[str, list[Pattern]] = {}
    for pattern in PATTERNS:
        index.setdefault(pattern.verb, []).append(pattern)
    return Patterns({v: tuple(sorted(ps, key=lambda p: -p.specificity)) for v, ps in index.items()}, load_cues())


def code_with(table: str, *patterns: Pattern, date: str | None = "2024-03-15") -> list[Event]:
    """Code a hand-built parse with the given patterns only."""
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        index.setdefault(pattern.verb, []).append(pattern)
    doc = doc_from(table)
    found = Patterns({v: tuple(sorted(ps, key=lambda p: -p.specificity)) for v, ps in index.items()}, load_cues())
    return code_events(doc, article_for(doc, date), find_actors(doc, load_actor_vocab(), date=date), found)


def code(table: str, date: str | None = "2024-03-15") -> list[Event]:
    doc = doc_from(table)
    return code_events(doc, article_for(doc, date), find_actors(doc, load_actor_vocab(), date=date), _patterns())


def triples(events: list[Event]) -> list[tuple[str | None, str, str | None]]:
    return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in events]


EXPELLED = """
    Britain      Britain      PROPN  NNP   nsubj      1   B-GPE
    expelled     expel        VERB   VBD   ROOT       1   O
    23           23           NUM    CD    nummod     4   B-CARDINAL
    Russian      russian      ADJ    JJ    amod       4   B-NORP
    diplomats    diplomat     NOUN   NNS   dobj       1   O
    on           on           ADP    IN    prep       1   O
    Wednesday    Wednesday    PROPN  NNP   pobj       5   B-DATE
    .            .            PUNCT  .     punct      1   O
"""
PASSIVE = """
    Russian      russian      ADJ    JJ    amod       1   B-NORP
    diplomats    diplomat     NOUN   NNS   nsubjpass  3   O
    were         be           AUX    VBD   auxpass    3   O
    expelled     expel        VERB   VBN   ROOT       3   O
    by           by           ADP    IN    agent      3   O
    Britain      Britain      PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      3   O
"""
COORDINATED_ACTORS = """
    The          the          DET    DT    det        2   B-GPE
    United       United       PROPN  NNP   compound   2   I-GPE
    States       States       PROPN  NNP   nsubj      5   I-GPE
    and          and          CCONJ  CC    cc         2   O
    Britain      Britain      PROPN  NNP   conj       2   B-GPE
    condemned    condemn      VERB   VBD   ROOT       5   O
    Iran         Iran         PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      5   O
"""
CONTROL = """
    The          the          DET    DT    det        1   O
    Kremlin      Kremlin      PROPN  NNP   nsubj      2   B-ORG
    agreed       agree        VERB   VBD   ROOT       2   O
    to           to           PART   TO    aux        4   O
    provide      provide      VERB   VB    xcomp      2   O
    aid          aid          NOUN   NN    dobj       4   O
    to           to           ADP    IN    prep       4   O
    Syria        Syria        PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
REFUSED = """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    refused      refuse       VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    meet         meet         VERB   VB    xcomp      1   O
    the          the          DET    DT    det        6   O
    Chinese      chinese      ADJ    JJ    amod       6   B-NORP
    ambassador   ambassador   NOUN   NN    dobj       3   O
    .            .            PUNCT  .     punct      1   O
"""
DID_NOT = """
    Germany      Germany      PROPN  NNP   nsubj      3   B-GPE
    did          do           AUX    VBD   aux        3   O
    not          not          PART   RB    neg        3   O
    sanction     sanction     VERB   VB    ROOT       3   O
    Iran         Iran         PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      3   O
"""
COULD = """
    France       France       PROPN  NNP   nsubj      2   B-GPE
    could        could        AUX    MD    aux        2   O
    attack       attack       VERB   VB    ROOT       2   O
    Mali         Mali         PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
WILL = """
    Canada       Canada       PROPN  NNP   nsubj      2   B-GPE
    will         will         AUX    MD    aux        2   O
    meet         meet         VERB   VB    ROOT       2   O
    with         with         ADP    IN    prep       2   O
    Mexico       Mexico       PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
REPORTED = """
    The          the          DET    DT    det        1   O
    ministry     ministry     NOUN   NN    nsubj      2   O
    said         say          VERB   VBD   ROOT       2   O
    that         that         SCONJ  IN    mark       5   O
    Turkey       Turkey       PROPN  NNP   nsubj      5   B-GPE
    attacked     attack       VERB   VBD   ccomp      2   O
    Syria        Syria        PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      2   O
"""
URGED = """
    China        China        PROPN  NNP   nsubj      1   B-GPE
    urged        urge         VERB   VBD   ROOT       1   O
    Japan        Japan        PROPN  NNP   dobj       1   B-GPE
    to           to           PART   TO    aux        4   O
    release      release      VERB   VB    xcomp      1   O
    the          the          DET    DT    det        6   O
    fishermen    fisherman    NOUN   NNS   dobj       4   O
    .            .            PUNCT  .     punct      1   O
"""
COORDINATED_VERBS = """
    Azerbaijan   Azerbaijan   PROPN  NNP   nsubj      1   B-GPE
    shelled      shell        VERB   VBD   ROOT       1   O
    and          and          CCONJ  CC    cc         1   O
    attacked     attack       VERB   VBD   conj       1   O
    Armenia      Armenia      PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""
PARATAXIS = """
    Iraqi        iraqi        ADJ    JJ    amod       1   B-NORP
    troops       troop        NOUN   NNS   nsubj      2   O
    fired        fire         VERB   VBD   ccomp      9   O
    on           on           ADP    IN    prep       2   O
    Kurdish      kurdish      ADJ    JJ    amod       5   B-NORP
    protesters   protester    NOUN   NNS   pobj       3   O
    ,            ,            PUNCT  ,     punct      9   O
    the          the          DET    DT    det        8   O
    army         army         NOUN   NN    nsubj      9   O
    said         say          VERB   VBD   ROOT       9   O
    .            .            PUNCT  .     punct      9   O
"""
TITLES = """
    Chinese      chinese      ADJ    JJ    amod       2   B-NORP
    Foreign      Foreign      PROPN  NNP   compound   2   O
    Minister     Minister     PROPN  NNP   compound   4   O
    Wang         Wang         PROPN  NNP   compound   4   B-PERSON
    Yi           Yi           PROPN  NNP   nsubj      5   I-PERSON
    met          meet         VERB   VBD   ROOT       5   O
    Egyptian     egyptian     ADJ    JJ    amod       7   B-NORP
    President    President    PROPN  NNP   compound   8   O
    Sisi         Sisi         PROPN  NNP   dobj       5   B-PERSON
    .            .            PUNCT  .     punct      5   O
"""


@pytest.mark.parametrize(("table", "expected"), [
    (EXPELLED, [("GBR", "174", "RUSGOV")]),
    (PASSIVE, [("GBR", "174", "RUSGOV")]),
    (COORDINATED_ACTORS, [("USA", "111", "IRN"), ("GBR", "111", "IRN")]),
    (CONTROL, [("RUSGOV", "030", "SYR"), ("RUSGOV", "033", "SYR")]),
    (COORDINATED_VERBS, [("AZE", "194", "ARM"), ("AZE", "190", "ARM")]),
    (TITLES, [("CHNGOV", "040", "EGYGOV")]),
], ids=["active", "passive_swaps_source_and_target", "coordinated_actors_one_event_each", "control_inherits_subject",
        "coordinated_verbs_share_subject", "titles_define_person_actors"])
def test_clause_structure(table: str, expected: list[tuple[str, str, str]]) -> None:
    events = code(table)
    assert sorted(triples(events)) == sorted(expected)


def test_coordinated_verbs_first_conjunct_takes_the_shared_object() -> None:
    # "shelled and attacked Armenia": the object hangs on the second verb; the first has none of its own.
    events = code(COORDINATED_VERBS)
    assert ("AZE", "190", "ARM") in triples(events)


def test_pattern_with_object_constraint_wins_over_bare_verb() -> None:
    (event,) = code(EXPELLED)
    assert event.evidence.rule == "verbs/expel/diplomat"


@pytest.mark.parametrize(("table", "negated", "modality"), [
    (REFUSED, True, "asserted"),
    (DID_NOT, True, "asserted"),
    (COULD, False, "hypothetical"),
    (WILL, False, "intended"),
    (EXPELLED, False, "asserted"),
], ids=["refused_to", "did_not", "could", "will", "plain_past"])
def test_modality_cues(table: str, negated: bool, modality: str) -> None:
    events = [e for e in code(table) if e.code != "030" and not e.evidence.rule.startswith("cues/refusal")]
    assert events, "the event is kept, only flagged"
    assert {(e.negated, e.modality) for e in events} == {(negated, modality)}


def test_demand_embedded_under_urge_is_demanded_and_the_appeal_is_coded() -> None:
    events = code(URGED)  # "China urged Japan to release the fishermen."
    by_code = {e.code: e for e in events}
    appeal = by_code["0253"]  # the appeal takes the code of what it asks for: appeal for release
    assert (appeal.source.code, appeal.target.code, appeal.modality) == ("CHN", "JPN", "asserted")
    released = by_code["0841"]
    assert (released.source.code, released.modality, released.affirmed) == ("JPN", "demanded", False)


@pytest.mark.parametrize("table", [REPORTED, PARATAXIS], ids=["said_that", "comma_the_army_said"])
def test_reported_speech_codes_the_embedded_event_with_attribution(table: str) -> None:
    events = code(table)
    assert all(e.code != "010" for e in events), "no statement event when the report has content"
    (event,) = events
    assert event.attribution is not None
    assert event.modality == "asserted"


def test_statement_is_kept_when_nothing_else_is_coded() -> None:
    table = """
    Iran         Iran         PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    it           it           PRON   PRP   nsubj      3   O
    disagreed    disagree     VERB   VBD   ccomp      1   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("IRN", "010", None)]


def test_evidence_spans_point_into_the_text() -> None:
    doc = doc_from(EXPELLED)
    (event,) = code(EXPELLED)
    start, end = event.evidence.trigger_span
    assert doc.text[start:end] == "expelled"
    assert event.evidence.source_span and doc.text[slice(*event.evidence.source_span)] == "Britain"
    assert event.evidence.target_span and doc.text[slice(*event.evidence.target_span)] == "23 Russian diplomats"


def test_ontology_fields_come_from_the_code() -> None:
    (event,) = code(EXPELLED)
    assert (event.root, event.quad_class, event.goldstein) == ("17", 4, -5.0)
    assert event.plover == Plover("COERCE", "deport")  # 174's row in the CAMEO table


RESIGNED = """
    The          the          DET    DT    det        1   O
    president    president    NOUN   NN    nsubj      2   O
    resigned     resign       VERB   VBD   ROOT       2   O
    .            .            PUNCT  .     punct      2   O
"""
AGREED_TO_RESIGN = """
    The          the          DET    DT    det        1   O
    president    president    NOUN   NN    nsubj      2   O
    agreed       agree        VERB   VBD   ROOT       2   O
    to           to           AUX    TO    aux        4   O
    resign       resign       VERB   VB    xcomp      2   O
    .            .            PUNCT  .     punct      2   O
"""


@pytest.mark.parametrize(("table", "patterns", "expected"), [
    # The PLOVER manual types these frames apart from their code's crosswalk row: expelling diplomats is
    # SANCTION expel though 174 is COERCE deport; resigning is RETREAT resign though 0831 is CONCEDE.
    (EXPELLED, (Pattern("expel", "expel", "174"), Pattern(
        "expel/diplomat", "expel", "174", object=frozenset({"diplomat"}), plover=Plover("SANCTION", "expel"))),
     [("174", Plover("SANCTION", "expel"))]),
    (RESIGNED, (Pattern("resign", "resign", "0831", target="none", plover=Plover("RETREAT", "resign")),),
     [("0831", Plover("RETREAT", "resign"))]),
    # The pattern's type holds only while the event keeps the pattern's code: an agreement to resign is 0341,
    # an intent (AGREE), not a resignation.
    (AGREED_TO_RESIGN, (Pattern("resign", "resign", "0831", target="none", plover=Plover("RETREAT", "resign")),),
     [("0341", Plover("AGREE", None))]),
])
def test_a_pattern_may_carry_the_plover_manuals_type(
    table: str, patterns: tuple[Pattern, ...], expected: list[tuple[str, Plover]]
) -> None:
    assert [(e.code, e.plover) for e in code_with(table, *patterns) if e.code != "030"] == expected


@pytest.mark.parametrize(("table", "date", "precision"), [
    (EXPELLED, "2024-03-13", "day"),  # "on Wednesday" before Friday 15 March 2024
    (PASSIVE, "2024-03-15", "day"),  # no time expression: the article date
])
def test_event_date_from_clause_or_article(table: str, date: str, precision: str) -> None:
    (event,) = code(table)
    assert (event.date, event.date_precision) == (date, precision)


def test_main_event_prefers_the_affirmed_event_highest_in_the_parse() -> None:
    events = code(CONTROL)
    main = main_event(events)
    assert main is not None and main.code == "030"
    embedded = main_event([e for e in events if e.code != "030"])
    assert embedded is not None and embedded.code == "033"  # the intention, announced, is an event


def test_intended_act_is_coded_as_the_announcement_of_it() -> None:
    # "Canada will meet with Mexico": 036 express intent to meet, flagged intended, and it counts as affirmed.
    (event,) = code(WILL)
    assert (event.code, event.modality, event.affirmed) == ("036", "intended", True)
    assert (event.source.code, event.target.code) == ("CAN", "MEX")


def test_hypothetical_act_keeps_its_code_and_is_not_affirmed() -> None:
    (event,) = code(COULD)
    assert (event.code, event.modality, event.affirmed) == ("190", "hypothetical", False)


def test_refusal_is_an_event_of_its_own_and_the_refused_act_stays_negated() -> None:
    events = code(REFUSED)  # "Japan refused to meet the Chinese ambassador."
    by_rule = {e.evidence.rule: e for e in events}
    refusal = by_rule["cues/refusal+verbs/meet"]
    assert (refusal.code, refusal.negated, refusal.evidence.trigger) == ("125", False, "refused")
    assert (refusal.source.code, refusal.target.code) == ("JPN", "CHNGOV")
    assert by_rule["verbs/meet"].negated


def test_plain_negation_is_not_a_refusal() -> None:
    assert [e.code for e in code(DID_NOT)] == ["163"]


def test_negated_intention_is_a_refusal() -> None:
    table = """
    Israel       Israel       PROPN  NNP   nsubj      3   B-GPE
    will         will         AUX    MD    aux        3   O
    not          not          PART   RB    neg        3   O
    release      release      VERB   VB    ROOT       3   O
    Lebanese     lebanese     ADJ    JJ    amod       5   B-NORP
    prisoners    prisoner     NOUN   NNS   dobj       3   O
    .            .            PUNCT  .     punct      3   O
    """
    events = {e.code: e for e in code(table)}
    assert events["0841"].negated and events["0841"].modality == "intended"
    refusal = events["1243"]  # decline to release persons or property
    assert (refusal.source.code, refusal.negated, refusal.affirmed, refusal.evidence.trigger) == (
        "ISR", False, True, "not")


def test_intent_adjective_makes_the_act_intended_with_the_copula_subject() -> None:
    table = """
    Vietnam      Vietnam      PROPN  NNP   nsubj      1   B-GPE
    is           be           AUX    VBZ   ROOT       1   O
    ready        ready        ADJ    JJ    acomp      1   O
    to           to           PART   TO    aux        4   O
    meet         meet         VERB   VB    xcomp      2   O
    Mali         Mali         PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    (event,) = code(table)
    assert (event.source.code, event.code, event.target.code, event.modality) == ("VNM", "036", "MLI", "intended")


def test_obligation_under_a_verb_of_saying_is_a_demand_even_when_the_act_is_uncoded() -> None:
    table = """
    Russia       Russia       PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    that         that         SCONJ  IN    mark       5   O
    Sudan        Sudan        PROPN  NNP   nsubj      5   B-GPE
    must         must         AUX    MD    aux        5   O
    return       return       VERB   VB    ccomp      1   O
    the          the          DET    DT    det        7   O
    helicopter   helicopter   NOUN   NN    dobj       5   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("RUS", "100", "SDN")]


def test_up_to_a_number_is_not_a_particle() -> None:
    table = """
    Afghan       afghan       ADJ    JJ    amod       1   B-NORP
    rebels       rebel        NOUN   NNS   nsubj      3   O
    have         have         AUX    VBP   aux        3   O
    attacked     attack       VERB   VBN   ROOT       3   O
    up           up           ADP    IN    prt        3   O
    to           to           ADP    IN    prep       4   O
    16           16           NUM    CD    nummod     8   B-CARDINAL
    Russian      russian      ADJ    JJ    amod       8   B-NORP
    advisers     adviser      NOUN   NNS   pobj       5   O
    .            .            PUNCT  .     punct      3   O
    """
    assert [(s, c) for s, c, _ in triples(code(table))] == [("AFGREB", "190")]


def test_object_word_list_matches_what_the_object_is_of() -> None:
    table = """
    Iran         Iran         PROPN  NNP   nsubj      1   B-GPE
    allowed      allow        VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    return       return       NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    inspectors   inspector    NOUN   NNS   pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    (event,) = code(table)
    assert (event.code, event.evidence.rule) == ("0862", "verbs/allow/inspector")


@pytest.mark.parametrize(("table", "expected"), [
    ("""
    Serbian      serbian      ADJ    JJ    amod       1   B-NORP
    police       police       NOUN   NNS   nsubj      2   O
    arrested     arrest       VERB   VBD   ROOT       2   O
    protesters   protester    NOUN   NNS   dobj       2   O
    .            .            PUNCT  .     punct      2   O
    """, ("SRBCOP", "173", "SRBCVL")),
    ("""
    Rebels       rebel        NOUN   NNS   nsubj      1   O
    attacked     attack       VERB   VBD   ROOT       1   O
    Syrian       syrian       ADJ    JJ    amod       3   B-NORP
    troops       troop        NOUN   NNS   dobj       1   O
    .            .            PUNCT  .     punct      1   O
    """, ("SYRREB", "190", "SYRMIL")),
    ("""
    Rebels       rebel        NOUN   NNS   nsubj      1   O
    attacked     attack       VERB   VBD   ROOT       1   O
    Syria        Syria        PROPN  NNP   dobj       1   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, ("REB", "190", "SYR")),
], ids=["role_only_target_takes_the_source_state", "rebels_take_the_state_of_the_forces_they_fight",
        "no_state_forces_no_inheritance"])
def test_domestic_events_place_role_only_actors(table: str, expected: tuple[str, str, str]) -> None:
    assert triples(code(table)) == [expected]


def test_the_place_of_a_material_act_is_its_target_when_none_is_named() -> None:
    # "Serbia allowed inspectors in Montenegro": a pattern without a target; the act reached Montenegro.
    table = """
    Serbia       Serbia       PROPN  NNP   nsubj      1   B-GPE
    allowed      allow        VERB   VBD   ROOT       1   O
    inspectors   inspector    NOUN   NNS   dobj       1   O
    in           in           ADP    IN    prep       1   O
    Montenegro   Montenegro   PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("SRB", "0862", "MNE")]


@pytest.mark.parametrize(("preposition", "expected"), [
    ("to", [("SYR", "074", "LBN")]),     # "offered its troops to Lebanon": the troops are no target, Lebanon is
    ("from", [("SYR", "074", "LBN")]),
    ("into", [("SYR", "074", None)]),    # a place the troops go, not an actor they go to
])
def test_a_pattern_without_a_target_takes_the_actor_its_act_goes_to(
    preposition: str, expected: list[tuple[str, str, str | None]]
) -> None:
    events = code_with(f"""
    Syria        Syria        PROPN  NNP   nsubj      1   B-GPE
    sent         send         VERB   VBD   ROOT       1   O
    its          its          PRON   PRP$  poss       3   O
    troops       troop        NOUN   NNS   dobj       1   O
    {preposition:<12} {preposition:<12} ADP    IN    prep       1   O
    Lebanon      Lebanon      PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("send/troop", "send", "074", object=frozenset({"troop"}), target="none"))
    assert triples(events) == expected


def test_an_object_word_list_matches_a_coordinated_object() -> None:
    # "Japan provided tents and aid to Kenya": "aid" is the second of two coordinated objects
    table = """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    provided     provide      VERB   VBD   ROOT       1   O
    tents        tent         NOUN   NNS   dobj       1   O
    and          and          CCONJ  CC    cc         2   O
    aid          aid          NOUN   NN    conj       2   O
    to           to           ADP    IN    prep       1   O
    Kenya        Kenya        PROPN  NNP   pobj       5   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("JPN", "070", "KEN")]


def test_a_threatened_act_is_the_threat_of_it_and_a_date_does_not_control_it() -> None:
    # "Iran threatened on Monday to attack Iraq": no attack happened; the threat did (CAMEO 1384), by Iran
    table = """
    Iran         Iran         PROPN  NNP   nsubj      1   B-GPE
    threatened   threaten     VERB   VBD   ROOT       1   O
    on           on           ADP    IN    prep       1   O
    Monday       Monday       PROPN  NNP   pobj       2   B-DATE
    to           to           PART   TO    aux        5   O
    attack       attack       VERB   VB    xcomp      1   O
    Iraq         Iraq         PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    events = code(table)
    assert triples(events) == [("IRN", "1384", "IRQ")]
    assert events[0].modality == "intended" and events[0].affirmed and events[0].date == "2024-03-11"


def test_an_event_noun_committed_to_under_a_refusal_is_negated_and_refused() -> None:
    # "Turkey refused to commit to assistance": no assistance; the refusal (122) is Turkey's
    table = """
    Turkey       Turkey       PROPN  NNP   nsubj      1   B-GPE
    refused      refuse       VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    commit       commit       VERB   VB    xcomp      1   O
    to           to           ADP    IN    prep       3   O
    assistance   assistance   NOUN   NN    pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    events = code(table)
    assert [(e.source.code if e.source else None, e.code, e.negated) for e in events] == [
        ("TUR", "070", True), ("TUR", "122", False)]


REJECTED_CALLS = """
    Norway       Norway       PROPN  NNP   nsubj      1   B-GPE
    rejected     reject       VERB   VBD   ROOT       1   O
    calls        call         NOUN   NNS   dobj       1   O
    {prep:<12} {prep:<12} ADP    IN    prep       2   O
    Chile        Chile        PROPN  NNP   pobj       3   B-GPE
    for          for          ADP    IN    prep       2   O
    talks        talk         NOUN   NNS   pobj       5   O
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("prep", "expected"), [
    ("by", ("NOR", "120", "CHL")),       # "rejected calls by Chile for talks": the caller is the target
    ("from", ("NOR", "120", "CHL")),
    ("against", ("NOR", "120", "CHL")),
    ("of", ("NOR", "120", "CHL")),
])
def test_an_object_that_is_no_actor_yields_the_actor_taking_part_in_it(
    prep: str, expected: tuple[str, str, str]
) -> None:
    events = code_with(REJECTED_CALLS.format(prep=prep), Pattern("reject", "reject", "120"))
    assert triples(events) == [expected]


def test_the_agent_of_an_object_comes_before_its_victim() -> None:
    # "Peru investigated abuses committed by Bolivian police against Chilean workers": the accused is the target
    table = """
    Peru         Peru         PROPN  NNP   nsubj      1   B-GPE
    investigated investigate  VERB   VBD   ROOT       1   O
    abuses       abuse        NOUN   NNS   dobj       1   O
    committed    commit       VERB   VBN   acl        2   O
    by           by           ADP    IN    agent      3   O
    Bolivian     bolivian     ADJ    JJ    amod       6   B-NORP
    police       police       NOUN   NNS   pobj       4   O
    against      against      ADP    IN    prep       2   O
    Chilean      chilean      ADJ    JJ    amod       9   B-NORP
    workers      worker       NOUN   NNS   pobj       7   O
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("investigate", "investigate", "090"))
    assert triples(events) == [("PER", "090", "BOLCOP")]


def test_the_owner_of_an_object_is_a_target_but_the_source_itself_is_not() -> None:
    # "Japan rejected Korea's offer" -> KOR; "Japan rejected its own offer" names no other side
    def run(owner: str, pos: str, tag: str) -> list[tuple[str | None, str, str | None]]:
        doc = doc_from(f"""
        Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
        rejected     reject       VERB   VBD   ROOT       1   O
        {owner:<12} {owner:<12} {pos:<6} {tag:<5} poss       3   O
        offer        offer        NOUN   NN    dobj       1   O
        .            .            PUNCT  .     punct      1   O
        """)
        patterns = Patterns({"reject": (Pattern("reject", "reject", "120"),)}, load_cues())
        return triples(code_events(doc, article_for(doc, "2024-03-15"), find_actors(doc, load_actor_vocab()),
                                   patterns))
    assert run("Korea", "PROPN", "NNP") == [("JPN", "120", "KOR")]
    assert run("its", "PRON", "PRP$") == [("JPN", "120", None)]


def test_a_demanded_act_is_demanded_of_its_doer_not_of_the_place_it_leaves() -> None:
    # "Egypt demanded the withdrawal of Libyan troops from Chad": demanded of Libya (106), not of Chad
    table = """
    Egypt        Egypt        PROPN  NNP   nsubj      1   B-GPE
    demanded     demand       VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    withdrawal   withdrawal   NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    Libyan       libyan       ADJ    JJ    amod       6   B-NORP
    troops       troop        NOUN   NNS   pobj       4   O
    from         from         ADP    IN    prep       3   O
    Chad         Chad         PROPN  NNP   pobj       7   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(
        table, Pattern("demand/withdrawal", "demand", "106", object=frozenset({"withdrawal"}), target="none"))
    assert triples(events) == [("EGY", "106", "LBYMIL")]


PROTEST = """
    {subject:<12} {lemma:<12} {pos:<6} {tag:<5} nsubj      1   {ent}
    marched      march        VERB   VBD   ROOT       1   O
    {prep:<12} {prep:<12} ADP    IN    prep       1   O
    {place:<12} {place:<12} PROPN  NNP   pobj       2   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("subject", "lemma", "pos", "tag", "ent", "prep", "place", "expected"), [
    # a protest that names no target is against the state where it happens
    # (and students named by role alone are that state's: PEREDU)
    ("Students", "student", "NOUN", "NNS", "O", "in", "Lima", ("PEREDU", "141", "PERGOV")),
    # officials do not protest their state (they are Peru's only as the article names no other state)
    ("Officials", "official", "NOUN", "NNS", "O", "in", "Lima", ("PERGOV", "141", None)),
    # ... else against the protesters' own state: "Bolivians marched through the capital"
    ("Bolivians", "bolivian", "PROPN", "NNPS", "B-NORP", "through", "town", ("BOL", "141", "BOLGOV")),
    # a state's protest is against another state, which the text must name
    ("Peru", "Peru", "PROPN", "NNP", "B-GPE", "through", "town", ("PER", "141", None)),
], ids=["place_of_the_protest", "officials_protesting", "protesters_own_state", "a_state_protesting"])
def test_a_protest_without_a_target_is_against_the_state(
    subject: str, lemma: str, pos: str, tag: str, ent: str, prep: str, place: str,
    expected: tuple[str, str, str | None],
) -> None:
    table = PROTEST.format(subject=subject, lemma=lemma, pos=pos, tag=tag, ent=ent, prep=prep, place=place)
    events = code_with(table, Pattern("march", "march", "141", target="none"))
    assert triples(events) == [expected]
    assert events[0].evidence.rule.endswith("+protested-state") == (expected[2] is not None)


def test_a_threat_targets_whom_its_condition_is_on() -> None:
    # "Chad threatened to quit the talks unless Sudan withdrew": the threat is on Sudan (CAMEO 13x)
    table = """
    Chad         Chad         PROPN  NNP   nsubj      1   B-GPE
    threatened   threaten     VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    attack       attack       VERB   VB    xcomp      1   O
    unless       unless       SCONJ  IN    mark       6   O
    Sudan        Sudan        PROPN  NNP   nsubj      6   B-GPE
    withdrew     withdraw     VERB   VBD   advcl      3   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("TCD", "1384", "SDN")]


@pytest.mark.parametrize(("code_", "expected"), [
    ("1723", ("TUR", "1723", "TUR")),   # a curfew at home is on the people there: the place's state, its own
    ("153", ("TUR", "153", None)),      # deploying police at home targets nobody
])
def test_a_measure_at_home_targets_the_place_even_when_it_is_the_source_s_own(
    code_: str, expected: tuple[str, str, str | None]
) -> None:
    events = code_with("""
    Turkey       Turkey       PROPN  NNP   nsubj      1   B-GPE
    imposed      impose       VERB   VBD   ROOT       1   O
    curbs        curb         NOUN   NNS   dobj       1   O
    in           in           ADP    IN    prep       1   O
    Ankara       Ankara       PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("impose", "impose", code_, target="none"))
    assert triples(events) == [expected]


def test_a_protest_is_against_whom_the_text_names_beside_it() -> None:
    # "Students struck in protest of Chile's decision": against Chile, not the default state
    table = """
    Students     student      NOUN   NNS   nsubj      1   O
    marched      march        VERB   VBD   ROOT       1   O
    in           in           ADP    IN    prep       1   O
    protest      protest      NOUN   NN    pobj       2   O
    of           of           ADP    IN    prep       3   O
    Chile        Chile        PROPN  NNP   poss       7   B-GPE
    's           's           PART   POS   case       5   O
    decision     decision     NOUN   NN    pobj       4   O
    in           in           ADP    IN    prep       1   O
    Lima         Lima         PROPN  NNP   pobj       8   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("march", "march", "141", target="none"))
    assert triples(events) == [("PEREDU", "141", "CHL")]
    assert not events[0].evidence.rule.endswith("+protested-state")


def test_an_ethnic_group_belongs_to_the_state_where_it_acts() -> None:
    # "Ethnic Albanians marched in Skopje": North Macedonia's Albanians, not Albania
    table = """
    Ethnic       ethnic       ADJ    JJ    amod       1   O
    Albanians    Albanians    PROPN  NNPS  nsubj      2   B-NORP
    marched      march        VERB   VBD   ROOT       2   O
    in           in           ADP    IN    prep       2   O
    Skopje       Skopje       PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    events = code_with(table, Pattern("march", "march", "141", target="none"))
    assert triples(events) == [("MKD", "141", "MKDGOV")]


DEMAND_NOUN = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    {verb:<12} {lemma:<12} VERB   VBD   ROOT       1   O
    {owner:<12} {owner_lemma:<12} {owner_pos:<6} {owner_tag:<5} {owner_dep:<10} 3   O
    demand       demand       NOUN   NN    dobj       1   O
    that         that         SCONJ  IN    mark       6   O
    Peru         Peru         PROPN  NNP   nsubj      6   B-GPE
    release      release      VERB   VB    ccomp      1   O
    prisoners    prisoner     NOUN   NNS   dobj       6   O
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("verb", "lemma", "owner", "expected"), [
    # "Chile renewed its demand that Peru release prisoners": demanded of Peru, and Chile's demand on Peru (the
    # prisoners, civilians named by role alone, are Peru's own)
    ("renewed", "renew", "its", [("PER", "0841", "PERCVL", "demanded"), ("CHL", "1053", "PER", "asserted")]),
    # "Chile rejected the demand that Peru release prisoners": still only demanded, by someone unnamed
    ("rejected", "reject", "the", [("PER", "0841", "PERCVL", "demanded")]),
], ids=["voiced_demand", "rejected_demand"])
def test_the_clause_of_a_demand_noun_is_demanded(
    verb: str, lemma: str, owner: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    pron = owner == "its"
    doc = doc_from(DEMAND_NOUN.format(
        verb=verb, lemma=lemma, owner=owner, owner_lemma=owner, owner_pos="PRON" if pron else "DET",
        owner_tag="PRP$" if pron else "DT", owner_dep="poss" if pron else "det",
    ))
    events = code_events(doc, article_for(doc, "2024-03-15"), find_actors(doc, load_actor_vocab()), _patterns())
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in events]
    assert found == expected


SAID_MUST = """
    {modifier}
    {subject:<12} {lemma:<12} {pos:<6} {tag:<5} nsubj      2   {ent}
    said         say          VERB   VBD   ROOT       2   O
    Peru         Peru         PROPN  NNP   nsubj      5   B-GPE
    must         must         AUX    MD    aux        5   O
    release      release      VERB   VB    ccomp      2   O
    prisoners    prisoner     NOUN   NNS   dobj       5   O
    .            .            PUNCT  .     punct      2   O
"""


@pytest.mark.parametrize(("modifier", "subject", "lemma", "pos", "tag", "ent", "demander"), [
    ("The          the          DET    DT    det        1   O", "Chileans", "Chileans", "PROPN", "NNPS", "B-NORP",
     "CHL"),
    # a demand on one's own state is a demand too: "Peruvian rebels said Peru must release prisoners"
    ("Peruvian     peruvian     ADJ    JJ    amod       1   B-NORP", "rebels", "rebel", "NOUN", "NNS", "O", "PERREB"),
], ids=["foreign_demand", "domestic_demand"])
def test_a_demand_said_is_coded_once_with_the_code_of_what_is_demanded(
    modifier: str, subject: str, lemma: str, pos: str, tag: str, ent: str, demander: str
) -> None:
    events = code(SAID_MUST.format(modifier=modifier, subject=subject, lemma=lemma, pos=pos, tag=tag, ent=ent))
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in events]
    # the prisoners, civilians named by role alone, are Peru's own
    assert found == [("PER", "0841", "PERCVL", "demanded"), (demander, "1053", "PER", "asserted")]


GERUND = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    {verb:<12} {lemma:<12} VERB   VBD   ROOT       1   O
    {obj}
    {prep:<12} {prep:<12} ADP    IN    prep       1   O
    attacking    attack       VERB   VBG   pcomp      {p}   O
    Peru         Peru         PROPN  NNP   dobj       {a}   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("verb", "lemma", "obj", "prep", "expected"), [
    ("resorted", "resort", None, "to", ("CHL", "190", "PER", False)),      # the gerund's doer is the subject
    ("refrained", "refrain", None, "from", ("CHL", "190", "PER", True)),   # ... and it did not happen
    ("stopped", "stop", "Bolivia", "from", ("BOL", "190", "PER", True)),   # "stopped Bolivia from attacking"
    ("acted", "act", None, "without", ("CHL", "190", "PER", True)),
    ("congratulated", "congratulate", "Bolivia", "on", (None, "190", "PER", False)),  # whose act: unclear
], ids=["resorted_to", "refrained_from", "stopped_x_from", "without", "object_may_be_the_doer"])
def test_a_gerund_after_a_preposition_takes_its_doer_and_negation_from_the_verb(
    verb: str, lemma: str, obj: str | None, prep: str, expected: tuple[str | None, str, str, bool]
) -> None:
    row = f"{obj:<12} {obj:<12} PROPN  NNP   dobj       1   B-GPE" if obj else ""
    shift = 1 if obj else 0
    table = GERUND.format(verb=verb, lemma=lemma, obj=row, prep=prep, p=2 + shift, a=3 + shift)
    table = "\n".join(line for line in table.splitlines() if line.strip())
    events = [e for e in code(table) if e.code == "190"]
    assert [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.negated)
            for e in events] == [expected]


@pytest.mark.parametrize(("noun", "prep", "expected"), [
    ("blockade", "on", ("ISR", "0872", "PSE")),   # a measure's "on" phrase is whom it is on
    ("meeting", "between", ("ISR", "0872", "PSE")),
    ("talk", "on", ("ISR", "0872", None)),        # talks "on" Gaza are about it, not on it
])
def test_whom_a_measure_is_on_or_a_meeting_between(noun: str, prep: str, expected: tuple[str, str, str | None]) -> None:
    events = code_with(f"""
    Israel       Israel       PROPN  NNP   nsubj      1   B-GPE
    ended        end          VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    {noun:<12} {noun:<12} NOUN   NN    dobj       1   O
    {prep:<12} {prep:<12} ADP    IN    prep       3   O
    Gaza         Gaza         PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("end", "end", "0872"))
    assert triples(events) == [expected]


def test_a_thing_given_goes_for_its_recipient() -> None:
    # "Japan sent money for Kenya" under a pattern whose object is the thing given and names no target
    events = code_with("""
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    sent         send         VERB   VBD   ROOT       1   O
    money        money        NOUN   NN    dobj       1   O
    for          for          ADP    IN    prep       2   O
    Kenya        Kenya        PROPN  NNP   pobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("send/money", "send", "071", object=frozenset({"money"}), target="none"))
    assert triples(events) == [("JPN", "071", "KEN")]


def test_a_sum_of_money_is_money_for_a_word_list() -> None:
    # "Japan gave 5 million dollars to Kenya": the object is a MONEY entity, not the word "money"
    events = code_with("""
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    gave         give         VERB   VBD   ROOT       1   O
    5            5            NUM    CD    compound   3   B-MONEY
    million      million      NUM    CD    nummod     4   I-MONEY
    dollars      dollar       NOUN   NNS   dobj       1   I-MONEY
    to           to           ADP    IN    prep       1   O
    Kenya        Kenya        PROPN  NNP   pobj       5   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("give/money/to", "give", "071", object=frozenset({"money"}), prep="to", target="prep"))
    assert triples(events) == [("JPN", "071", "KEN")]


def test_sources_of_a_reciprocal_object_act_on_each_other_and_a_place_of_talks_is_no_target() -> None:
    # "Chile and Peru began a round of talks in Lima": each with the other; not with Peru's capital as a third
    events = code_with("""
    Chile        Chile        PROPN  NNP   nsubj      3   B-GPE
    and          and          CCONJ  CC    cc         0   O
    Peru         Peru         PROPN  NNP   conj       0   B-GPE
    began        begin        VERB   VBD   ROOT       3   O
    a            a            DET    DT    det        5   O
    round        round        NOUN   NN    dobj       3   O
    of           of           ADP    IN    prep       5   O
    talks        talk         NOUN   NNS   pobj       6   O
    in           in           ADP    IN    prep       3   O
    Quito        Quito        PROPN  NNP   pobj       8   B-GPE
    .            .            PUNCT  .     punct      3   O
    """, Pattern("begin/talk", "begin", "046", object=frozenset({"talk"}), target="none"))
    assert sorted(triples(events)) == [("CHL", "046", "PER"), ("PER", "046", "CHL")]
    assert {e.location.country for e in events if e.location} == {"ECU"}


def test_declining_to_comment_is_cameo_s_decline_comment() -> None:
    events = code_with("""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    declined     decline      VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    comment      comment      VERB   VB    xcomp      1   O
    .            .            PUNCT  .     punct      1   O
    """, Pattern("comment", "comment", "010", target="none"))
    assert [(e.code, e.negated) for e in events] == [("011", False)]  # the negated statement is not kept beside it


def test_troops_massed_at_a_border_target_the_state_across_it() -> None:
    events = code_with("""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    massed       mass         VERB   VBD   ROOT       1   O
    troops       troop        NOUN   NNS   dobj       1   O
    near         near         ADP    IN    prep       1   O
    its          its          PRON   PRP$  poss       6   O
    border       border       NOUN   NN    pobj       3   O
    with         with         ADP    IN    prep       5   O
    Peru         Peru         PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("mass", "mass", "154", target="none"))
    assert triples(events) == [("CHL", "154", "PER")]


def test_forces_at_a_border_target_the_state_across_it_whatever_the_parser_hangs_with_on() -> None:
    # "Chile raised the readiness of its forces along the border with Peru", "with Peru" hung on "forces"
    events = code_with("""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    raised       raise        VERB   VBD   ROOT       1   O
    readiness    readiness    NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       2   O
    its          its          PRON   PRP$  poss       5   O
    forces       force        NOUN   NNS   pobj       3   O
    along        along        ADP    IN    prep       5   O
    border       border       NOUN   NN    pobj       6   O
    with         with         ADP    IN    prep       5   O
    Peru         Peru         PROPN  NNP   pobj       8   B-GPE
    .            .            PUNCT  .     punct      1   O
    """, Pattern("raise/alert", "raise", "152", object=frozenset({"readiness"}), target="none"))
    assert triples(events) == [("CHL", "152", "PER")]


def test_an_official_placed_only_by_the_article_s_state_does_not_act_on_his_own_kind() -> None:
    # "Minister Quillfeather met Peruvian officials": he is not coded Peruvian just because Peru is the only state
    doc = doc_from("""
    Minister     Minister     PROPN  NNP   compound   1   O
    Quillfeather Quillfeather PROPN  NNP   nsubj      2   B-PERSON
    met          meet         VERB   VBD   ROOT       2   O
    Peruvian     peruvian     ADJ    JJ    amod       4   B-NORP
    officials    official     NOUN   NNS   dobj       2   O
    .            .            PUNCT  .     punct      2   O
    """)
    events = code_events(doc, article_for(doc, "2024-03-15"), find_actors(doc, load_actor_vocab()), _patterns())
    assert triples(events) == [("GOV", "040", "PERGOV")]


@pytest.mark.parametrize(("prep", "noun", "expected"), [
    ("with", "contact", ("CHL", "133", "PER")),   # "will boycott all contact with Peru"
    ("for", "war", ("CHL", "133", None)),          # a purpose with no one named in it
])
def test_the_partner_of_an_object_is_a_target(prep: str, noun: str, expected: tuple[str, str, str | None]) -> None:
    table = f"""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    boycotted    boycott      VERB   VBD   ROOT       1   O
    all          all          DET    DT    det        3   O
    {noun:<12} {noun:<12} NOUN   NN    dobj       1   O
    {prep:<12} {prep:<12} ADP    IN    prep       3   O
    Peru         Peru         PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """ if prep == "with" else f"""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    boycotted    boycott      VERB   VBD   ROOT       1   O
    all          all          DET    DT    det        3   O
    talks        talk         NOUN   NNS   dobj       1   O
    {prep:<12} {prep:<12} ADP    IN    prep       1   O
    {noun:<12} {noun:<12} NOUN   NN    pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code_with(table, Pattern("boycott", "boycott", "133", target="none"))) == [expected]


def test_mobilizing_for_a_war_against_a_state_targets_it() -> None:
    table = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    mobilized    mobilize     VERB   VBD   ROOT       1   O
    reservists   reservist    NOUN   NNS   dobj       1   O
    for          for          ADP    IN    prep       1   O
    a            a            DET    DT    det        5   O
    war          war          NOUN   NN    pobj       3   O
    against      against      ADP    IN    prep       5   O
    Peru         Peru         PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code_with(table, Pattern("mobilize", "mobilize", "154", target="none"))) == [("CHL", "154", "PER")]


def test_the_actor_a_thing_object_is_of_and_the_owner_of_a_pattern_s_prepositional_object_are_targets() -> None:
    allowed = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    allowed      allow        VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    return       return       NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    UN           UN           PROPN  NNP   compound   6   B-ORG
    inspectors   inspector    NOUN   NNS   pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    pattern = Pattern("allow/inspector", "allow", "0862", object=frozenset({"inspector"}))
    assert triples(code_with(allowed, pattern)) == [("CHL", "0862", "UNO")]
    agreed = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    agreed       agree        VERB   VBD   ROOT       1   O
    to           to           ADP    IN    prep       1   O
    Peruvian     peruvian     ADJ    JJ    amod       4   B-NORP
    mediation    mediation    NOUN   NN    pobj       2   O
    .            .            PUNCT  .     punct      1   O
    """
    pattern = Pattern("agree/to/mediation", "agree", "038", prep="to", prep_object=frozenset({"mediation"}),
                      target="none")
    assert triples(code_with(agreed, pattern)) == [("CHL", "038", "PER")]


@pytest.mark.parametrize(("adjective", "affirmed"), [("guilty", True), ("capable", False)])
def test_a_gerund_under_guilty_of_happened_and_under_capable_of_did_not(adjective: str, affirmed: bool) -> None:
    table = f"""
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    is           be           AUX    VBZ   ROOT       1   O
    {adjective:<12} {adjective:<12} ADJ    JJ    acomp      1   O
    of           of           ADP    IN    prep       2   O
    attacking    attack       VERB   VBG   pcomp      3   O
    Peru         Peru         PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    events = code(table)
    assert [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.affirmed)
            for e in events] == [("CHL" if adjective == "guilty" else None, "190", "PER", affirmed)]


def test_an_act_one_is_able_to_do_is_hypothetical() -> None:
    table = """
    Chile        Chile        PROPN  NNP   nsubj      1   B-GPE
    is           be           AUX    VBZ   ROOT       1   O
    able         able         ADJ    JJ    acomp      1   O
    to           to           PART   TO    aux        4   O
    attack       attack       VERB   VB    xcomp      2   O
    Peru         Peru         PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert [(e.code, e.modality) for e in code(table)] == [("190", "hypothetical")]


MEASURE_AT_HOME = """
    The          the          DET    DT    det        1   O
    {subject:<12} {lemma:<12} NOUN   NN    nsubj      2   O
    {verb:<12} {verb_lemma:<12} VERB   VBD   ROOT       2   O
    a            a            DET    DT    det        4   O
    {obj:<12} {obj:<12} NOUN   NN    dobj       2   O
    in           in           ADP    IN    prep       2   O
    Haiti        Haiti        PROPN  NNP   pobj       5   B-GPE
    .            .            PUNCT  .     punct      2   O
"""


@pytest.mark.parametrize(("subject", "lemma", "verb", "verb_lemma", "obj", "code", "expected"), [
    # a measure a state takes at home is taken by that state's officials: the junta that declared a curfew in
    # Haiti is Haiti's
    ("junta", "junta", "declared", "declare", "curfew", "1723", ("HTIMIL", "1723", "HTI")),
    # officials elsewhere are not placed by where they act: "the government sent aid to Haiti"
    ("government", "government", "sent", "send", "convoy", "070", ("GOV", "070", "HTI")),
], ids=["domestic_measure", "any_other_act"])
def test_officials_taking_a_measure_at_home_are_of_the_place(
    subject: str, lemma: str, verb: str, verb_lemma: str, obj: str, code: str, expected: tuple[str, str, str]
) -> None:
    table = MEASURE_AT_HOME.format(subject=subject, lemma=lemma, verb=verb, verb_lemma=verb_lemma, obj=obj)
    events = code_with(table, Pattern(verb_lemma, verb_lemma, code, object=frozenset({obj}), target="none"))
    assert triples(events) == [expected]


def test_a_verb_the_parser_coordinated_with_an_object_shares_the_clause_subject() -> None:
    table = """
    Police       police       NOUN   NNS   nsubj      1   O
    raided       raid         VERB   VBD   ROOT       1   O
    offices      office       NOUN   NNS   dobj       1   O
    and          and          CCONJ  CC    cc         2   O
    arrested     arrest       VERB   VBD   conj       2   O
    Kurds        Kurds        PROPN  NNPS  dobj       4   B-NORP
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("arrest", "arrest", "173"))
    assert [e[0] for e in triples(events)] == ["COP"]  # without the rule the arrest has no source


STANCE = """
    Israel       Israel       PROPN  NNP   {subj_dep:<10} {subj_head} B-GPE
    is           be           AUX    VBZ   auxpass    2   O
    opposed      oppose       VERB   VBN   ROOT       2   O
    {prep:<12} {prep:<12} ADP    IN    {prep_dep:<10} 2   O
    French       french       ADJ    JJ    amod       5   B-NORP
    mediation    mediation    NOUN   NN    pobj       3   O
    .            .            PUNCT  .     punct      2   O
"""
OPPOSE = (Pattern("oppose", "oppose", "110"), Pattern("oppose/to", "oppose", "110", prep="to", target="prep"))


@pytest.mark.parametrize(("subj_dep", "subj_head", "prep", "prep_dep", "expected"), [
    # "Israel is opposed to French mediation": Israel's stance, an active clause with "to" its object
    ("nsubjpass", 2, "to", "prep", [("ISR", "110", "FRA")]),
    # the small model may hang the subject on "is"
    ("nsubj", 1, "to", "prep", [("ISR", "110", "FRA")]),
    # a real passive stays one: "Israel is opposed by France" (here: by-phrase as agent)
    ("nsubjpass", 2, "by", "agent", [("FRA", "110", "ISR")]),
], ids=["stance", "subject_hung_on_the_copula", "true_passive"])
def test_a_stative_participle_states_the_subjects_stance(
    subj_dep: str, subj_head: int, prep: str, prep_dep: str, expected: list[tuple[str, str, str]]
) -> None:
    table = STANCE.format(subj_dep=subj_dep, subj_head=subj_head, prep=prep, prep_dep=prep_dep)
    assert [t for t in triples(code_with(table, *OPPOSE)) if t[1] == "110"] == expected


def test_a_stative_participle_parsed_as_the_copulas_adjective_states_the_subjects_stance() -> None:
    table = """
    Hungary      Hungary      PROPN  NNP   nsubj      1   B-GPE
    is           be           AUX    VBZ   ROOT       1   O
    opposed      oppose       VERB   VBN   acomp      1   O
    to           to           ADP    IN    prep       2   O
    Ukrainian    ukrainian    ADJ    JJ    amod       5   B-NORP
    membership   membership   NOUN   NN    pobj       3   O
    .            .            PUNCT  .     punct      1   O
    """
    assert [t for t in triples(code_with(table, *OPPOSE)) if t[1] == "110"] == [("HUN", "110", "UKR")]


BLOCKED_IN = """
    Students     student      NOUN   NNS   nsubj      1   O
    blocked      block        VERB   VBD   ROOT       1   O
    roads        road         NOUN   NNS   dobj       1   O
    in           in           ADP    IN    prep       2   O
    Lima         Lima         PROPN  NNP   pobj       3   B-GPE
    {tail}
    .            .            PUNCT  .     punct      1   O
"""
DEFIANCE = """in           in           ADP    IN    prep       1   O
    {noun:<12} {noun:<12} NOUN   NN    pobj       5   O
    of           of           ADP    IN    prep       6   O
    Chilean      chilean      ADJ    JJ    amod       9   B-NORP
    authorities  authority    NOUN   NNS   pobj       7   O"""
PURPOSE = """to           to           PART   TO    aux        6   O
    protest      protest      VERB   VB    advcl      1   O
    against      against      ADP    IN    prep       6   O
    Chilean      chilean      ADJ    JJ    amod       9   B-NORP
    policies     policy       NOUN   NNS   pobj       7   O"""


SHOW = """to           to           PART   TO    aux        6   O
    show         show         VERB   VB    advcl      1   O
    anger        anger        NOUN   NN    dobj       6   O
    at           at           ADP    IN    prep       7   O
    Chilean      chilean      ADJ    JJ    amod       10  B-NORP
    policies     policy       NOUN   NNS   pobj       8   O"""


@pytest.mark.parametrize(("tail", "expected"), [
    (DEFIANCE.format(noun="defiance"), ("PEREDU", "144", "CHLGOV")),
    (SHOW, ("PEREDU", "144", "CHL")),
    (DEFIANCE.format(noun="protest"), ("PEREDU", "144", "CHLGOV")),
    (PURPOSE, ("PEREDU", "144", "CHL")),
    # nothing said: against the state where it happens
    ("", ("PEREDU", "144", "PERGOV")),
], ids=["in_defiance_of", "to_show_anger_at", "in_protest_of", "to_protest_against", "nothing_said"])
def test_whom_a_protest_is_against_comes_before_the_place_or_what_was_blocked(
    tail: str, expected: tuple[str, str, str]
) -> None:
    table = "\n".join(line for line in BLOCKED_IN.format(tail=tail).splitlines() if line.strip())
    events = code_with(table, Pattern("block/road", "block", "144",
                       object=frozenset({"road"}), target="none"))
    assert [t for t in triples(events) if t[1] == "144"] == [expected]


def test_a_protest_threatened_unless_someone_acts_is_against_him() -> None:
    table = """
    French       french       ADJ    JJ    amod       1   B-NORP
    farmers      farmer       NOUN   NNS   nsubj      2   O
    threatened   threaten     VERB   VBD   ROOT       2   O
    to           to           PART   TO    aux        4   O
    strike       strike       VERB   VB    xcomp      2   O
    unless       unless       SCONJ  IN    mark       7   O
    Poland       Poland       PROPN  NNP   nsubj      7   B-GPE
    acts         act          VERB   VBZ   advcl      4   O
    .            .            PUNCT  .     punct      2   O
    """
    events = code_with(table, Pattern("strike", "strike", "143"), Pattern("threaten", "threaten", "130"))
    # not the farmers' own state, as a protest that names no one would be; the threat itself takes the code of the
    # threatened protest (133), beside the intended protest
    assert sorted(triples(events)) == [("FRACVL", "133", "POL"), ("FRACVL", "133", "POL")]


@pytest.mark.parametrize(("tail", "expected"), [
    # no place, no one named: the measure falls on the source's own state
    ("", ("THAMIL", "1724", "THA", "+own-state")),
    # a place named: its state, as for any measure at home
    ("in Chiang Mai", ("THAMIL", "1724", "THA", "")),
], ids=["at_home", "in_a_place"])
def test_a_measure_at_home_with_no_one_named_falls_on_the_sources_state(
    tail: str, expected: tuple[str, str, str, str]
) -> None:
    rows = ["Thai         thai         ADJ    JJ    amod       1   B-NORP",
            "army         army         NOUN   NN    nsubj      2   O",
            "declared     declare      VERB   VBD   ROOT       2   O",
            "martial      martial      ADJ    JJ    amod       4   O",
            "law          law          NOUN   NN    dobj       2   O"]
    if tail:
        rows += ["in           in           ADP    IN    prep       2   O",
                 "Chiang       Chiang       PROPN  NNP   compound   7   B-GPE",
                 "Mai          Mai          PROPN  NNP   pobj       5   I-GPE"]
    rows.append(".            .            PUNCT  .     punct      2   O")
    events = code_with("\n".join(rows), Pattern("declare/law", "declare", "1724", object=frozenset({"law"}),
                                                target="none"))
    (event,) = events
    source, code, target = triples(events)[0]
    assert (source, code, target, event.evidence.rule.removeprefix("verbs/declare/law")) == expected


def test_a_demanded_object_is_not_on_the_subject_of_a_clause_beside_it() -> None:
    # "Britain demanded the withdrawal of Russian troops, diplomats quoted ...": the parser hangs the quote
    # under "demanded"; the demand is on the troops, not on the diplomats
    table = """
    Britain      Britain      PROPN  NNP   nsubj      1   B-GPE
    demanded     demand       VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    withdrawal   withdrawal   NOUN   NN    dobj       1   O
    of           of           ADP    IN    prep       3   O
    Russian      russian      ADJ    JJ    amod       6   B-NORP
    troops       troop        NOUN   NNS   pobj       4   O
    ,            ,            PUNCT  ,     punct      9   O
    diplomats    diplomat     NOUN   NNS   nsubj      9   O
    quoted       quote        VERB   VBD   ccomp      1   O
    it           it           PRON   PRP   dobj       9   O
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("demand/withdrawal", "demand", "106", object=frozenset({"withdrawal"}),
                                      target="none"))
    assert triples(events) == [("GBR", "106", "RUSMIL")]


def test_an_infinitive_the_parser_hangs_on_an_appeal_as_a_purpose_is_what_is_asked() -> None:
    # "Japan urged Russia on Friday to release the sailors", with "to release" parsed as advcl
    table = """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    urged        urge         VERB   VBD   ROOT       1   O
    Russia       Russia       PROPN  NNP   dobj       1   B-GPE
    on           on           ADP    IN    prep       1   O
    Friday       Friday       PROPN  NNP   pobj       3   B-DATE
    to           to           PART   TO    aux        6   O
    release      release      VERB   VB    advcl      1   O
    sailors      sailor       NOUN   NNS   dobj       6   O
    .            .            PUNCT  .     punct      1   O
    """
    events = code(table)
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in events]
    assert sorted(found, key=str) == sorted([("JPN", "0253", "RUS", "asserted"), ("RUS", "0841", "MIL", "demanded")],
                                            key=str)


@pytest.mark.parametrize(("subject", "lemma", "expected"), [
    ("earthquake", "earthquake", []),  # no one's act
    ("bomb", "bomb", [(None, "190", "CVL")]),  # someone's, though unnamed: kept, with the source unknown
], ids=["natural_cause", "unnamed_doer"])
def test_a_natural_cause_is_no_ones_act(subject: str, lemma: str, expected: list[tuple[str | None, str, str]]) -> None:
    table = f"""
    An           an           DET    DT    det        1   O
    {subject:<12} {lemma:<12} NOUN   NN    nsubj      2   O
    killed       kill         VERB   VBD   ROOT       2   O
    thousands    thousand     NOUN   NNS   dobj       2   O
    of           of           ADP    IN    prep       3   O
    villagers    villager     NOUN   NNS   pobj       4   O
    .            .            PUNCT  .     punct      2   O
    """
    assert triples(code_with(table, Pattern("kill", "kill", "190"))) == expected


STANCE_SAID = """
    Iran         Iran         PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    it           it           PRON   PRP   nsubj      3   O
    was          be           AUX    VBD   ccomp      1   O
    {adj:<12} {adj:<12} ADJ    JJ    acomp      3   O
    about        about        ADP    IN    prep       4   O
    relations    relation     NOUN   NNS   pobj       5   O
    with         with         ADP    IN    prep       6   O
    Britain      Britain      PROPN  NNP   pobj       7   B-GPE
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("adj", "expected"), [
    ("optimistic", [("IRN", "013", "GBR")]),
    ("pessimistic", [("IRN", "012", "GBR")]),
    ("tired", [("IRN", "010", None)]),  # no stance word: a plain statement
], ids=["optimistic", "pessimistic", "no_stance"])
def test_a_statement_of_optimism_or_pessimism_is_coded_as_such(adj: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(code(STANCE_SAID.format(adj=adj))) == expected


@pytest.mark.parametrize(("subject", "lemma", "modifier", "expected"), [
    ("warplanes", "warplane", "Turkish      turkish      ADJ    JJ    amod       1   B-NORP", "195"),
    ("bomber", "bomber", "suicide      suicide      NOUN   NN    compound   1   O", "1831"),
    ("tanks", "tank", "Turkish      turkish      ADJ    JJ    amod       1   B-NORP", "194"),
    ("troops", "troop", "Turkish      turkish      ADJ    JJ    amod       1   B-NORP", "190"),  # no means named
], ids=["aircraft", "suicide_bomber", "heavy_weapons", "no_means"])
def test_a_generic_attack_takes_the_code_of_the_means_its_doer_names(
    subject: str, lemma: str, modifier: str, expected: str
) -> None:
    table = f"""
    {modifier}
    {subject:<12} {lemma:<12} NOUN   NNS   nsubj      2   O
    attacked     attack       VERB   VBD   ROOT       2   O
    Syria        Syria        PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    assert [e.code for e in code(table)] == [expected]


def test_what_a_blocked_text_would_do_is_negated() -> None:
    # "Russia vetoed a resolution condemning Syria"
    table = """
    Russia       Russia       PROPN  NNP   nsubj      1   B-GPE
    vetoed       veto         VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    resolution   resolution   NOUN   NN    dobj       1   O
    condemning   condemn      VERB   VBG   acl        3   O
    Syria        Syria        PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    condemned = [e for e in code(table) if e.code == "111"]
    assert len(condemned) == 1 and condemned[0].negated and not condemned[0].affirmed


def test_the_object_of_a_control_verb_parsed_as_its_complements_subject_is_its_object() -> None:
    # "Israel allowed aid trucks to enter Gaza", parsed with "trucks" as the subject of "enter"
    table = """
    Israel       Israel       PROPN  NNP   nsubj      1   B-GPE
    allowed      allow        VERB   VBD   ROOT       1   O
    aid          aid          NOUN   NN    compound   3   O
    trucks       truck        NOUN   NNS   nsubj      5   O
    to           to           PART   TO    aux        5   O
    enter        enter        VERB   VB    ccomp      1   O
    Gaza         Gaza         PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("allow/aid", "allow", "0863", object=frozenset({"truck"}), target="none"))
    assert [(e.source.code if e.source else None, e.code) for e in events] == [("ISR", "0863")]


@pytest.mark.parametrize(("verb", "lemma", "expected"), [
    ("issued", "issue", [("EGY", "111", "ISR")]),  # the issuer speaks through the text
    ("vetoed", "veto", [(None, "111", "ISR")]),  # a blocked text is no one's word (and its act is negated)
], ids=["issued", "blocked"])
def test_the_issuer_of_a_statement_does_what_it_says(verb: str, lemma: str, expected: list[tuple]) -> None:
    table = f"""
    Egypt        Egypt        PROPN  NNP   nsubj      1   B-GPE
    {verb:<12} {lemma:<12} VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    statement    statement    NOUN   NN    dobj       1   O
    condemning   condemn      VERB   VBG   acl        3   O
    Israel       Israel       PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert [t for t in triples(code(table)) if t[1] == "111"] == expected


PASSIVE_MEASURE = """
    A            a            DET    DT    det        1   O
    Canadian     Canadian     PROPN  NNP   nsubjpass  3   B-NORP
    was          be           AUX    VBD   auxpass    3   O
    {verb:<12} {lemma:<12} VERB   VBN   ROOT       3   O
    {prep:<12} {prep:<12} ADP    IN    {dep:<10} 3   O
    {name:<12} {name:<12} {pos:<6} NNP   pobj       4   {ent}
    .            .            PUNCT  .     punct      3   O
"""


@pytest.mark.parametrize(("verb", "lemma", "code", "prep", "dep", "name", "pos", "ent", "expected"), [
    # an arrest in a state with no doer named is by that state's authorities, an inference (lower confidence)
    ("arrested", "arrest", "173", "in", "prep", "Lebanon", "PROPN", "B-GPE", ("LBNGOV", "173", "CAN")),
    # a doer the text names is the doer
    ("arrested", "arrest", "173", "by", "agent", "Israel", "PROPN", "B-GPE", ("ISR", "173", "CAN")),
    # only acts a state's authorities alone do: anyone may be attacked in Lebanon
    ("attacked", "attack", "190", "in", "prep", "Lebanon", "PROPN", "B-GPE", (None, "190", "CAN")),
], ids=["arrest_in_a_state", "agent_named", "not_a_state_act"])
def test_a_state_act_with_no_doer_named_is_by_the_place_s_authorities(
    verb: str, lemma: str, code: str, prep: str, dep: str, name: str, pos: str, ent: str,
    expected: tuple[str | None, str, str],
) -> None:
    table = PASSIVE_MEASURE.format(verb=verb, lemma=lemma, prep=prep, dep=dep, name=name, pos=pos, ent=ent)
    events = code_with(table, Pattern(lemma, lemma, code))
    assert triples(events) == [expected]
    if expected[0] == "LBNGOV":  # an inferred doer is less sure than a named one
        named = PASSIVE_MEASURE.format(verb=verb, lemma=lemma, prep="by", dep="agent", name=name, pos=pos, ent=ent)
        assert events[0].confidence < code_with(named, Pattern(lemma, lemma, code))[0].confidence


OBLIGED_PURPOSE = """
    The          the          DET    DT    det        1   O
    Chileans     Chileans     PROPN  NNPS  nsubj      2   B-NORP
    {participle}
    said         say          VERB   VBD   ROOT       {root:<3} O
    Peru         Peru         PROPN  NNP   nsubj      {obliged:<3} B-GPE
    must         must         AUX    MD    aux        {obliged:<3} O
    act          act          VERB   VB    ccomp      {root:<3} O
    {mark:<12} {mark:<12} {mark_pos:<6} {mark_tag:<5} {mark_dep:<10} {release:<3} O
    release      release      VERB   VB    advcl      {obliged:<3} O
    prisoners    prisoner     NOUN   NNS   dobj       {release:<3} O
    .            .            PUNCT  .     punct      {root:<3} O
"""


@pytest.mark.parametrize(("participle", "mark", "expected"), [
    # "said Peru must act to release prisoners": what the obliged act is for is demanded too
    (False, "to", [("PER", "0841", "PERCVL", "demanded"), ("CHL", "1053", "PER", "asserted")]),
    # a circumstance of it is not: "said Peru must act before it releases prisoners" (the demand is to act)
    (False, "before", [("CHL", "100", "PER", "asserted"), ("PER", "0841", "PERCVL", "hypothetical")]),
    # a participle the parser made the speaker stands for its subject: "the Chileans living in Peru said"
    (True, "to", [("PER", "0841", "PERCVL", "demanded"), ("CHL", "1053", "PER", "asserted")]),
], ids=["purpose_infinitive", "circumstance", "participle_parsed_as_the_speaker"])
def test_an_obligation_said_extends_to_what_the_obliged_act_is_for(
    participle: bool, mark: str, expected: list[tuple[str | None, str, str | None, str]]
) -> None:
    shift = 1 if participle else 0
    table = OBLIGED_PURPOSE.format(
        participle="living       live         VERB   VBG   nsubj      3   O" if participle else "",
        root=2 + shift, obliged=5 + shift, release=7 + shift,
        mark=mark, mark_pos="PART" if mark == "to" else "SCONJ", mark_tag="TO" if mark == "to" else "IN",
        mark_dep="aux" if mark == "to" else "mark",
    )
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in code(table)]
    assert sorted(found) == sorted(expected)


ORDERED = """
    Mali         Mali         PROPN  NNP   nsubj      1   B-GPE
    ordered      order        VERB   VBD   ROOT       1   O
    {obj:<12} {obj_lemma:<12} {pos:<6} {tag:<5} dobj       1   {ent}
    {rest}
    .            .            PUNCT  .     punct      1   O
"""
TO_VERB = """to           to           PART   TO    aux        4   O
    {verb:<12} {verb:<12} VERB   VB    xcomp      1   O"""
ORDER_PATTERNS = (
    Pattern("order/to", "order", "100", infinitive=True),
    Pattern("order/to/leave", "order", "174", infinitive=frozenset({"leave", "depart"})),
)


@pytest.mark.parametrize(("obj", "obj_lemma", "pos", "tag", "ent", "rest", "expected"), [
    # an order with an infinitive of what is asked is a demand on whom it is given to
    ("France", "France", "PROPN", "NNP", "B-GPE", TO_VERB.format(verb="pay"), [("MLI", "100", "FRA")]),
    # an order to leave is an expulsion: the pattern naming the infinitive wins
    ("France", "France", "PROPN", "NNP", "B-GPE", TO_VERB.format(verb="leave"), [("MLI", "174", "FRA")]),
    # with no infinitive an order is a purchase, not a demand
    ("jets", "jet", "NOUN", "NNS", "O", "", []),
], ids=["order_to_act", "order_to_leave", "order_of_goods"])
def test_a_frame_may_need_an_infinitive_of_what_is_asked(
    obj: str, obj_lemma: str, pos: str, tag: str, ent: str, rest: str, expected: list[tuple[str, str, str]]
) -> None:
    table = ORDERED.format(obj=obj, obj_lemma=obj_lemma, pos=pos, tag=tag, ent=ent, rest=rest)
    assert triples(code_with(table, *ORDER_PATTERNS)) == expected


REMINDER = """
    France       France       PROPN  NNP   nsubj      1   B-GPE
    issued       issue        VERB   VBD   ROOT       1   O
    a            a            DET    DT    det        3   O
    {noun:<12} {noun:<12} NOUN   NN    dobj       1   O
    to           to           ADP    IN    dative     1   O
    Iraq         Iraq         PROPN  NNP   pobj       4   B-GPE
    that         that         SCONJ  IN    mark       9   O
    Baghdad      Baghdad      PROPN  NNP   nsubj      9   B-GPE
    must         must         AUX    MD    aux        9   O
    release      release      VERB   VB    acl        3   O
    prisoners    prisoner     NOUN   NNS   dobj       9   O
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("noun", "expected"), [
    # what a text says someone must do is its author's demand: "issued a reminder to Iraq that it must ..."
    ("reminder", [("FRA", "1053", "IRQGOV", "asserted"), ("IRQGOV", "0841", "IRQCVL", "demanded")]),
    # not what any noun's clause says: "expressed a hope that Baghdad must ..." is no text that speaks
    ("hope", [("IRQGOV", "0841", "IRQCVL", "hypothetical")]),
], ids=["statement_noun", "other_noun"])
def test_an_obligation_in_a_text_is_its_author_s_demand(noun: str, expected: list[tuple[str, str, str, str]]) -> None:
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in code(REMINDER.format(noun=noun))]
    assert sorted(found) == sorted(expected)


def test_an_infinitive_on_a_purpose_noun_is_done_by_who_came_for_it() -> None:
    # "Armenians converged for a rally to condemn Turkey": the parser hangs "to condemn" on "rally"
    table = """
    Armenians    Armenians    PROPN  NNPS  nsubj      1   B-NORP
    converged    converge     VERB   VBD   ROOT       1   O
    for          for          ADP    IN    prep       1   O
    a            a            DET    DT    det        4   O
    rally        rally        NOUN   NN    pobj       2   O
    to           to           PART   TO    aux        6   O
    condemn      condemn      VERB   VB    relcl      4   O
    Turkey       Turkey       PROPN  NNP   dobj       6   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert [t[:2] for t in triples(code(table))] == [("ARM", "111")]


SHIPPED_OUT = """
    Eighty       eighty       NUM    CD    nummod     2   B-CARDINAL
    French       french       ADJ    JJ    amod       2   B-NORP
    troops       troop        NOUN   NNS   nsubjpass  4   O
    were         be           AUX    VBD   auxpass    4   O
    {verb:<12} {lemma:<12} VERB   VBN   ROOT       4   O
    out          out          ADP    IN    prep       4   O
    of           of           ADP    IN    prep       5   O
    Mali         Mali         PROPN  NNP   pobj       6   B-GPE
    .            .            PUNCT  .     punct      4   O
"""


@pytest.mark.parametrize(("verb", "lemma", "code", "expected"), [
    # a side withdraws its own: troops shipped out with no doer named are their own side's withdrawal; "out"
    # parsed as a preposition before "of" is still the particle
    ("shipped", "ship", "087", [("FRAMIL", "087")]),
    # any other act done to them has no doer: "French troops were driven out of Mali" is not France's
    ("driven", "drive", "190", [(None, "190")]),
], ids=["withdrawal", "other_act"])
def test_troops_withdrawn_with_no_doer_named_are_their_own_side_s_withdrawal(
    verb: str, lemma: str, code: str, expected: list[tuple[str | None, str]]
) -> None:
    events = code_with(SHIPPED_OUT.format(verb=verb, lemma=lemma),
                       Pattern(lemma, lemma, code, particle="out", object=frozenset({"troop"})))
    assert [t[:2] for t in triples(events)] == expected


def test_a_main_verb_s_subject_hung_on_an_earlier_phrase_is_its_subject() -> None:
    # "With the signing of a memorandum, the Sudanese government and the rebels have agreed to ...": the parser made
    # "government" a conjunct of "memorandum"
    table = """
    With         with         ADP    IN    prep       8   O
    a            a            DET    DT    det        2   O
    memorandum   memorandum   NOUN   NN    pobj       0   O
    ,            ,            PUNCT  ,     punct      2   O
    the          the          DET    DT    det        6   O
    Sudanese     sudanese     ADJ    JJ    amod       6   B-NORP
    government   government   NOUN   NN    conj       2   O
    have         have         AUX    VBP   aux        8   O
    agreed       agree        VERB   VBN   ROOT       8   O
    .            .            PUNCT  .     punct      8   O
    """
    assert [t[:2] for t in triples(code(table))] == [("SDNGOV", "030")]


def test_a_passive_relative_clause_has_no_doer_but_its_antecedent_is_the_target() -> None:
    # "Egypt freed Kuwaitis who were arrested": the Kuwaitis were arrested by someone the text does not name
    table = """
    Egypt        Egypt        PROPN  NNP   nsubj      1   B-GPE
    freed        free         VERB   VBD   ROOT       1   O
    Kuwaitis     Kuwaitis     PROPN  NNPS  dobj       1   B-NORP
    who          who          PRON   WP    nsubjpass  5   O
    were         be           AUX    VBD   auxpass    5   O
    arrested     arrest       VERB   VBN   relcl      2   O
    .            .            PUNCT  .     punct      1   O
    """
    assert (None, "173", "KWT") in triples(code(table))


RULED_OUT = """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    that         that         SCONJ  IN    mark       5   O
    releasing    release      VERB   VBG   csubj      5   O
    prisoners    prisoner     NOUN   NNS   dobj       3   O
    is           be           AUX    VBZ   ccomp      1   O
    {predicate}
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("predicate", "expected"), [
    # what the predicate rules out did not happen, and the speaker refused it
    ("""out          out          ADP    IN    prep       5   O
    of           of           ADP    IN    prep       6   O
    the          the          DET    DT    det        9   O
    question     question     NOUN   NN    pobj       7   O""",
     [("JPN", "0841", "JPNCVL", True), ("JPN", "1243", "JPNCVL", False)]),
    # any other predicate rules nothing out
    ("""urgent       urgent       ADJ    JJ    acomp      5   O""", [(None, "0841", "JPNCVL", False)]),
], ids=["ruled_out", "other_predicate"])
def test_a_gerund_the_predicate_rules_out_is_negated_and_refused_by_the_speaker(
    predicate: str, expected: list[tuple[str | None, str, str, bool]]
) -> None:
    events = code(RULED_OUT.format(predicate=predicate))
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.negated)
             for e in events if e.code != "010"]
    assert found == expected


def test_joining_someone_in_an_act_is_doing_it_with_them() -> None:
    table = """
    Britain      Britain      PROPN  NNP   nsubj      1   B-GPE
    joined       join         VERB   VBD   ROOT       1   O
    France       France       PROPN  NNP   dobj       1   B-GPE
    in           in           ADP    IN    prep       1   O
    condemning   condemn      VERB   VBG   pcomp      3   O
    Russia       Russia       PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
    """
    assert sorted(triples(code(table))) == [("FRA", "111", "RUS"), ("GBR", "111", "RUS")]


def test_a_participle_clause_happens_where_its_main_clause_does_and_the_place_places_its_victims() -> None:
    # "Israeli troops raided Jenin, killing five civilians": the killing is in Jenin, so the civilians are
    # Palestinian, not the Israeli side's own
    table = """
    Israeli      israeli      ADJ    JJ    amod       1   B-NORP
    troops       troop        NOUN   NNS   nsubj      2   O
    raided       raid         VERB   VBD   ROOT       2   O
    homes        home         NOUN   NNS   dobj       2   O
    in           in           ADP    IN    prep       2   O
    Jenin        Jenin        PROPN  NNP   pobj       4   B-GPE
    ,            ,            PUNCT  ,     punct      2   O
    killing      kill         VERB   VBG   advcl      2   O
    five         five         NUM    CD    nummod     9   B-CARDINAL
    civilians    civilian     NOUN   NNS   dobj       7   O
    .            .            PUNCT  .     punct      2   O
    """
    events = code_with(table, Pattern("kill", "kill", "190"))
    assert triples(events) == [("ISRMIL", "190", "PSECVL")]
    assert events[0].location is not None and events[0].location.country == "PSE"


def test_a_preposition_s_object_the_parser_made_the_subject_of_a_participle_is_its_object() -> None:
    # "Peru granted asylum to five officers holed up in an embassy": "officers" parsed as the subject of "holed"
    table = """
    Peru         Peru         PROPN  NNP   nsubj      1   B-GPE
    granted      grant        VERB   VBD   ROOT       1   O
    asylum       asylum       NOUN   NN    dobj       1   O
    to           to           ADP    IN    prep       1   O
    Chilean      chilean      ADJ    JJ    amod       5   B-NORP
    officers     officer      NOUN   NNS   nsubj      6   O
    holed        hole         VERB   VBD   advcl      1   O
    up           up           ADP    RP    prt        6   O
    .            .            PUNCT  .     punct      1   O
    """
    events = code_with(table, Pattern("grant/asylum/to", "grant", "075", object=frozenset({"asylum"}), prep="to",
                                      target="prep"))
    assert triples(events) == [("PER", "075", "CHL")]


def test_an_object_after_an_as_phrase_parsed_as_its_apposition_is_the_object() -> None:
    # "Albania denounced as a crime Serbia's crackdown": "crackdown" parsed as an apposition of "crime"
    table = """
    Albania      Albania      PROPN  NNP   nsubj      1   B-GPE
    condemned    condemn      VERB   VBD   ROOT       1   O
    as           as           ADP    IN    prep       1   O
    a            a            DET    DT    det        4   O
    crime        crime        NOUN   NN    pobj       2   O
    Serbia       Serbia       PROPN  NNP   poss       7   B-GPE
    's           's           PART   POS   case       5   O
    crackdown    crackdown    NOUN   NN    appos      4   O
    .            .            PUNCT  .     punct      1   O
    """
    assert triples(code(table)) == [("ALB", "111", "SRB")]


@pytest.mark.parametrize(("code", "expected"), [
    ("090", [("UNO", "090", "IRN")]),  # inspectors sent to a site in Iran inspect Iran
    ("040", [("UNO", "040", None)]),   # talks held in Iran are not with Iran
], ids=["inquiry", "talks"])
def test_the_place_of_an_inquiry_is_its_target(code: str, expected: list[tuple[str, str, str | None]]) -> None:
    table = """
    The          the          DET    DT    det        1   B-ORG
    UN           UN           PROPN  NNP   nsubj      2   I-ORG
    sent         send         VERB   VBD   ROOT       2   O
    inspectors   inspector    NOUN   NNS   dobj       2   O
    in           in           ADP    IN    prep       2   O
    Iran         Iran         PROPN  NNP   pobj       4   B-GPE
    .            .            PUNCT  .     punct      2   O
    """
    events = code_with(table, Pattern("send/inspector", "send", code, object=frozenset({"inspector"}), target="none"))
    assert triples(events) == expected


THREATENED = """
    Russia       Russia       PROPN  NNP   nsubj      1   B-GPE
    threatened   threaten     VERB   VBD   ROOT       1   O
    {rest}
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("rest", "expected"), [
    # the threat takes the code of what it threatens, and that act's target when it names none
    ("""to           to           PART   TO    aux        3   O
    shell        shell        VERB   VB    xcomp      1   O
    Latvia       Latvia       PROPN  NNP   dobj       3   B-GPE""",
     [("RUS", "138", "LVA", "asserted"), ("RUS", "138", "LVA", "intended")]),
    # a threat with nothing coded under it stays a bare threat
    ("""Latvia       Latvia       PROPN  NNP   dobj       1   B-GPE""", [("RUS", "130", "LVA", "asserted")]),
], ids=["threatened_act", "bare_threat"])
def test_a_threat_takes_the_code_and_target_of_what_it_threatens(
    rest: str, expected: list[tuple[str, str, str, str]]
) -> None:
    events = code_with(THREATENED.format(rest=rest), Pattern("threaten", "threaten", "130"),
                       Pattern("shell", "shell", "194"))
    found = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality)
             for e in events]
    assert sorted(found) == sorted(expected)
