"""Clause structure from the dependency parse: who is the subject, object and prepositional target of a verb.

Handles active and passive voice, verb coordination, control ("agreed to provide"), relative clauses and
participles ("diplomats expelled by Britain"), and coordinated arguments ("the US and Britain").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from facta.events.patterns import Cues, load_cues

_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "over", "in"})
_GERUND_PREPS = frozenset({"to", "in", "on", "by", "after", "before", "since", "upon", "through", "from", "without"})
_OBJECT_CONTROL_PREPS = frozenset({"to", "in", "on"})  # "helped protesters in demanding": whose act is unclear


@dataclass(slots=True)
class Clause:
    """The arguments of one verb, as head tokens (before coordination is expanded)."""

    verb: Token
    subjects: list[Token] = field(default_factory=list)  # the doer (the agent in passives)
    objects: list[Token] = field(default_factory=list)  # the done-to (the passive subject)
    datives: list[Token] = field(default_factory=list)  # "sent Ukraine weapons": Ukraine
    preps: dict[str, list[Token]] = field(default_factory=dict)  # preposition -> its objects
    particle: str | None = None
    passive: bool = False


def analyse(verb: Token) -> Clause:
    """The clause of ``verb``: its own arguments, completed from its controller or coordinated verb."""
    clause = Clause(verb)
    for child in verb.children:
        dep = child.dep_
        if dep in _SUBJECT_DEPS:
            clause.subjects.append(antecedent(child))
        elif dep in ("nsubjpass", "csubjpass"):
            clause.passive = True
            clause.objects.append(antecedent(child))
        elif dep == "dobj":
            clause.objects.append(child)
        elif dep == "dative":
            _add_dative(clause, child)
        elif dep == "agent":
            clause.passive = True
            clause.subjects.extend(c for c in child.children if c.dep_ == "pobj")
        elif _up_to_number(child):
            clause.objects.extend(o for c in child.children if c.dep_ == "prep" for o in _prep_objects(c))
        elif dep == "prt" or (dep == "advmod" and child.lower_ in _PARTICLES and child.i == verb.i + 1):
            clause.particle = child.lower_  # "stepped down" is often parsed with "down" as an adverb
        elif dep == "prep" and child.lower_ == "out" and child.i == verb.i + 1 and not clause.particle and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in child.children
        ):
            # "were shipped out of Gorazde", parsed with "out" as a preposition: the particle, then "of" (= from)
            clause.particle = "out"
            clause.preps.setdefault("out", []).extend(_prep_objects(child))
            clause.preps.setdefault("from", []).extend(_prep_objects(child))
        elif dep == "prep":
            clause.preps.setdefault(child.lower_, []).extend(_prep_objects(child))
        elif dep == "auxpass":
            clause.passive = True
    if not clause.objects and not clause.passive and verb.lemma_.lower() in load_cues().object_control_verbs:
        # "allowed the aid trucks to enter Gaza", parsed with the trucks as the subject of "enter": its object
        clause.objects.extend(s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj")
    stance = clause.passive or (verb.dep_ == "acomp" and verb.tag_ == "VBN")  # "is opposed" parsed as "is" + adjective
    if stance and "to" in clause.preps and verb.lemma_.lower() in load_cues().stative_participles and not any(
        c.dep_ == "agent" for c in verb.children
    ):
        # "Israel is opposed to French mediation": Israel's stance, not a deed done to Israel
        clause.passive = False
        copula = [verb.head] if verb.dep_ == "acomp" else []
        hung = [s for a in (*verb.children, *copula) if a.dep_ in ("aux", "auxpass") or a in copula
                for s in a.children if s.dep_ == "nsubj"]
        clause.subjects, clause.objects = clause.subjects or clause.objects or hung, []  # the parser may hang
        #                                                                  the subject on "is"
    _inherit(clause)
    if not clause.objects and not clause.passive:
        clause.objects.extend(_shared_objects(verb))
    if not clause.objects and not clause.passive:
        # "denounced as an ugly crime Serbia's suppression of the unrest": the object after the "as" phrase is
        # parsed as its apposition
        clause.objects.extend(a for p in clause.preps.get("as", []) for a in p.children if a.dep_ == "appos")
    for obj in clause.objects:
        # "imposed sanctions on Belarus", "held talks with Iran": the preposition hangs on the object noun.
        for child in obj.children:
            if child.dep_ == "prep":
                clause.preps.setdefault(child.lower_, []).extend(_prep_objects(child))
    return clause


def author(text: Token) -> list[Token]:
    """Who speaks through a text: "Egypt issued a statement condemning the strike", "in a statement condemning the
    strike, Egypt said" -> Egypt. Not a text someone blocked ("Russia vetoed a resolution condemning ...")."""
    cues = load_cues()
    if text.lemma_.lower() not in cues.statement_nouns:
        return []
    verb = text.head.head if text.dep_ == "pobj" and text.head.lower_ == "in" else text.head
    if text.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB" or verb.lemma_.lower() in cues.blocking_verbs:
        return []
    return analyse(verb).subjects


def _shared_objects(verb: Token) -> list[Token]:
    """Right-node raising: "shelled and attacked Armenia" -- the first verb takes the last one's object."""
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in child.children
        ):
            objects = [c for c in child.children if c.dep_ == "dobj"]
            if objects:
                return objects
    return []


def _up_to_number(token: Token) -> bool:
    """"kidnapped up to 16 advisers": "up to" counts the object; it is not the particle of "kidnap up"."""
    doc = token.doc
    return (
        token.lower_ == "up" and token.dep_ in ("prt", "advmod", "prep") and token.i + 2 < len(doc)
        and doc[token.i + 1].lower_ == "to" and doc[token.i + 2].like_num
    )


def _add_dative(clause: Clause, child: Token) -> None:
    if child.pos_ == "ADP":  # "gave aid to Syria" is sometimes parsed as a dative preposition
        clause.preps.setdefault(child.lower_, []).extend(_prep_objects(child))
    else:
        clause.datives.append(child)


def _prep_objects(prep: Token) -> list[Token]:
    # A gerund counts as the preposition's object for frames: "accused Kyiv of shelling".
    # A time is not an argument: "called on Tuesday" is not "called on X".
    found = [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
    for child in prep.children:  # "away from", "out of": the object hangs one preposition lower
        if child.dep_ == "prep":
            found.extend(c for c in child.children if c.dep_ == "pobj")
    if not found and not any(prep.children):
        # "granted asylum to five officers holed up in ...": the parser made the object the subject of the
        # participle after it; the noun phrase right after the preposition is its object
        found = [t for t in prep.doc[prep.i + 1 : prep.i + 8] if t.dep_ in ("nsubj", "nsubjpass")
                 and t.left_edge.i == prep.i + 1 and t.head.tag_ in ("VBD", "VBN", "VBG")][:1]
    return found


def antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies: "troops who fired" -> troops. A participle
    the parser made the subject stands for its own subject: "the Red Cross operating in Iraq said", parsed as
    Cross <-nsubj- operating <-nsubj- said."""
    if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    if token.dep_ == "nsubj" and token.tag_ in ("VBG", "VBN") and not any(c.dep_ == "aux" for c in token.children):
        return next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), token)
    return token


def _stranded_subject(verb: Token) -> list[Token]:
    """The subject of a main verb the parser left without one, having hung it on an earlier phrase: "With the
    signing of a memorandum, the Sudanese government and the SPLA have agreed ..." (government parsed as a
    conjunct of "memorandum"). The noun phrase between the last comma and the verb, with its conjuncts."""
    auxiliary = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or (verb.tag_ == "VBN" and not auxiliary):
        return []  # a finite verb: "have agreed", "agreed"; not a bare participle
    start = next((t.i for t in reversed(verb.doc[verb.sent.start : verb.i]) if t.lower_ in (",", ";")), None)
    if start is None:
        return []
    span = [t for t in verb.doc[start + 1 : verb.i] if t.dep_ not in ("aux", "auxpass", "neg", "advmod")]
    heads = [t for t in span if not span[0].i <= t.head.i <= span[-1].i]
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN") or heads[0].dep_ not in ("conj", "appos"):
        return []
    return [heads[0], *(t for t in span if t.dep_ == "conj" and t.head.i == heads[0].i)]


def _inherit(clause: Clause) -> None:
    """Fill a missing subject (or object) from the verb the clause hangs on."""
    verb = clause.verb
    dep = verb.dep_
    if not clause.subjects and verb.head.i == verb.i:
        clause.subjects.extend(_stranded_subject(verb))
    if clause.subjects or verb.head.i == verb.i:
        if dep == "acl" and not clause.objects and verb.tag_ == "VBN":
            clause.objects.append(verb.head)  # "diplomats expelled by Britain"
            clause.passive = True
        return
    head = verb.head
    dep = complement_edge(verb)
    if dep == "conj" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" and head.head.pos_ == "VERB":
        head = head.head  # "suspending parts of it and arresting politicians", the second verb parsed under the noun
    if dep == "xcomp" and head.pos_ == "ADJ" and head.head.i != head.i:
        clause.subjects.extend(analyse(head.head).subjects)  # "Vietnam is ready to contribute troops"
    elif dep == "xcomp":
        # Object control ("urged Moscow to withdraw") else subject control ("agreed to provide").
        clause.subjects.extend(controllers(head) or analyse(head).subjects)
    elif dep == "conj" and head.pos_ in ("VERB", "AUX"):
        parent = analyse(head)
        clause.subjects.extend(parent.subjects)
        if clause.passive and not clause.objects:
            clause.objects.extend(parent.objects)
    elif dep == "relcl" and not clause.subjects and not clause.passive:  # "journalists who were arrested": none
        purpose = (head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.pos_ == "VERB"
                   and infinitival(verb))
        # "Nigerians converged for a rally to protest the decree": who came for it does what it is for
        clause.subjects.extend((analyse(head.head.head).subjects if purpose else []) or [head])
    elif dep == "acl":
        if verb.tag_ == "VBN" and not clause.objects:
            clause.objects.append(head)  # "diplomats expelled by Britain"
            clause.passive = True
        elif verb.tag_ == "VBG":
            clause.subjects.extend(author(head) or [head])  # "troops firing on protesters"
    elif dep == "advcl" and verb.tag_ in ("VBG", "VB"):
        clause.subjects.extend(analyse(head).subjects)  # "..., accusing Iran of ..."
    elif dep == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "of" and (
        head.head.lemma_.lower() in load_cues().culpable_adjectives
    ):
        # "Mali's army is guilty of violating the ceasefire": the one found guilty did it
        adjective = head.head
        copula = adjective.head if adjective.dep_ in ("acomp", "amod") else adjective
        clause.subjects.extend(c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass"))
    elif dep == "pcomp" and verb.tag_ == "VBG" and head.lower_ in _GERUND_PREPS and head.head.pos_ == "VERB":
        # "resorted to throwing stones", "succeeded in capturing", "refrained from attacking" (negated, as the
        # modality says): the gerund's doer is the verb's subject; "prevented Kurds from marching": its object.
        # Not under an object that may be the doer ("congratulated Kyiv on winning"), nor a passive ("arrested
        # for spying"); "of" is never followed ("accused Kyiv of shelling").
        governor = analyse(head.head)
        if governor.passive:
            return
        if head.lower_ == "from" and governor.objects:
            clause.subjects.extend(governor.objects)
        elif head.lower_ == "in" and head.head.lemma_.lower() == "join":
            # "Britain joined France in condemning the attack": both condemn it
            clause.subjects.extend([*governor.subjects, *governor.objects])
        elif head.lower_ not in _OBJECT_CONTROL_PREPS or not (governor.objects or governor.datives):
            clause.subjects.extend(governor.subjects)  # "invaded Lebanon without consulting": Israel's


_RECIPIENT_PREPS = ("to", "on", "against", "with", "from", "into", "at", "for")


def recipients(heads: list[Token]) -> list[Token]:
    """Whom a thing is given or done to, when the thing is the verb's object: "aid to Ukraine"."""
    # "70 million dollars of aid for Romania", "$4.5 billion in aid to Ukraine": the recipient may hang on what
    # the amount is of
    heads = [*heads, *objects_of(heads, "of", "in")]
    return objects_of(heads, *_RECIPIENT_PREPS)


def objects_of(heads: list[Token], *preps: str) -> list[Token]:
    """The objects of the given prepositions on the heads, in order: objects_of([verb], "from", "by")."""
    return [o for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children
            if o.dep_ == "pobj"]


_PARTICIPANT_PREPS = ("by", "from", "against", "of", "on", "between", "with")


def participants(noun: Token, cues: Cues, *, demanded: bool = False) -> list[list[Token]]:
    """Who takes part in what an object noun names, in groups, the doer first: its agent ("calls by Belarus",
    "crimes committed by Croat forces"), its source ("an offer from Kabul"), its owner ("Afghanistan's offer"),
    whom it is against or on ("action against Russia", a measure's "the blockade on Gaza"), whom it is between or
    with ("a meeting between Israel and the PLO", "all contact with the United States"), its of-object ("the
    withdrawal of Serbian forces"). For an act demanded, whom it is demanded of comes second: "the withdrawal of
    Serbian forces from Bosnia" is demanded of the forces, not of the place they leave. Pronoun owners are left
    out: "its demands" is the speaker's own."""
    by_prep: dict[str, list[Token]] = {}
    owners: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _PARTICIPANT_PREPS:
            by_prep.setdefault(child.lower_, []).extend(_prep_objects(child))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "crimes committed by Croat forces"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                by_prep.setdefault("by", []).extend(c for c in agent.children if c.dep_ == "pobj")
        elif child.dep_ == "poss" and child.pos_ != "PRON":
            owners.append(child)
    if noun.lemma_.lower() in cues.measure_nouns:  # "lifted the blockade on Palestinian lorries"
        by_prep["against"] = [*by_prep.get("on", []), *by_prep.get("against", [])]
    for holder in by_prep.get("of", []):  # "the expulsion of diplomats by the US": "by" hangs on the of-object
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                by_prep.setdefault("by", []).extend(_prep_objects(child))
    if demanded:
        return [by_prep.get("by", []), by_prep.get("of", []), owners, by_prep.get("from", []),
                by_prep.get("against", [])]
    return [by_prep.get("by", []), by_prep.get("from", []), owners, by_prep.get("against", []),
            by_prep.get("between", []), by_prep.get("with", []), by_prep.get("of", [])]


def infinitival(verb: Token) -> bool:
    """Is the verb a to-infinitive ("to free", "to protest")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def complement_edge(verb: Token) -> str:
    """The verb's dependency, with an infinitive the parser hung on a demand verb as a purpose ("urged North Korea
    on Wednesday to free the citizens", "to free" as advcl) read as the demand's complement (xcomp)."""
    head = verb.head
    named = [c for c in controllers(head) if c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("GPE", "NORP", "ORG")]
    if verb.dep_ == "advcl" and head.lemma_.lower() in load_cues().demand_verbs and named and infinitival(verb):
        # not "demanded a meeting of the Council to discuss": the meeting is not asked to discuss
        return "xcomp"
    return verb.dep_


def controllers(head: Token) -> list[Token]:
    """Who does the act a verb asks for: "urged Moscow to withdraw", "called on Moscow to withdraw"."""
    found = [c for c in head.children if c.dep_ == "dobj"]
    if not found:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "on":  # not "threatened on Saturday to strike"
                found.extend(c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME"))
    return found


def expand(heads: list[Token]) -> list[Token]:
    """Heads with their coordinated conjuncts: "the US and Britain" -> [US, Britain]."""
    found: list[Token] = []
    stack = list(heads)
    while stack:
        token = stack.pop(0)
        if token in found:
            continue
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return found
