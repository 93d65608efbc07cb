"""Frames: which verb or event noun in a sentence fills which pattern, with its arguments as tokens."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from facta.events.clauses import analyse, controllers, infinitival, objects_of
from facta.events.nominal import NounPattern, match_noun, noun_agent, noun_targets
from facta.events.patterns import Cues, Pattern, Patterns
from facta.model import Plover

_VERB_POS = frozenset({"VERB"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame the text fills: which rule fired, the word naming the event, and its arguments."""

    rule: str
    code: str | None
    trigger: Token  # the verb or event noun
    anchor: Token  # the verb whose clause carries modality, date and place (the trigger for plain verbs)
    sources: list[Token]
    targets: list[Token]
    target_mode: str  # object | prep | none
    thing_object: bool  # the object is a thing given or imposed; its recipient is the target
    passive: bool
    specificity: int
    covers: tuple[int, ...] = ()  # tokens the frame accounts for: objects a noun frame must not code again
    reciprocal: bool = False
    prep: str | None = None  # the preposition the verb pattern is defined by ("warn of"): not a recipient
    refused: bool = False  # the event noun is the object of a refusal: "refused talks with Kabul"
    plover: Plover | None = None  # the pattern's PLOVER type where the PLOVER manual overrides the crosswalk


def find_frames(sent: Span, patterns: Patterns, nouns: dict[str, tuple[NounPattern, ...]]) -> list[Frame]:
    """Verb frames first; then event nouns that no verb frame accounts for, as light-verb objects or alone."""
    frames: list[Frame] = []
    covered: set[int] = set()
    for token in sent:
        if token.pos_ not in _VERB_POS:
            continue
        candidates = patterns.by_verb.get(token.lemma_.lower())
        if candidates is None:
            continue
        match = _match(token, candidates, patterns.cues)
        if match is not None:
            covered.update(match.covers)
            if match.code is not None:
                frames.append(match)
    if nouns:
        for token in sent:
            if token.pos_ == "NOUN" and token.i not in covered and token.lemma_.lower() in nouns and not _undone(
                token, patterns.cues
            ):
                noun_match = _noun_match(token, nouns[token.lemma_.lower()], patterns.cues)
                if noun_match is not None:
                    frames.append(noun_match)
    return frames


def _undone(noun: Token, cues: Cues) -> bool:
    """"the lifting of sanctions", "a suspension of talks": the event the noun names is being undone."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in cues.reversing_nouns


def _noun_match(token: Token, candidates: tuple[NounPattern, ...], cues: Cues) -> Frame | None:
    pattern = match_noun(token, candidates)
    if pattern is None:
        return None
    # "launched a mediation effort between X and Y": the event noun stands in its vague head's place
    noun = token.head if token.dep_ == "compound" and token.head.lemma_.lower() in cues.vague_heads else token
    targets, reciprocal = noun_targets(noun, pattern)
    topic = pattern.prep if pattern.topic else None  # "talks on the conflict in Ukraine": no recipient
    verb = _governing_verb(noun, cues)
    circumstance = _verb_over(noun, ("in", "during", "with", "through"))  # the means of the verb's act
    if circumstance is None and pattern.code[:2] in cues.purpose_roots:
        circumstance = _verb_over(noun, ("for",))  # "arrived in Moscow for talks", "gathered for a protest"
    # "was put under investigation", "taken into custody": the event noun is where the verb puts its object
    placing = _verb_over(noun, ("under", "into"))
    placing = placing if placing is not None and analyse(placing).objects else None
    if verb is None and placing is not None:
        # "was put under investigation", "placed him under house arrest", "took them into custody": the one put
        # there undergoes the event, whoever put him there did it
        clause = analyse(placing)
        return Frame(
            pattern.rule, pattern.code, token, placing, clause.subjects, clause.objects, "prep", False,
            clause.passive, pattern.specificity, reciprocal=reciprocal, plover=pattern.plover, prep=topic,
        )
    if verb is None and circumstance is not None:
        # "wounded two soldiers in a bomb attack": the attack is the verb's subject's, on its object
        clause = analyse(circumstance)
        if clause.passive and not clause.subjects and circumstance.lemma_.lower() in cues.participation_verbs:
            # "Serb forces were engaged in ethnic cleansing": those engaged in it are its doers
            return Frame(
                pattern.rule, pattern.code, token, circumstance, clause.objects, targets, "prep", False, False,
                pattern.specificity, reciprocal=reciprocal, plover=pattern.plover, prep=topic,
            )
        return Frame(
            pattern.rule, pattern.code, token, circumstance, clause.subjects, targets or clause.objects, "prep",
            False, clause.passive, pattern.specificity, reciprocal=reciprocal, plover=pattern.plover, prep=topic,
        )
    if verb is not None:  # a light verb: "launched an assault on X"
        lemma = verb.lemma_.lower()
        refused = lemma in cues.refusal_verbs  # "refused talks with Kabul": no talks, and a refusal (12x)
        if lemma in cues.undoing_verbs and not refused:
            return None  # "scrapped the deal", "discussed the withdrawal": no such event happened here
        clause = analyse(verb)
        sources = clause.subjects
        if lemma in cues.receiver_verbs:  # "survived an assassination attempt": the subject is the target
            sources, targets = noun_agent(noun) or objects_of([verb], "from", "by"), clause.subjects
        return Frame(
            pattern.rule, pattern.code, token, verb, sources, targets, "prep", False, clause.passive,
            pattern.specificity, reciprocal=reciprocal, refused=refused, plover=pattern.plover, prep=topic,
        )
    agent = noun_agent(noun)  # "the expulsion of 60 diplomats by the US"; else the noun's own modifiers
    sources = agent or [noun]
    return Frame(
        pattern.rule, pattern.code, token, noun, sources, targets, "prep", False, False, pattern.specificity,
        reciprocal=reciprocal, plover=pattern.plover, prep=topic,
    )


def _verb_over(noun: Token, preps: tuple[str, ...]) -> Token | None:
    """The verb an event noun's prepositional phrase (one of ``preps``) hangs on, after it: "killed five people in
    an airstrike" (the means), "returned to Geneva for talks" (the purpose), "was put under investigation"."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in preps:
        verb = prep.head
        if verb.pos_ == "VERB" and prep.i > verb.i:
            return verb
    return None


def _governing_verb(noun: Token, cues: Cues) -> Token | None:
    token = noun
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in cues.series_nouns:
        token = token.head.head  # "began a new round of talks", "launched 10 days of war games"
    return token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None


def _match(verb: Token, candidates: tuple[Pattern, ...], cues: Cues) -> Frame | None:
    """The most specific pattern whose frame the verb's clause fills."""
    clause = analyse(verb)
    demand = verb.lemma_.lower() in cues.demand_verbs
    if clause.passive and "in" in clause.preps and verb.lemma_.lower() in cues.participation_verbs:
        return None  # "forces were engaged in fighting": taking part, not engaging (attacking) the forces
    for pattern in candidates:
        if pattern.particle != clause.particle:
            continue  # "back down" is not "back"; a phrasal verb needs its own pattern
        if pattern.infinitive and not _infinitive(verb, pattern.infinitive):
            continue  # "ordered Israel to halt", not "ordered 36 jets"
        if pattern.object is not None and not _fits(clause.objects, pattern.object, cues):
            continue
        prep_objects = clause.preps.get(pattern.prep, []) if pattern.prep else []
        if pattern.prep is not None and not prep_objects:
            continue
        if pattern.prep_object is not None and not _fits(prep_objects, pattern.prep_object, cues):
            continue
        mode = pattern.target
        if mode == "prep":
            targets = prep_objects
        elif pattern.object is not None and clause.datives:
            targets, mode = clause.datives, "object"  # "gave Tanzania a grant": the object is the thing given
        elif mode == "object":
            targets = clause.objects or clause.datives
        else:
            targets = []
        if demand and mode != "prep" and not targets:
            # "demanded that Russia release", "called on Iran to free": whom the demand is on
            # Not when the object is the thing demanded: "demanded the withdrawal of Serbian forces".
            targets = (_complement_subjects(verb) or controllers(verb)) if pattern.object is None else []
            mode = "object" if targets else mode
        # A verb of saying codes only a statement: what it announces is an event of its own ("announced the
        # release of two hostages" is the release, 0841), so its objects stay open to event nouns.
        saying = pattern.code == "010" and pattern.object is None
        covered = [] if saying else [*clause.objects, *(o for objs in clause.preps.values() for o in objs)]
        covers = tuple(t.i for t in (*covered, *(c for t in covered for c in t.children if c.dep_ == "conj")))
        return Frame(
            pattern.rule, pattern.code, verb, verb, clause.subjects, targets, mode,
            pattern.object is not None, clause.passive, pattern.specificity, covers, prep=pattern.prep,
            plover=pattern.plover,
        )
    return None


def _infinitive(verb: Token, lemmas: bool | frozenset[str]) -> bool:
    """Does the verb take an infinitive of what it asks ("ordered Menem to appear", "told Iran to stop"), one of
    ``lemmas`` when they are given ("ordered the envoy to leave")?"""
    return any(
        c.dep_ in ("xcomp", "ccomp") and infinitival(c)
        and (lemmas is True or (isinstance(lemmas, frozenset) and c.lemma_.lower() in lemmas))
        for c in verb.children
    )


def _complement_subjects(verb: Token) -> list[Token]:
    """"demanded that Russia release ...": the subject of a clausal complement is whom the demand is on."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return [c for c in child.children if c.dep_ == "nsubj"]
    return []


def _fits(heads: list[Token], lemmas: frozenset[str], cues: Cues) -> bool:
    """Does a frame's word list name one of the heads, a head coordinated with them ("photographs and other
    intelligence"), or what a head is "of" ("the return of inspectors")?"""
    heads = [*heads, *(c for h in heads for c in h.children if c.dep_ == "conj")]
    # what a head is of ("the return of inspectors"), unless the head undoes it ("the lifting of sanctions")
    of_objects = objects_of([h for h in heads if h.lemma_.lower() not in cues.reversing_nouns], "of")
    # "a team of medical experts, equipment and drugs": each thing the head is of
    candidates = [*heads, *of_objects, *(c for o in of_objects for c in o.children if c.dep_ == "conj")]
    # "ended mediation efforts", "suspended part of an aid program": the compound names what the vague head
    # stands for
    candidates += [c for h in candidates if h.lemma_.lower() in cues.vague_heads and h.pos_ == "NOUN"
                   for c in h.children if c.dep_ == "compound"]  # not a name's: "the World Food Program"
    # a sum of money is money: "contributed $46 million", "provided 28 million euros"
    return any(h.lemma_.lower() in lemmas or h.lower_ in lemmas or (h.ent_type_ == "MONEY" and "money" in lemmas)
               for h in candidates)
