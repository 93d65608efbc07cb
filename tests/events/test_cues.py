"""Each negation and hedge cue, one case each, on hand-built parses (written from parses of our sentences)."""

from __future__ import annotations

import pytest

from tests.events.test_mechanisms import code

CASES = {
    # Japan never condemned Russia.
    "never": (True, "asserted", """
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    never        never        ADV    RB    neg        2   O
    condemned    condemn      VERB   VBD   ROOT       2   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""),
    # Japan declined to condemn Russia.
    "declined_to": (True, "asserted", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    declined     decline      VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan failed to condemn Russia.
    "failed_to": (True, "asserted", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    failed       fail         VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan denied attacking Russia.
    "denied": (True, "asserted", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    denied       deny         VERB   VBD   ROOT       1   O
    attacking    attack       VERB   VBG   xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan might condemn Russia.
    "might": (False, "hypothetical", """
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    might        might        AUX    MD    aux        2   O
    condemn      condemn      VERB   VB    ROOT       2   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""),
    # Japan would condemn Russia.
    "would": (False, "hypothetical", """
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    would        would        AUX    MD    aux        2   O
    condemn      condemn      VERB   VB    ROOT       2   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""),
    # Japan may condemn Russia.
    "may": (False, "hypothetical", """
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    may          may          AUX    MD    aux        2   O
    condemn      condemn      VERB   VB    ROOT       2   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""),
    # If Japan condemns Russia, China will protest.
    "if_clause": (False, "hypothetical", """
    If           if           SCONJ  IN    mark       2   O
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    condemns     condemn      VERB   VBZ   advcl      7   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    ,            ,            PUNCT  ,     punct      7   O
    China        China        PROPN  NNP   nsubj      7   B-GPE
    will         will         AUX    MD    aux        7   O
    protest      protest      VERB   VB    ROOT       7   O
    .            .            PUNCT  .     punct      7   O
"""),
    # Japan plans to condemn Russia.
    "plans_to": (False, "intended", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    plans        plan         VERB   VBZ   ROOT       1   O
    to           to           PART   TO    aux        3   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan intends to condemn Russia.
    "intends_to": (False, "intended", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    intends      intend       VERB   VBZ   ROOT       1   O
    to           to           PART   TO    aux        3   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan vowed to condemn Russia.
    "vowed_to": (False, "intended", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    vowed        vow          VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       3   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan will condemn Russia.
    "will": (False, "intended", """
    Japan        Japan        PROPN  NNP   nsubj      2   B-GPE
    will         will         AUX    MD    aux        2   O
    condemn      condemn      VERB   VB    ROOT       2   O
    Russia       Russia       PROPN  NNP   dobj       2   B-GPE
    .            .            PUNCT  .     punct      2   O
"""),
    # China called on Japan to condemn Russia.
    "called_on_to": (False, "demanded", """
    China        China        PROPN  NNP   nsubj      1   B-GPE
    called       call         VERB   VBD   ROOT       1   O
    on           on           ADP    IN    prep       1   O
    Japan        Japan        PROPN  NNP   pobj       2   B-GPE
    to           to           PART   TO    aux        5   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       5   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # China urged Japan to condemn Russia.
    "urged_to": (False, "demanded", """
    China        China        PROPN  NNP   nsubj      1   B-GPE
    urged        urge         VERB   VBD   ROOT       1   O
    Japan        Japan        PROPN  NNP   dobj       1   B-GPE
    to           to           PART   TO    aux        4   O
    condemn      condemn      VERB   VB    xcomp      1   O
    Russia       Russia       PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
    # Japan said it would condemn Russia.
    "said_would": (False, "intended", """
    Japan        Japan        PROPN  NNP   nsubj      1   B-GPE
    said         say          VERB   VBD   ROOT       1   O
    it           it           PRON   PRP   nsubj      4   O
    would        would        AUX    MD    aux        4   O
    condemn      condemn      VERB   VB    ccomp      1   O
    Russia       Russia       PROPN  NNP   dobj       4   B-GPE
    .            .            PUNCT  .     punct      1   O
"""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_cue_flags_the_embedded_event(case: str) -> None:
    negated, modality, table = CASES[case]
    events = [e for e in code(table) if e.code in ("111", "190") and e.target and e.target.code == "RUS"]
    assert events, "the flagged event is kept in the output"
    assert {(e.negated, e.modality) for e in events} == {(negated, modality)}
    if modality == "demanded":
        assert {e.source.code for e in events} == {"JPN"}, "the one called on to act is the source"
