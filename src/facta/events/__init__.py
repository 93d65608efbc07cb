"""The events stage: clauses of a parsed article coded as CAMEO events with modality, date, place and evidence.

One public function, ``code_events``. The verb dictionary and cue words are data; this module implements
the mechanism once: find verbs that have patterns, analyse their clause, pick the most specific pattern
that fits, resolve source and target actors, and describe what the text says about whether it happened.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from facta.actors import STATE_ROLES, ArticleActors, Mention, actor_code
from facta.actors.vocab import international_codes
from facta.events.clauses import analyse, expand, objects_of, participants, recipients
from facta.events.derive import (
    drop_redundant_statements,
    drop_reports,
    recode,
    refine_requests,
    refine_threats,
    stance_statements,
    statements_as_demands,
)
from facta.events.frames import Frame, find_frames
from facta.events.modality import Modality, analyse_modality, attribution_prep
from facta.events.nominal import NounPattern, load_nouns
from facta.events.patterns import Cues, Patterns, load_patterns
from facta.model import Actor, Article, Event, Evidence, Location, Plover
from facta.ontology import CameoCode, Ontology, load_ontology
from facta.places import event_place
from facta.time import event_date

__all__ = ["code_events", "load_patterns", "main_event"]



def code_events(
    doc: Doc, article: Article, actors: ArticleActors, patterns: Patterns,
    nouns: dict[str, tuple[NounPattern, ...]] | None = None,
) -> list[Event]:
    """Every event the article's sentences code, in text order, flagged for negation and modality."""
    ontology = load_ontology()
    nouns = load_nouns() if nouns is None else nouns
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        frames = find_frames(sent, patterns, nouns)
        produced = [_events(match, sent, index, article, actors, patterns, ontology) for match in frames]
        coded = {match.anchor.i for match, made in zip(frames, produced, strict=True) if made}
        produced = refine_threats(frames, produced, ontology)
        found = refine_requests(frames, produced, patterns.cues, ontology)
        found = statements_as_demands(found, frames, produced, actors, patterns.cues, ontology)
        found = stance_statements(found, frames, actors, patterns.cues, ontology)
        found = drop_reports(found, frames, coded, patterns.cues)
        events.extend(drop_redundant_statements(found, patterns))
    return events


def _events(
    match: Frame, sent: Span, index: int, article: Article, actors: ArticleActors, patterns: Patterns,
    ontology: Ontology,
) -> list[Event]:
    verb = match.anchor
    committed = _committed_to(verb)
    if committed is not None:  # "refused to commit to any assistance": the commitment's modality and doer
        verb = committed
    sources = _mentions(match.sources, actors)
    if match.sources == [match.trigger]:  # an event noun standing alone is its premodifiers' ("the US withdrawal",
        sources = [m for m in sources if _premodified(m, match.trigger, actors)]  # "rebel attacks"), not its
        #                                                 complements' ("withdrawal from Iraq", "attacks in the US")
    if not sources and committed is not None:
        sources = _mentions(analyse(committed).subjects, actors)
    targets = _targets(match, sources, actors, patterns.cues)
    if not sources and match.passive and patterns.cues.own_withdrawal(match.code or ""):
        # "80 UN peacekeepers were shipped out of Gorazde": a side withdraws its own, so those withdrawn are the doers
        withdrawn = [m for m in _mentions(analyse(verb).objects, actors) if m.actor.country]
        sources, targets = withdrawn, [t for t in targets if all(t.actor != w.actor for w in withdrawn)]
    if not sources and any(t.lemma_.lower() in patterns.cues.natural_causes for t in match.sources):
        return []  # "an earthquake killed thousands", "floods displaced a million": no one did it
    if match.reciprocal and not sources and len(targets) > 1:
        sources = targets  # "clashes between Armenia and Azerbaijan"
    if not sources and not targets:
        sources = _named_but_uncoded(match.sources)
        if not sources:
            return []  # an event between nobody at all is noise
    cues = patterns.cues
    modality = analyse_modality(verb, cues)
    speaker = modality.attribution_head or attribution_prep(verb, cues)
    ruled_out = _ruled_out(verb, cues)
    if ruled_out:
        # "US authorities said removing the sanctions is out of the question": no removal, and the speaker's
        # refusal of it (12x); the speaker would have been the one to do it
        said = analyse_modality(verb.head, cues)
        modality = replace(modality, negated=True)
        speaker = speaker or said.attribution_head
        if not sources and speaker is not None:
            sources = [m for m in _mentions([speaker], actors) if m.actor.code]
    attribution = _attribution(speaker, actors) if speaker is not None else None
    date, precision = event_date(verb, article.date)
    place = event_place(
        verb, lambda t: (e.country if (e := actors.name_at(t)) else None),
        lambda t: t.lemma_.lower() in cues.report_verbs,
    )
    location = place[0] if place else None
    code = ontology[match.code or ""]
    if code.code == "190":  # "warplanes struck", "a suicide bomber struck": the means names the kind of attack
        means = next((m for s in sources if (m := cues.means_code(_head_words(s, actors))) is not None), None)
        code = ontology[means] if means is not None else code
    # "India and China clashed", "Israel and Syria began talks": the verb, its object or the event noun says
    # the sources act on each other
    reciprocal_verb = any(
        t.lemma_.lower() in patterns.cues.reciprocal_verbs
        for t in (verb, match.trigger, *_objects_and_what_they_are_of(verb))
    )
    if not sources and location is not None and _state(location.country) and cues.state_act(code.code):
        sources = [_authorities(location)]  # "a missionary was arrested in Lebanon": by Lebanon's authorities
    if not targets and place is not None and _place_is_target(match, place, code, sources, reciprocal_verb, cues):
        targets = [_place_target(*place)]
    rule = match.rule
    if not targets and place is None and cues.domestic_measure(code.code):
        targets = _at_home(sources)  # "the government imposed martial law": on its own state's people
        rule += "+own-state" if targets else ""
    if code.root == "14" and (not targets or match.target_mode == "none"):
        # whom the text says a protest is against comes before what the protesters blocked or occupied
        targets = _protested_against(verb, match.trigger, sources, actors, cues) or targets
        if not targets:  # "threatened to hold a strike unless Israel rescinded the annexation"
            targets = _conditioned(verb, sources, actors)
        if not targets:
            targets = _protested(sources, location, actors, cues)
            rule += "+protested-state" if targets else ""
    if modality.modality == "intended" and not modality.negated:
        announced = cues.intent_code(code.code)
        if announced is not None:
            code = ontology[announced]  # "will meet": the announcement, 036, is the event that happened
    if not targets and code.root == "13":
        targets = _conditioned(verb, sources, actors)
    depth = sum(1 for _ in verb.ancestors)
    refusal = _refusal(verb, code.code, cues, modality, ruled_out)
    if match.refused and not modality.negated and (refused_code := cues.refusal_code(code.code)) is not None:
        modality = replace(modality, negated=True)  # "refused talks": the talks are negated, the refusal coded
        refusal = (verb, ontology[refused_code])
    events = []
    source_options: list[Mention | None] = [*sources] or [None]
    target_options: list[Mention | None] = [*targets] or [None]
    reciprocal = (match.reciprocal and sources is targets) or (not targets and len(sources) > 1 and reciprocal_verb)
    if reciprocal:
        target_options = [*sources]  # "India and China clashed": each acts on the other
    # a measure at home, or a threat or intent of one ("threatened to impose a curfew in Algiers")
    measure = cues.domestic_measure(code.code) or cues.domestic_measure(match.code or "")
    for source in source_options:
        for target in target_options:
            if source is not None and target is not None and (
                source.actor == target.actor or (reciprocal and source.actor.country == target.actor.country)
            ):
                continue
            # where the event happens places a domestic actor before the other side does: "Israeli jets killed
            # five civilians in Gaza" are Palestinian civilians, "Iranian police arrested workers" Iranian workers
            source_actor = _local(_unplaced(source, target, measure), source, location, actors, cues, measure)
            target_actor = _local(_unplaced(target, source, measure), target, location, actors, cues, measure)
            source_actor, target_actor = _domestic(source_actor, target_actor, cues)
            events.append(Event(
                article_id=article.id, sentence_index=index, sentence=sent.text,
                source=source_actor, target=target_actor,
                code=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                plover=match.plover if match.plover and code.code == match.code else Plover(
                    code.plover_type, code.plover_mode
                ),
                evidence=Evidence(
                    trigger=match.trigger.text,
                    trigger_span=(match.trigger.idx, match.trigger.idx + len(match.trigger.text)),
                    rule=rule,
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


def _objects_and_what_they_are_of(verb: Token) -> list[Token]:
    """The verb's objects and what each is of: "began a new round of talks" -> round, talks."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return [*objects, *objects_of(objects, "of")]


def _place_is_target(
    match: Frame, place: tuple[Location, Token], code: CameoCode, sources: list[Mention], reciprocal_verb: bool,
    cues: Cues,
) -> bool:
    """"arrived in Amman", "lifted the curfew in Montenegro": with no target named, the state of the place the
    act reached (a material act's place, or its object's) is its target. Never the place where something was
    said, nor when the sources act on each other, nor for protests (``_protested``). Not the source's own
    country ("deployed police in Islamabad"), except for the measures a state takes at home, which are on the
    people there ("imposed a curfew in Cizre", "lifted the state of emergency in Darfur")."""
    location, token = place
    if not location.country or code.root == "14" or (len(sources) > 1 and reciprocal_verb):
        return False
    visit = code.code.startswith(("042", "090"))  # a visit to Amman is to Jordan; inspectors sent to Iran inspect Iran
    if code.quad_class in (1, 3) and not visit:
        return False  # "talks in Washington" are not with the US
    if not (match.target_mode != "none" or token.head.head.dep_ == "dobj" or code.quad_class in (2, 4) or visit):
        return False
    home = any(s.actor.country == location.country and not s.contextual for s in sources)
    return not home or cues.domestic_measure(code.code)


def _conditioned(verb: Token, sources: list[Mention], actors: ArticleActors) -> list[Mention]:
    """A threat's target is whoever its condition is on: "threatened to strike unless Israel withdrew",
    "threatened to quit the talks if the US deploys the missiles"."""
    own = {s.actor.code for s in sources}
    heads = [verb, verb.head, *(c for c in verb.children if c.dep_ == "xcomp")]  # "threatened to strike unless"
    for clause in (c for head in heads for c in head.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            found = [m for m in _mentions(subjects, actors) if m.actor.code not in own]
            if found:
                return found
    return []


def _premodified(mention: Mention, noun: Token, actors: ArticleActors) -> bool:
    """Does a name or role noun before the event noun make the actor ("the US withdrawal", "rebel attacks")?"""
    before = actors.doc[mention.start : noun.i]
    return any(actors.name_at(t) is not None or actors.resolve(t) is not None for t in before)


def _committed_to(anchor: Token) -> Token | None:
    """The verb an event noun is the prepositional object of, when that verb is itself a controlled complement
    ("refused to commit to any assistance", "agreed to contribute to the fund"): the noun's event is what the
    clause commits to, so it takes that verb's modality and subject. A noun under a plain verb ("complained
    about US sanctions") keeps its own."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj" or anchor.head.dep_ != "prep":
        return None
    verb = anchor.head.head
    return verb if verb.pos_ == "VERB" and verb.dep_ == "xcomp" else None


def _spoken_demands(
    events: list[Event], speaker: Token, actors: ArticleActors, cues: Cues, depth: int
) -> list[Event]:
    """"Britain said Sudan must disarm the militias": Britain demands of Sudan (10x), besides the demanded act."""
    mention = actors.resolve(speaker)
    if mention is None:
        return []
    report = speaker.head
    if report.dep_ == "nsubj":  # "the Red Cross operating in Iraq said": the participle stands for its subject
        report = report.head
    found = []
    for event in events:
        if event.source is None or event.source.code == mention.actor.code:
            continue
        demanded = load_ontology()[cues.request_code("100", event.code) or "100"]
        found.append(replace(
            recode(event, demanded), source=mention.actor, target=event.source, negated=False,
            modality="asserted", attribution=None,
            evidence=replace(
                event.evidence, trigger=report.text, trigger_span=(report.idx, report.idx + len(report.text)),
                rule=f"cues/demand+{event.evidence.rule}", source_span=mention.actor.span,
                target_span=event.evidence.source_span,
            ),
            extra={"depth": depth - 1},
        ))
    return found


def _ruled_out(verb: Token, cues: Cues) -> bool:
    """Is ``verb`` a gerund subject the predicate rules out: "removing the sanctions is out of the question",
    "lifting the ban is not an option"?"""
    if verb.dep_ != "csubj" or verb.tag_ != "VBG":
        return False
    predicate = [t for c in verb.head.children if c.dep_ in ("neg", "attr", "acomp", "prep", "advmod")
                 for t in c.subtree]  # what is said of it; not a clause beside it ("as that would ...")
    rest = " ".join(t.lower_ for t in sorted(predicate, key=lambda t: t.i))
    return any(phrase in rest for phrase in cues.ruling_out_phrases)


def _refusal(
    verb: Token, code: str, cues: Cues, modality: Modality, ruled_out: bool = False
) -> tuple[Token, CameoCode] | None:
    """The word that refuses and CAMEO's code for the refusal, when ``verb`` is what was refused: "refused to
    lift the ban", the negated intention "will not lift the ban", and what a predicate rules out (``ruled_out``)."""
    head = verb.head
    if ruled_out:
        trigger = head  # "removing the sanctions is out of the question"
    elif verb.dep_ == "xcomp" and head.lemma_.lower() in cues.refusal_verbs:
        if any(c.dep_ == "neg" for c in head.children):
            return None  # "did not refuse to meet" refuses nothing
        trigger = head
    elif modality.negated and modality.modality == "intended":
        trigger = next((c for c in verb.children if c.dep_ == "neg"), verb)
    else:
        return None
    refused = cues.refusal_code(code)
    return (trigger, load_ontology()[refused]) if refused is not None else None


def _targets(match: Frame, sources: list[Mention], actors: ArticleActors, cues: Cues) -> list[Mention]:
    """The target actors, trying in turn: the frame's own target; the recipient of the thing given ("aid to
    Ukraine"); a recipient phrase on the verb ("offered troops to Lebanon"); the target of the act a control
    verb embeds ("offered to hand over to Britain")."""
    if match.target_mode == "none":
        # The pattern's object is no target ("offered its troops"), but an actor the act goes to or from is:
        # "offered its troops to Lebanon", "withdrew its forces from Lebanon", "agreed a truce with the rebels".
        if match.trigger.i != match.anchor.i:
            return []
        verb = match.anchor
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "granted asylum to", "demands from"
        # a thing given goes "for" someone too: "70 million dollars of aid for Romania"
        preps = cues.towards_preps | {"for"} if match.thing_object else cues.towards_preps
        heads = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                 and c.lower_ != match.prep for o in c.children
                 if o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")]
        demanded = _participants(holders[1:], sources, actors, cues, demanded=True) if (
            match.code or "").startswith("10") else []
        if demanded:
            return demanded  # a demand's target is who is to act: "the withdrawal of Serbian forces from Bosnia"
        found = [m for m in _mentions(heads, actors) if not _own(m, sources)]
        # then what the act is for ("mobilized reservists for a war against Iraq") and the object of the pattern's
        # own preposition ("agreed to US mediation")
        purposes = objects_of([verb], "for", *filter(None, [match.prep]))
        # and what an inquiry is into: "launched an investigation into crimes committed by Croat forces"
        inquired = objects_of(holders[1:], "into")
        return found or _participants([*holders[1:], *purposes, *inquired], sources, actors, cues) or _across_border(
            [*holders, *objects_of(holders[1:], "of")], sources, actors, cues)  # "the readiness of its forces
        #                                                                        along the border with Armenia"
    found = [m for m in _mentions(match.targets, actors) if not _own(m, sources)]
    if found or match.trigger.i != match.anchor.i:
        return found
    verb = match.anchor
    # what the object is of, when the pattern's word list named that: "allowed the return of U.N. inspectors"
    tries = [recipients(match.targets) if match.thing_object else [],
             [t for t in recipients([verb]) if t.head.lower_ != match.prep],  # not a topic: "talks on the war"
             objects_of(match.targets, "of")]
    tries += [analyse(c).objects + recipients([c]) for c in verb.children if c.dep_ == "xcomp"]
    for heads in tries:
        found = [m for m in _mentions(heads, actors) if not _own(m, sources)]
        if found:
            return found
    return [] if match.thing_object else _participants(match.targets, sources, actors, cues)


def _across_border(holders: list[Token], sources: list[Mention], actors: ArticleActors, cues: Cues) -> list[Mention]:
    """"massed troops near its border with Ukraine": the state on the other side of the border."""
    own = {s.actor.country for s in sources}
    near = [(h, o) for h in holders for c in h.children if c.dep_ == "prep" for o in c.children
            if o.dep_ == "pobj" and o.lemma_.lower() in cues.border_nouns]
    # "with Ukraine" on the border, or beside it when the parser hangs it on what is at the border
    others = objects_of([o for _, o in near], "with") or objects_of([h for h, _ in near], "with")
    return [m for m in _mentions(others, actors) if m.actor.country not in own]


def _participants(
    objects: list[Token], sources: list[Mention], actors: ArticleActors, cues: Cues, *, demanded: bool = False
) -> list[Mention]:
    """When the object is no actor, the actor taking part in what it names: "rejected calls by Belarus's
    rulers", "investigated crimes by Croat forces", "threatened action against Russia", "rejected Israeli
    changes". Not the sources themselves: in "rejected its own calls" no other side is named."""
    own = {s.actor.code for s in sources}
    for obj in objects:
        if obj.pos_ not in ("NOUN", "PROPN"):
            continue
        for group in participants(obj, cues, demanded=demanded):
            found = [m for m in _mentions(group, actors) if m.actor.code not in own]
            if group and group[0].head.lower_ == "of" and not demanded:
                # "the feasibility of a force": no one's (nor its state's by the article alone)
                found = [m for m in found if m.actor.country and not m.contextual]
            if found:
                return found
        itself = actors.resolve(obj)  # the object's own modifiers: "proposed Israeli changes"
        if itself is not None and itself.actor.country not in {s.actor.country for s in sources} and (
            itself.actor.role is None
        ):
            return [itself]
    return []


def _own(mention: Mention, sources: list[Mention]) -> bool:
    """"its troops", "their ambassador": the source's own people are not its target; nor is the source's own
    phrase, which the parser may also hang under the verb's preposition."""
    if any(s.start == mention.start and s.end == mention.end and s.end > s.start for s in sources):
        return True
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


def _protested_against(
    verb: Token, trigger: Token, sources: list[Mention], actors: ArticleActors, cues: Cues
) -> list[Mention]:
    """Whom a protest is against when the text says so beside it: "a hunger strike in protest of the Russian
    government's refusal", "blocked roads to demand reforms by Suharto's government", "marched against Israeli
    policies"."""
    holders = [verb, trigger, *(c for c in verb.children if c.dep_ == "dobj")]
    nouns: list[Token] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "at"):
                nouns += [o for o in child.children if o.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "in":  # "in protest of/against X", "in defiance of X"
                protests = [o for o in child.children if o.dep_ == "pobj" and o.lemma_.lower() in cues.protest_nouns]
                nouns += objects_of(protests, "of", "against", "at", "to")
            elif child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in cues.protest_purpose_verbs:
                # "to demand reforms by X", "to protest against the EU's trade deal", "to show their anger at the
                # United States' policies"
                objects = [o for o in child.children if o.dep_ == "dobj"]
                nouns += objects + objects_of([child], "against", "at") + objects_of(objects, "at", "over", "with",
                                                                                     "for", "against")
    own = {s.actor.code for s in sources}
    for noun in nouns:  # who took part in what is protested ("the government's refusal"), else the noun itself
        for group in participants(noun, cues):
            found = [m for m in _mentions(group, actors) if m.actor.code not in own]
            if found:
                return found
        itself = actors.resolve(noun)
        if itself is not None and itself.actor.country is not None and itself.actor.code not in own:
            return [itself]
    return []


def _protested(
    sources: list[Mention], location: Location | None, actors: ArticleActors, cues: Cues
) -> list[Mention]:
    """A protest that names no target is against the state where it happens, else the protesters' own state:
    "students demonstrated in Jakarta" -> IDNGOV, "Egyptian workers went on strike" -> EGYGOV. Not for a state
    protesting (its protests are against another state, which the text must name)."""
    if not all(s.actor.role in cues.domestic_roles or _people(s, actors) for s in sources):
        return []
    country = location.country if location is not None and _state(location.country) else _own_state(sources)
    if country is None:
        return []
    actor = Actor(text=f"the government of {country}", country=country, role="GOV", code=actor_code(country, "GOV"))
    return [Mention(0, 0, actor)]


def _own_state(sources: list[Mention]) -> str | None:
    """The state all the sources are of, if they are of one."""
    countries = {s.actor.country for s in sources}
    country = countries.pop() if len(countries) == 1 else None
    return country if _state(country) else None


def _head_words(mention: Mention, actors: ArticleActors) -> tuple[str, ...]:
    """A mention's head lemma and the lemma before it: ("suicide", "bomber"), ("Turkish", "warplane")."""
    head = actors.doc[mention.start : mention.end].root if mention.end > mention.start else None
    if head is None:
        return ("",)
    before = actors.doc[head.i - 1].lemma_.lower() if head.i > mention.start else ""
    return (before, head.lemma_.lower())


def _at_home(sources: list[Mention]) -> list[Mention]:
    """The state a measure taken at home with no place and no one named falls on: the source's own ("Iraq's
    government imposed martial law", "police made arrests")."""
    country = _own_state(sources)
    return [Mention(0, 0, Actor(text=f"the people of {country}", country=country, code=country))] if country else []


def _authorities(location: Location) -> Mention:
    """The authorities of the state where an act only they do happened, the text naming no doer; inferred, so
    contextual (lower confidence)."""
    country = location.country
    return Mention(0, 0, Actor(text=f"the authorities in {location.name}", country=country,
                               role="GOV", code=actor_code(country, "GOV")), contextual=True)


def _unplaced(mention: Mention | None, other: Mention | None, measure: bool = False) -> Actor | None:
    """The mention's actor; but an actor placed only by the article's sole state ("Minister John Smith met
    Peruvian officials", "the government sent aid to Haiti") is not that state's when that would make him act on
    his own kind or on the state itself: unknown instead."""
    if mention is None:
        return None
    actor = mention.actor
    if mention.contextual and other is not None and other.actor.country == actor.country and (
        other.actor.code == actor.code or (not other.contextual and other.actor.role is None and not measure)
    ):
        # "the government sent aid to Haiti", "rebels attacked Syria": the state the text names as the other side
        # is not the unplaced actor's own; "police arrested protesters" (both unplaced), "Judge Rivera charged
        # Chilean officials" and measures at home ("imposed a curfew in Algiers") stay at home
        return replace(actor, country=None, code=actor_code(None, actor.role))
    return actor


def _local(
    actor: Actor | None, mention: Mention | None, location: Location | None, actors: ArticleActors, cues: Cues,
    measure: bool = False,
) -> Actor | None:
    """A domestic actor named by role alone belongs to the state where the event happens: "students
    demonstrated in Jakarta" are Indonesian students (not officials: "the president visited Paris"). So does an
    ethnic group: "ethnic Albanians demonstrated in Serbia" are Serbia's. With a measure a state takes at home
    (``measure``: curfews, states of emergency, arrests), so do its officials, forces and police: "the military
    government declared a state of siege in Haiti" is Haiti's."""
    if actor is None or mention is None or location is None or not _state(location.country):
        return actor
    ethnic = actor.role is None and any(t.lower_ == "ethnic" for t in actors.doc[mention.start : mention.end])
    domestic = actor.role in cues.domestic_roles or (measure and actor.role in STATE_ROLES)
    placed = actor.country is not None and not mention.contextual  # the article's sole state yields to the place
    if not ethnic and (placed or not domestic or actor.role == "ELI"):
        return actor
    return replace(actor, country=location.country, code=actor_code(location.country, actor.role))


def _people(mention: Mention, actors: ArticleActors) -> bool:
    """A country's people rather than its state: "Palestinian prisoners", "Kurds" (not "Turkey", "Moscow")."""
    if mention.actor.role is not None or mention.end <= mention.start:
        return False
    head = actors.doc[mention.start : mention.end].root
    entry = actors.name_at(head)
    return entry.kind == "demonym" if entry is not None else head.pos_ == "NOUN"


def _state(country: str | None) -> bool:
    return country is not None and len(country) == 3 and country not in international_codes()


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


def _confidence(match: Frame, source: Mention | None, target: Mention | None) -> float:
    """What raises confidence: a known source with a country, a target where the frame wants one, a specific
    frame. What lowers it: no source, a target the frame needs but the text does not give, a passive voice."""
    score = 0.45
    if source is not None and source.actor.code is None:
        score -= 0.2  # a named doer nobody could code
    elif source is not None:
        score += 0.2 if source.actor.country and not source.contextual else 0.1  # the article's state: a guess
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


def main_event(events: list[Event]) -> Event | None:
    """A sentence's main affirmed event: the one whose verb stands highest in the parse, then the most
    confident, then the earliest."""
    affirmed = [e for e in events if e.affirmed]
    if not affirmed:
        return None
    return min(affirmed, key=lambda e: (e.extra.get("depth", 0), -e.confidence, e.evidence.trigger_span[0]))
