"""Sentence-level revisions of coded events: requests refined by what they ask for, statements that are
demands, verbs of saying that only attribute, and statements dropped when their content is coded."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from facta.actors import ArticleActors
from facta.events.clauses import complement_edge, objects_of, participants
from facta.events.frames import Frame
from facta.events.patterns import Cues, Patterns
from facta.model import Actor, Event, Plover
from facta.ontology import CameoCode, Ontology

STATEMENT = "010"


def refine_requests(
    frames: list[Frame], produced: list[list[Event]], cues: Cues, ontology: Ontology
) -> list[Event]:
    """"urged Iran to release the sailors": the appeal (02) or demand (10) takes the code of what it asks for,
    0253 appeal for release, from the demanded act coded under it."""
    found: list[Event] = []
    for match, made in zip(frames, produced, strict=True):
        if made and match.trigger.lemma_.lower() in cues.demand_verbs and made[0].root in ("02", "10"):
            inside = _complements(match, ("xcomp", "ccomp"))
            asked = [
                e for other, events in zip(frames, produced, strict=True) if other.anchor.i in inside
                for e in events if e.modality == "demanded"
            ]
            refined = cues.request_code(made[0].code, asked[0].code) if asked else None
            if refined is not None:
                found.extend(recode(e, ontology[refined]) for e in made)
                continue
        found.extend(made)
    return found


def refine_threats(frames: list[Frame], produced: list[list[Event]], ontology: Ontology) -> list[list[Event]]:
    """"Pakistan threatened to break off relations with Congo": the threat (130) takes the code of what it
    threatens (1313, from the threatened act coded under it as an intention) and, when it names none, that act's
    targets. The events of each frame, refined."""
    refined: list[list[Event]] = []
    for match, made in zip(frames, produced, strict=True):
        inside = _complements(match, ("xcomp",)) if made and made[0].code == "130" else set()
        threatened = [
            e for other, events in zip(frames, produced, strict=True) if other.anchor.i in inside
            for e in events if e.modality == "intended" and e.root == "13" and not e.negated
        ]
        if not threatened:
            refined.append(made)
            continue
        code = ontology[threatened[0].code]
        targets: list[Actor | None] = list(
            {e.target.code: e.target for e in threatened if e.target and e.target.code}.values()
        )
        rule = f"+{threatened[0].evidence.rule}"  # the evidence names what is threatened
        refined.append([
            replace(recode(event, code), target=target,
                    evidence=replace(event.evidence, rule=event.evidence.rule + rule))
            for event in made for target in (targets if event.target is None and targets else [event.target])
        ])
    return refined


def _complements(match: Frame, edges: tuple[str, ...]) -> set[int]:
    """The tokens of the clauses the frame's verb takes as complements (by ``edges``): what it asks or threatens."""
    return {t.i for c in match.trigger.children if complement_edge(c) in edges for t in c.subtree}


def statements_as_demands(
    found: list[Event], frames: list[Frame], produced: list[list[Event]], actors: ArticleActors, cues: Cues,
    ontology: Ontology,
) -> list[Event]:
    """"Russia said Sudan must return the helicopter": a statement whose content is an obligation on someone
    else is a demand on them (100), when the demanded act itself is not in the dictionary."""
    demanded_by: dict[int, Token] = {}
    demanded = {  # acts already demanded of their doer, with the code of what is demanded (_spoken_demands)
        m.anchor.i for m, made in zip(frames, produced, strict=True)
        if any(e.modality == "demanded" and e.source is not None for e in made)
    }
    for match, made in zip(frames, produced, strict=True):
        if not made or made[0].code != STATEMENT or match.trigger.lemma_.lower() not in cues.report_verbs:
            continue
        for child in match.trigger.children:
            obliged = child.dep_ == "ccomp" and any(
                c.dep_ == "aux" and c.lower_ in cues.obligation_aux for c in child.children
            )
            if obliged and not any(t.i in demanded for t in child.subtree):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    demanded_by[match.trigger.idx] = subject
    if not demanded_by:
        return found
    result = []
    for event in found:
        subject = demanded_by.get(event.evidence.trigger_span[0])
        mention = actors.resolve(subject) if subject is not None and event.code == STATEMENT else None
        if mention is None or event.source is None or mention.actor.code == event.source.code:
            result.append(event)
            continue
        evidence = replace(
            event.evidence, target_span=mention.actor.span, rule=f"cues/obligation+{event.evidence.rule}"
        )
        result.append(replace(recode(event, ontology["100"]), target=mention.actor, evidence=evidence))
    return result


def stance_statements(
    found: list[Event], frames: list[Frame], actors: ArticleActors, cues: Cues, ontology: Ontology
) -> list[Event]:
    """"China said it was optimistic about the talks with the US": a statement whose content is the speaker's
    optimism (013) or pessimism (012), about whom its "about/on/over" phrase names."""
    stances: dict[int, tuple[str, Token]] = {}
    for match in frames:
        if match.code != STATEMENT or match.trigger.lemma_.lower() not in cues.report_verbs:
            continue
        for clause in (c for c in match.trigger.children if c.dep_ == "ccomp"):
            adjectives = [clause] if clause.pos_ == "ADJ" else [c for c in clause.children if c.dep_ == "acomp"]
            for adjective in adjectives:
                word = adjective.lemma_.lower()
                code = "013" if word in cues.optimism_adjectives else (
                    "012" if word in cues.pessimism_adjectives else None
                )
                if code is not None:
                    stances[match.trigger.idx] = (code, adjective)
    if not stances:
        return found
    result = []
    for event in found:
        stance = stances.get(event.evidence.trigger_span[0]) if event.code == STATEMENT else None
        if stance is None:
            result.append(event)
            continue
        code, adjective = stance
        target = event.target
        topics = objects_of([adjective], "about", "on", "over", "regarding")
        for topic in [*topics, *objects_of(topics, "of")]:  # "about the next round of talks with the US"
            heads = [topic, *(o for group in participants(topic, cues) for o in group)]
            mention = next((m for h in heads if (m := actors.resolve(h)) is not None and m.actor.country
                            and (event.source is None or m.actor.country != event.source.country)), None)
            if mention is not None:
                target = mention.actor
                break
        evidence = replace(event.evidence, rule=f"cues/stance+{event.evidence.rule}",
                           target_span=target.span if target is not None else None)
        result.append(replace(recode(event, ontology[code]), target=target, evidence=evidence))
    return result


def recode(event: Event, code: CameoCode) -> Event:
    return replace(
        event, code=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
        plover=Plover(code.plover_type, code.plover_mode),
    )


def drop_reports(found: list[Event], frames: list[Frame], coded: set[int], cues: Cues) -> list[Event]:
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


def drop_redundant_statements(found: list[Event], patterns: Patterns) -> list[Event]:
    """A verb of saying is coded 010 only when nothing else in its sentence is: "X said Y did Z" is Y->Z."""
    if all(e.code == STATEMENT for e in found):
        return found
    return [e for e in found if e.code != STATEMENT]
