"""Modality of an event's verb: negated, hypothetical, intended or demanded, and who it is attributed to.

The cue words are data (``facta/data/cues.yaml``); this module walks the parse from the event's verb up
through the verbs that embed it ("refused to", "plans to", "said that").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from facta.events.clauses import antecedent, author, complement_edge, controllers, infinitival
from facta.events.patterns import Cues

# Edges along which a verb is embedded under another whose meaning colours it.
_EMBEDDING = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis", "csubj"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    modality: str
    attribution_head: Token | None  # the speaker of a reported claim (resolved to text by the caller)


def _own(verb: Token, cues: Cues) -> tuple[bool, str | None]:
    """Negation and modality marked on the verb itself."""
    negated = False
    modality: str | None = None
    for child in verb.children:
        dep, lemma = child.dep_, child.lower_
        if dep == "neg" or (dep == "advmod" and lemma in cues.negation_words):
            negated = True
        elif dep == "aux":
            if lemma in cues.intent_aux or lemma == "going":
                modality = modality or "intended"
            elif lemma in cues.hypothetical_aux:
                modality = "hypothetical"
        elif dep == "mark" and lemma in cues.hypothetical_marks:
            modality = "hypothetical"
    return negated, modality


def analyse_modality(verb: Token, cues: Cues) -> Modality:
    """Walk from ``verb`` up its embedding verbs, collecting negation, modality and the speaker."""
    negated, modality = _own(verb, cues)
    speaker: Token | None = None
    token = verb
    steps = 0
    while token.dep_ in _EMBEDDING and token.head.i != token.i and steps < 8:
        steps += 1
        edge, head = complement_edge(token), token.head
        lemma = head.lemma_.lower()
        if edge == "conj":
            token = head
            continue  # coordinated verbs share their embedding, not their own auxiliaries
        if edge == "pcomp" and head.pos_ == "ADP":
            # "refrained from attacking", "without consulting": the act did not happen; then on up the verb
            governor = head.head
            if head.lower_ == "without" or (
                head.lower_ == "from" and governor.lemma_.lower() in cues.prevention_verbs
            ):
                negated = not negated
            if governor.pos_ == "ADJ" and governor.lemma_.lower() in cues.hypothetical_adjectives:
                modality = modality or "hypothetical"  # "capable of attacking"
            if head.dep_ != "prep" or governor.i == head.i:
                break
            token = governor
            continue
        if edge == "acl" and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in cues.blocking_verbs:
            negated = not negated  # "vetoed a resolution condemning the annexation": no condemnation was made
            break
        noun = _demand_noun(token, head, cues)
        if noun is not None:
            # "its demand that Israel ease restrictions": demanded, by the demand's owner or its verb's subject
            modality = modality or "demanded"
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            verb_of_noun = noun.head.head if noun.dep_ == "pobj" else noun.head
            voiced = verb_of_noun.pos_ == "VERB" and (
                verb_of_noun.lemma_.lower() in cues.report_verbs or verb_of_noun.lemma_.lower() in cues.voicing_verbs
            )  # "renewed its demand": the subject's; "rejected the demand": someone else's
            speaker = speaker or owner or (_subject(verb_of_noun) if voiced else None)
            break
        if edge in ("acl", "ccomp") and head.pos_ == "NOUN" and lemma in cues.statement_nouns and token.i > head.i:
            # "issued a stern reminder to Iraq that it must cooperate": the text's content, its author's words
            speaker = speaker or next(iter(author(head)), None)
            if any(_has_aux(verb, word) for word in cues.obligation_aux):
                modality = "demanded"
            break
        if edge in ("ccomp", "parataxis") and lemma in cues.report_verbs:
            speaker = speaker or _subject(head)
            if modality == "hypothetical" and _is_past(head) and _has_aux(verb, "would"):
                modality = "intended"  # "said it would retaliate": future in the past
            purpose = verb.head.i == token.i and verb.dep_ in ("xcomp", "advcl") and infinitival(verb)
            # an infinitive under the obliged verb, not a circumstance ("before it can receive aid")
            if any(_has_aux(verb, word) or (purpose and _has_aux(token, word)) for word in cues.obligation_aux):
                # "said Iran must release them", "said US forces must ensure security to allow aid in": the
                # speaker's demand, also of what the obliged act is for
                modality = "demanded"
            break  # a report verb's own modality is about the saying, not the deed
        if edge == "ccomp" and lemma in cues.demand_verbs:
            modality = modality or "demanded"  # "demanded that Russia release"
        if edge == "xcomp":
            if lemma in cues.negation_verbs:
                negated = not negated
            elif lemma in cues.demand_verbs and controllers(head):
                modality = modality or "demanded"
            elif lemma in cues.hypothetical_verbs:
                modality = modality or "hypothetical"
            elif head.pos_ == "ADJ" and lemma in cues.hypothetical_adjectives:
                modality = modality or "hypothetical"  # "able to strike", "likely to retaliate"
            elif lemma in cues.intent_verbs or (head.pos_ == "ADJ" and lemma in cues.intent_adjectives):
                modality = modality or "intended"  # "plans to meet", "is ready to meet"
        head_negated, head_modality = _own(head, cues)
        if head_negated and edge in ("xcomp", "ccomp"):
            negated = not negated if edge == "xcomp" else negated
        if head_modality == "hypothetical" or (head_modality and modality is None and edge == "xcomp"):
            modality = modality or head_modality
        token = head
    if modality is None and _in_conditional(verb, cues):
        modality = "hypothetical"
    return Modality(negated, modality or "asserted", speaker)


def _demand_noun(token: Token, head: Token, cues: Cues) -> Token | None:
    """The demand noun whose content clause ``token`` is: "its demand that Israel ease" (the clause hangs on the
    noun, or, as parsers often attach it, on the verb whose object the noun is: "reiterated its demand that")."""
    if token.dep_ in ("acl", "ccomp", "advcl") and head.pos_ == "NOUN" and head.lemma_.lower() in cues.demand_nouns:
        return head
    if token.dep_ == "ccomp" and head.pos_ == "VERB" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in token.children
    ):
        objects = [c for c in head.children if c.dep_ == "dobj"]
        objects += [o for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        return next((o for o in objects if o.lemma_.lower() in cues.demand_nouns and o.i < token.i), None)
    return None


def _in_conditional(verb: Token, cues: Cues) -> bool:
    return any(
        child.dep_ == "mark" and child.lower_ in cues.hypothetical_marks
        for ancestor in (verb, *list(verb.ancestors)[:3])
        for child in ancestor.children
        if ancestor.dep_ == "advcl" or ancestor.i == verb.i
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return antecedent(child)
    return None


def _is_past(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBN")


def _has_aux(verb: Token, word: str) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == word for c in verb.children)


def attribution_prep(verb: Token, cues: Cues) -> Token | None:
    """The object of "according to X" anywhere in the verb's sentence."""
    for token in verb.sent:
        if token.lower_ in cues.attribution_preps:
            for child in token.children:
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
    return None
