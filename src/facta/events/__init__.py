"""The events stage: clauses of a parsed article coded as CAMEO events with modality, date, place and evidence.

One public function, ``code_events``. The verb dictionary and cue words are data; this module implements
the mechanism once: find verbs that have patterns, analyse their clause, pick the most specific pattern
that fits, resolve source and target actors, and describe what the text says about whether it happened.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from facta.actors import ArticleActors, Mention, actor_code
from facta.events.clauses import analyse, controllers, expand, recipients
from facta.events.modality import Modality, analyse_modality, attribution_prep
from facta.events.nominal import NounPattern, load_nouns, match_noun, noun_agent, noun_targets
from facta.events.patterns import Cues, Pattern, Patterns, load_patterns
from facta.model import Actor, Article, Event, Evidence, Location, Plover
from facta.ontology import CameoCode, Ontology, load_ontology
from facta.places import event_place
from facta.time import event_date

__all__ = ["code_events", "load_patterns", "main_event"]

_VERB_POS = frozenset({"VERB"})
_STATEMENT = "010"


@dataclass(frozen=True, slots=True)
class _Match:
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


def code_events(
    doc: Doc, article: Article, actors: ArticleActors, patterns: Patterns,
    nouns: dict[str, tuple[NounPattern, ...]] | None = None,
) -> list[Event]:
    """Every event the article's sentences code, in text order, flagged for negation and modality."""
    ontology = load_ontology()
    nouns = load_nouns() if nouns is None else nouns
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        frames = _frames(sent, patterns, nouns)
        produced = [_events(match, sent, index, article, actors, patterns, ontology) for match in frames]
        coded = {match.anchor.i for match, made in zip(frames, produced, strict=True) if made}
        found = _refine_requests(frames, produced, patterns.cues, ontology)
        found = _statements_as_demands(found, frames, produced, actors, patterns.cues, ontology)
        found = _drop_reports(found, frames, coded, patterns.cues)
        events.extend(_drop_redundant_statements(found, patterns))
    return events


def _refine_requests(
    frames: list[_Match], produced: list[list[Event]], cues: Cues, ontology: Ontology
) -> list[Event]:
    """"urged Iran to release the sailors": the appeal (02) or demand (10) takes the code of what it asks for,
    0253 appeal for release, from the demanded act coded under it."""
    found: list[Event] = []
    for match, made in zip(frames, produced, strict=True):
        if made and match.trigger.lemma_.lower() in cues.demand_verbs and made[0].root in ("02", "10"):
            inside = {t.i for c in match.trigger.children if c.dep_ in ("xcomp", "ccomp") for t in c.subtree}
            asked = [
                e for other, events in zip(frames, produced, strict=True) if other.anchor.i in inside
                for e in events if e.modality == "demanded"
            ]
            refined = cues.request_code(made[0].code, asked[0].code) if asked else None
            if refined is not None:
                found.extend(_recode(e, ontology[refined]) for e in made)
                continue
        found.extend(made)
    return found


def _statements_as_demands(
    found: list[Event], frames: list[_Match], produced: list[list[Event]], actors: ArticleActors, cues: Cues,
    ontology: Ontology,
) -> list[Event]:
    """"Russia said Sudan must return the helicopter": a statement whose content is an obligation on someone
    else is a demand on them (100), even when the demanded act itself is not in the dictionary."""
    demanded_by: dict[int, Token] = {}
    for match, made in zip(frames, produced, strict=True):
        if not made or made[0].code != _STATEMENT or match.trigger.lemma_.lower() not in cues.report_verbs:
            continue
        for child in match.trigger.children:
            if child.dep_ == "ccomp" and any(
                c.dep_ == "aux" and c.lower_ in cues.obligation_aux for c in child.children
            ):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    demanded_by[match.trigger.idx] = subject
    if not demanded_by:
        return found
    result = []
    for event in found:
        subject = demanded_by.get(event.evidence.trigger_span[0])
        mention = actors.resolve(subject) if subject is not None and event.code == _STATEMENT else None
        if mention is None or event.source is None or mention.actor.country == event.source.country:
            result.append(event)
            continue
        evidence = replace(
            event.evidence, target_span=mention.actor.span, rule=f"cues/obligation+{event.evidence.rule}"
        )
        result.append(replace(_recode(event, ontology["100"]), target=mention.actor, evidence=evidence))
    return result


def _recode(event: Event, code: CameoCode) -> Event:
    return replace(
        event, code=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
        plover=Plover(code.plover_type, code.plover_mode),
    )


def _drop_reports(found: list[Event], frames: list[_Match], coded: set[int], cues: Cues) -> list[Event]:
    """"Officials warned that closing it could provoke Moscow": when what was said is coded, the verb of
    saying is the attribution, not an event of its own."""
    reporting = {
        m.trigger.idx for m in frames
        if m.trigger.lemma_.lower() in cues.report_verbs
        and any(
            c.dep_ in ("ccomp", "parataxis") and any(t.i in coded for t in c.subtree) for c in m.trigger.children
        )
    }
    return [
        e for e in found
        if e.evidence.trigger_span[0] not in reporting or e.evidence.rule.startswith("cues/")
    ]


def _frames(sent: Span, patterns: Patterns, nouns: dict[str, tuple[NounPattern, ...]]) -> list[_Match]:
    """Verb frames first; then event nouns that no verb frame accounts for, as light-verb objects or alone."""
    frames: list[_Match] = []
    covered: set[int] = set()
    for token in sent:
        if token.pos_ not in _VERB_POS:
            continue
        candidates = patterns.by_verb.get(token.lemma_.lower())
        if candidates is None:
            continue
        match = _match(token, candidates, demand=token.lemma_.lower() in patterns.cues.demand_verbs)
        if match is not None:
            covered.update(match.covers)
            if match.code is not None:
                frames.append(match)
    if nouns:
        for token in sent:
            if token.pos_ == "NOUN" and token.i not in covered and token.lemma_.lower() in nouns:
                noun_match = _noun_match(token, nouns[token.lemma_.lower()], patterns.cues)
                if noun_match is not None:
                    frames.append(noun_match)
    return frames


def _noun_match(noun: Token, candidates: tuple[NounPattern, ...], cues: Cues) -> _Match | None:
    pattern = match_noun(noun, candidates)
    if pattern is None:
        return None
    targets, reciprocal = noun_targets(noun, pattern)
    verb = _governing_verb(noun)
    circumstance = _circumstance_verb(noun)
    if verb is None and circumstance is not None:
        # "wounded two soldiers in a bomb attack": the attack is the verb's subject's, on its object
        clause = analyse(circumstance)
        return _Match(
            pattern.rule, pattern.code, noun, circumstance, clause.subjects, targets or clause.objects, "prep",
            False, clause.passive, pattern.specificity, reciprocal=reciprocal,
        )
    if verb is not None:  # a light verb: "launched an assault on X"
        lemma = verb.lemma_.lower()
        if lemma in cues.undoing_verbs:
            return None  # "scrapped the deal", "discussed the withdrawal": no such event happened here
        clause = analyse(verb)
        sources = clause.subjects
        if lemma in cues.receiver_verbs:  # "survived an assassination attempt": the subject is the target
            sources, targets = noun_agent(noun) or _prep_objects_of(verb, "from", "by"), clause.subjects
        return _Match(
            pattern.rule, pattern.code, noun, verb, sources, targets, "prep", False, clause.passive,
            pattern.specificity, reciprocal=reciprocal,
        )
    agent = noun_agent(noun)  # "the expulsion of 60 diplomats by the US"; else the noun's own modifiers
    sources = agent or [noun]
    return _Match(
        pattern.rule, pattern.code, noun, noun, sources, targets, "prep", False, False, pattern.specificity,
        reciprocal=reciprocal,
    )


def _circumstance_verb(noun: Token) -> Token | None:
    """The verb of "killed five people in an airstrike": the event noun is the means of the verb's act."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("in", "during", "with", "through"):
        verb = prep.head
        if verb.pos_ == "VERB" and prep.i > verb.i:
            return verb
    return None


def _prep_objects_of(verb: Token, *preps: str) -> list[Token]:
    return [o for c in verb.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children
            if o.dep_ == "pobj"]


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else None


def _match(verb: Token, candidates: tuple[Pattern, ...], *, demand: bool = False) -> _Match | None:
    """The most specific pattern whose frame the verb's clause fills."""
    clause = analyse(verb)
    for pattern in candidates:
        if pattern.particle != clause.particle:
            continue  # "back down" is not "back"; a phrasal verb needs its own pattern
        if pattern.object is not None and not _fits(clause.objects, pattern.object):
            continue
        prep_objects = clause.preps.get(pattern.prep, []) if pattern.prep else []
        if pattern.prep is not None and not prep_objects:
            continue
        if pattern.prep_object is not None and not _fits(prep_objects, pattern.prep_object):
            continue
        mode = pattern.target
        if mode == "prep":
            targets = prep_objects
        elif mode == "object":
            targets = clause.objects or clause.datives
        else:
            targets = []
        if demand and mode != "prep" and not targets:
            # "demanded that Russia release", "called on Iran to free": whom the demand is on
            targets = _complement_subjects(verb) or controllers(verb)
            mode = "object" if targets else mode
        covers = tuple(t.i for t in (*clause.objects, *(o for objs in clause.preps.values() for o in objs)))
        return _Match(
            pattern.rule, pattern.code, verb, verb, clause.subjects, targets, mode,
            pattern.object is not None, clause.passive, pattern.specificity, covers,
        )
    return None


def _complement_subjects(verb: Token) -> list[Token]:
    """"demanded that Russia release ...": the subject of a clausal complement is whom the demand is on."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return [c for c in child.children if c.dep_ == "nsubj"]
    return []


def _fits(heads: list[Token], lemmas: frozenset[str]) -> bool:
    """Does a frame's word list name one of the heads, or what a head is "of" ("the return of inspectors")?"""
    candidates = [*heads, *(o for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children if o.dep_ == "pobj")]
    return any(h.lemma_.lower() in lemmas or h.lower_ in lemmas for h in candidates)


def _events(
    match: _Match, sent: Span, index: int, article: Article, actors: ArticleActors, patterns: Patterns,
    ontology: Ontology,
) -> list[Event]:
    verb = match.anchor
    sources = _mentions(match.sources, actors)
    targets = _targets(match, sources, actors)
    if match.reciprocal and not sources and len(targets) > 1:
        sources = targets  # "clashes between Armenia and Azerbaijan"
    if not sources and not targets:
        sources = _named_but_uncoded(match.sources)
        if not sources:
            return []  # an event between nobody at all is noise
    cues = patterns.cues
    modality = analyse_modality(verb, cues)
    speaker = modality.attribution_head or attribution_prep(verb, cues)
    attribution = _attribution(speaker, actors) if speaker is not None else None
    date, precision = event_date(verb, article.date)
    place = event_place(verb, lambda t: (e.country if (e := actors.name_at(t)) else None))
    location = place[0] if place else None
    if not targets and place is not None and place[0].country and match.target_mode != "none":
        targets = [_place_target(*place)]  # "arrived in Amman": with no target named, the place's state
    code = ontology[match.code or ""]
    if modality.modality == "intended" and not modality.negated:
        announced = cues.intent_code(code.code)
        if announced is not None:
            code = ontology[announced]  # "will meet": the announcement, 036, is the event that happened
    depth = sum(1 for _ in verb.ancestors)
    refusal = _refusal(verb, code.code, cues, modality)
    events = []
    source_options: list[Mention | None] = [*sources] or [None]
    target_options: list[Mention | None] = [*targets] or [None]
    reciprocal = (match.reciprocal and sources is targets) or (
        not targets and len(sources) > 1 and verb.lemma_.lower() in cues.reciprocal_verbs
    )
    if reciprocal:
        target_options = [*sources]  # "India and China clashed": each acts on the other
    for source in source_options:
        for target in target_options:
            if source is not None and target is not None and (
                source.actor == target.actor or (reciprocal and source.actor.country == target.actor.country)
            ):
                continue
            source_actor, target_actor = _domestic(
                source.actor if source else None, target.actor if target else None, cues
            )
            events.append(Event(
                article_id=article.id, sentence_index=index, sentence=sent.text,
                source=source_actor, target=target_actor,
                code=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                plover=Plover(code.plover_type, code.plover_mode),
                evidence=Evidence(
                    trigger=match.trigger.text,
                    trigger_span=(match.trigger.idx, match.trigger.idx + len(match.trigger.text)),
                    rule=match.rule,
                    source_span=source.actor.span if source else None,
                    target_span=target.actor.span if target else None,
                ),
                date=date, date_precision=precision,  # type: ignore[arg-type]
                negated=modality.negated, modality=modality.modality,  # type: ignore[arg-type]
                attribution=attribution, location=location,
                confidence=_confidence(match, source, target),
                extra={"depth": depth},
            ))
    if modality.modality == "demanded" and modality.attribution_head is not None:
        events += _spoken_demands(events, modality.attribution_head, actors, cues, depth)
    if refusal is not None:  # "refused to lift the ban": the refusal is an event of its own (12x)
        trigger, refused = refusal
        events += [
            replace(
                e, code=refused.code, root=refused.root, quad_class=refused.quad_class,
                goldstein=refused.goldstein, plover=Plover(refused.plover_type, refused.plover_mode),
                negated=False, modality="asserted",
                evidence=replace(e.evidence, trigger=trigger.text, rule=f"cues/refusal+{e.evidence.rule}",
                                 trigger_span=(trigger.idx, trigger.idx + len(trigger.text))),
                extra={"depth": depth - 1},
            )
            for e in events if e.negated
        ]
    return events


def _spoken_demands(
    events: list[Event], speaker: Token, actors: ArticleActors, cues: Cues, depth: int
) -> list[Event]:
    """"Britain said Sudan must disarm the militias": Britain demands of Sudan (10x), besides the demanded act."""
    mention = actors.resolve(speaker)
    if mention is None:
        return []
    report = speaker.head
    found = []
    for event in events:
        if event.source is None or event.source.country == mention.actor.country:
            continue
        demanded = load_ontology()[cues.request_code("100", event.code) or "100"]
        found.append(replace(
            _recode(event, demanded), source=mention.actor, target=event.source, negated=False,
            modality="asserted", attribution=None,
            evidence=replace(
                event.evidence, trigger=report.text, trigger_span=(report.idx, report.idx + len(report.text)),
                rule=f"cues/demand+{event.evidence.rule}", source_span=mention.actor.span,
                target_span=event.evidence.source_span,
            ),
            extra={"depth": depth - 1},
        ))
    return found


def _refusal(verb: Token, code: str, cues: Cues, modality: Modality) -> tuple[Token, CameoCode] | None:
    """The word that refuses and CAMEO's code for the refusal, when ``verb`` is what was refused: "refused to
    lift the ban", and the negated intention "will not lift the ban"."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in cues.refusal_verbs:
        if any(c.dep_ == "neg" for c in head.children):
            return None  # "did not refuse to meet" refuses nothing
        trigger = head
    elif modality.negated and modality.modality == "intended":
        trigger = next((c for c in verb.children if c.dep_ == "neg"), verb)
    else:
        return None
    refused = cues.refusal_code(code)
    return (trigger, load_ontology()[refused]) if refused is not None else None


def _targets(match: _Match, sources: list[Mention], actors: ArticleActors) -> list[Mention]:
    """The target actors, trying in turn: the frame's own target; the recipient of the thing given ("aid to
    Ukraine"); a recipient phrase on the verb ("offered troops to Lebanon"); the target of the act a control
    verb embeds ("offered to hand over to Britain")."""
    if match.target_mode == "none":
        return []
    found = [m for m in _mentions(match.targets, actors) if not _own(m, sources)]
    if found or match.trigger.i != match.anchor.i:
        return found
    verb = match.anchor
    tries = [recipients(match.targets) if match.thing_object else [], recipients([verb])]
    tries += [analyse(c).objects + recipients([c]) for c in verb.children if c.dep_ == "xcomp"]
    for heads in tries:
        found = [m for m in _mentions(heads, actors) if not _own(m, sources)]
        if found:
            return found
    return []


def _own(mention: Mention, sources: list[Mention]) -> bool:
    """"its troops", "their ambassador": the source's own people are not its target."""
    doc_token = mention.actor.text.split()[0].lower() if mention.actor.text else ""
    return doc_token in ("its", "their", "his", "her", "our") and any(
        s.actor.country == mention.actor.country for s in sources
    )


_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _named_but_uncoded(heads: list[Token]) -> list[Mention]:
    """A doer the text names but no vocabulary knows ("Hezb-e-Islami threatened ..."): kept with its text and
    null codes, so the event is reported without guessing who it is."""
    found = []
    for head in heads:
        if head.ent_type_ in _NAMED and head.pos_ == "PROPN":
            ent = next((e for e in head.sent.ents if e.start <= head.i < e.end), None)
            if ent is not None:
                found.append(Mention(ent.start, ent.end, Actor(text=ent.text, span=(ent.start_char, ent.end_char))))
    return found


def _domestic(source: Actor | None, target: Actor | None, cues: Cues) -> tuple[Actor | None, Actor | None]:
    """Actors named by role alone take the state of the other side when the event is domestic: "Iranian
    authorities pressured workers" (workers -> IRNLAB), "rebels attacked Syrian troops" (rebels -> SYRREB)."""
    if source is None or target is None:
        return source, target
    if target.country is None and target.role in cues.domestic_roles and _state(source.country):
        target = replace(target, country=source.country, code=actor_code(source.country, target.role))
    elif source.country is None and source.role in cues.insurgent_roles and _state(target.country) and (
        target.role in ("GOV", "MIL", "COP")
    ):
        source = replace(source, country=target.country, code=actor_code(target.country, source.role))
    return source, target


def _state(country: str | None) -> bool:
    return country is not None and len(country) == 3 and country not in _international_codes()


@functools.cache
def _international_codes() -> frozenset[str]:
    from facta.actors import load_actor_vocab

    vocab = load_actor_vocab()
    states = {e.country for e in vocab.surfaces.values() if e.kind == "country"}
    bodies = {e.country for e in vocab.surfaces.values() if e.kind == "organisation" and e.country}
    return frozenset(bodies - states) | {"IGO", "NGO", "MNC", "IMG"}


def _place_target(location: Location, token: Token) -> Mention:
    ent = next((e for e in token.sent.ents if e.start <= token.i < e.end), token.doc[token.i : token.i + 1])
    actor = Actor(text=ent.text, country=location.country, code=location.country,
                  span=(ent.start_char, ent.end_char))
    return Mention(ent.start, ent.end, actor)


def _mentions(heads: list[Token], actors: ArticleActors) -> list[Mention]:
    found = []
    for head in expand(heads):
        found.extend(actors.resolve_all(head))
    return found


def _attribution(speaker: Token, actors: ArticleActors) -> str:
    mention = actors.resolve(speaker)
    if mention is not None:
        actor: Actor = mention.actor
        return actor.name or actor.text
    span = speaker.doc[speaker.left_edge.i : speaker.i + 1]
    return span.text


def _confidence(match: _Match, source: Mention | None, target: Mention | None) -> float:
    """What raises confidence: a known source with a country, a target where the frame wants one, a specific
    frame. What lowers it: no source, a target the frame needs but the text does not give, a passive voice."""
    score = 0.45
    if source is not None and source.actor.code is None:
        score -= 0.2  # a named doer nobody could code
    elif source is not None:
        score += 0.2 if source.actor.country else 0.1
    else:
        score -= 0.15
    if match.target_mode == "none" or target is not None:
        score += 0.15
    score += min(match.specificity, 8) * 0.02
    if match.passive:
        score -= 0.05
    if match.trigger.i != match.anchor.i or match.trigger.pos_ == "NOUN":
        score -= 0.05  # a noun names the event less directly than a verb
    return round(max(0.05, min(score, 0.99)), 2)


def _drop_redundant_statements(found: list[Event], patterns: Patterns) -> list[Event]:
    """A verb of saying is coded 010 only when nothing else in its sentence is: "X said Y did Z" is Y->Z."""
    if all(e.code == _STATEMENT for e in found):
        return found
    return [e for e in found if e.code != _STATEMENT]


def main_event(events: list[Event]) -> Event | None:
    """A sentence's main affirmed event: the one whose verb stands highest in the parse, then the most
    confident, then the earliest."""
    affirmed = [e for e in events if e.affirmed]
    if not affirmed:
        return None
    return min(affirmed, key=lambda e: (e.extra.get("depth", 0), -e.confidence, e.evidence.trigger_span[0]))
