"""The actors stage: noun phrases of a parsed article resolved to coded actors (country, role, name).

``find_actors(doc, vocab, date=...)`` returns an ``ArticleActors`` that the event coder asks, for the head
token of an argument, which actor it denotes. Resolution is lazy and memoised: only arguments of candidate
events are resolved, which keeps the stage cheap beside the parse. Later mentions ("Putin", "he", "the
president", "the administration") resolve through the article's discourse (``facta.actors.discourse``).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from facta.actors.discourse import Discourse
from facta.actors.vocab import ActorVocab, Entry, load_actor_vocab
from facta.model import Actor
from facta.places import lookup, named_place

__all__ = ["STATE_ROLES", "ArticleActors", "Mention", "actor_code", "find_actors", "load_actor_vocab"]

# Dependency labels of the words before a noun that belong to its phrase ("Russian", "foreign", "Britain's").
_PREMODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "det", "quantmod"})
_ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})  # a state's own organs
_PERSONAL = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it occurs in the text: tokens [start, end) of the doc, and what it denotes."""

    start: int
    end: int
    actor: Actor
    titles: frozenset[str] = frozenset()  # office nouns said of it ("president"), for "the president" later
    contextual: bool = False  # its country comes from the article's sole state, not from the phrase


def actor_code(country: str | None, role: str | None) -> str | None:
    """The CAMEO actor code: country then role ("RUSGOV"); the role alone when the country is unknown."""
    if country and role and role not in (country, "IGO"):
        return country + role  # an international body's own code already says what it is: "NATO", "UNO"
    return country or role


class ArticleActors:
    """Actors of one parsed article, resolved on request."""

    def __init__(self, doc: Doc, vocab: ActorVocab, *, date: str | None = None) -> None:
        self.doc = doc
        self.vocab = vocab
        self.date = date
        self._names: dict[int, tuple[Span, Entry]] = {}
        matcher = vocab.matcher(doc.vocab)
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)]
        spans = [span for span in filter_spans(spans) if not self._currency(span, vocab.surfaces[span.label_])]
        self._spans = sorted([*spans, *self._misspelt_states(spans)], key=lambda span: span.start)
        for span in self._spans:
            entry = vocab.surfaces[span.label_]
            for index in range(span.start, span.end):
                self._names[index] = (span, entry)
        self._cache: dict[int, Mention | None] = {}
        self._sole: tuple[str, ...] | None = None
        self.discourse = Discourse(weakref.proxy(self))  # no reference cycle: the doc is freed with the actors

    def _misspelt_states(self, known: list[Span]) -> list[Span]:
        """Places and peoples the model names that no list has, one letter off a state's long name, adjective or
        demonym, and no place the gazetteer knows: "Ethopia" is Ethiopia, "Chenchen refugees" Chechen."""
        covered = {i for span in known for i in range(span.start, span.end)}
        found = []
        names = [ent for ent in self.doc.ents if ent.label_ in ("GPE", "NORP", "LOC")]
        names += [self.doc[t.i : t.i + 1] for t in self.doc if t.pos_ == "PROPN" and not t.ent_type_]
        for ent in names:
            if not covered & set(range(ent.start, ent.end)) and (
                surface := self.vocab.near_state(ent.text)
            ) is not None and lookup(ent.text) is None:
                found.append(Span(self.doc, ent.start, ent.end, label=surface))
        return found

    def _currency(self, span: Span, entry: Entry) -> bool:
        """A country's name or adjective before a currency names a money: "US $50 million", "Canadian dollars"."""
        if entry.kind not in ("country", "adjective") or span.end >= len(self.doc):
            return False
        after = self.doc[span.end]
        if after.pos_ not in ("NOUN", "PROPN", "SYM") and after.tag_ != "$":
            return False  # "Russia pounded the enclave": a verb, not the pound
        return after.lemma_.lower() in self.vocab.currency_words or after.lower_ in self.vocab.currency_words

    def name_at(self, token: Token) -> Entry | None:
        found = self._names.get(token.i)
        return found[1] if found else None

    def name_spans(self) -> list[Span]:
        return self._spans

    def resolve(self, head: Token) -> Mention | None:
        """The actor denoted by the phrase headed by ``head``; None when unknown (never guessed)."""
        if head.i not in self._cache:
            self._cache[head.i] = None  # guards against cycles through appositions and antecedents
            self._cache[head.i] = self._resolve(head)
        return self._cache[head.i]

    def resolve_all(self, head: Token) -> list[Mention]:
        """Every actor a phrase denotes: "Indian and Chinese troops" is INDMIL and CHNMIL."""
        main = self.resolve(head)
        if main is None:
            return []
        found = [main]
        if head.lemma_.lower() in self.vocab.partitives or head.pos_ == "NUM":
            # "scores of Sierra Leonean and Liberian refugees": each conjunct of the of-phrase
            inner = [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                     if c.dep_ == "pobj"]
            for conj in (c for i in inner for c in i.children if c.dep_ == "conj"):
                other = self.resolve(conj)
                if other is not None and all(m.actor.code != other.actor.code for m in found):
                    found.append(other)
        # "soldiers from India and China": each country of the complement
        inner = [c for p in head.children if p.dep_ == "prep" and p.lower_ in ("from", "of") for c in p.children
                 if c.dep_ == "pobj" and (named := self._names.get(c.i)) is not None and named[1].kind == "country"]
        for conj in (c for i in inner for c in i.children if c.dep_ == "conj"):
            named = self._names.get(conj.i)
            country = named[1].country if named is not None and named[1].kind == "country" else None
            if country is not None and all(m.actor.country != country for m in found):
                actor = replace(main.actor, country=country, code=actor_code(country, main.actor.role))
                found.append(replace(main, actor=actor))
        for token in _phrase(head):
            for conj in token.children if token.i != head.i else ():
                named = self._names.get(conj.i) if conj.dep_ == "conj" else None
                if named is None or named[1].kind in ("organisation", "person"):
                    continue
                country = named[1].country
                if all(m.actor.country != country for m in found):
                    actor = replace(main.actor, country=country, code=actor_code(country, main.actor.role))
                    found.append(replace(main, actor=actor))
        return found

    def _resolve(self, head: Token) -> Mention | None:
        if head.pos_ not in _ARGUMENT_POS and head.i not in self._names:
            return None
        if head.pos_ == "PRON":
            return self._pronoun(head)
        if (head.lemma_.lower() in self.vocab.partitives or head.pos_ == "NUM") and head.i not in self._names:
            inner = self._partitive(head)  # "thousands of Iraqi Kurds": the actor is in the of-phrase
            if inner is not None:
                return inner
        tokens = _phrase(head)
        country: str | None = None
        role: str | None = None
        name: str | None = None
        titles: set[str] = set()
        found = self._names.get(head.i)
        head_kind = found[1].kind if found is not None else None
        if found is not None:  # the head is a known name: a country, a body, a person
            span, entry = found
            tokens = sorted({*tokens, *span}, key=lambda t: t.i)
            country, role, name = entry.country, entry.role, entry.name
            if entry.kind == "person":
                country, role, title = self._person_on_date(entry)
                titles.update(filter(None, [title]))
                if role is None:
                    found = None  # out of office (or no date): the text's own titles define the role
        else:
            role = self._role_of(head)
            if role is not None:
                titles.add(head.lemma_.lower())
        former = by_person = contextual = False
        start = tokens[0].i
        for token in tokens:  # the phrase's modifiers: "Russian", "Britain's", titles before a name
            if token.i == head.i:
                continue
            former = former or token.lower_ in self.vocab.former_modifiers
            modifier = self._names.get(token.i)
            if modifier is not None and modifier[0].root.i != head.i:
                entry = modifier[1]
                if _stance_prefixed(token):
                    continue  # "pro-Iranian militias" are not Iranian
                start = min(start, modifier[0].start)  # the whole name: "Group of 20 summit", not "20 summit"
                if country is None or (head_kind == "demonym" and entry.kind in ("adjective", "country")) or (
                    by_person and entry.kind == "organisation"  # "bin Laden's al-Qaeda network" is al-Qaeda's
                ):
                    country = entry.country  # "Bosnian Serbs" live in Bosnia
                    by_person = entry.kind == "person"
                    if entry.kind != "person":  # "Pentagon officials": the body's role when the noun has none;
                        # a creed is refined by the group's own role: "Boko Haram Islamists" are rebels
                        role = entry.role if role is None or (role == "RAD" and entry.role) else role
                continue
            if token.dep_ == "compound" and (title_role := self._role_of(token)) is not None:
                titles.add(token.lemma_.lower())
                role = role if found is not None and found[1].kind == "person" else (role or title_role)
        # an ethnic adjective names a people, not the state: "ethnic Albanian guerrillas operating in Macedonia"
        ethnic = found is None and any(t.lower_ == "ethnic" for t in tokens)
        if country is None or head_kind == "demonym" or ethnic:
            # "Albanians in Serbia", "students throughout Indonesia"
            country = self._country_of_complement(head, ("of", "from", "in", "throughout", "across")) or country
        if (country is None or ethnic) and found is None:
            country = self._anchored_country(head) or country  # "a terror group based in Trinidad"
        if country is None and found is None and role is not None:
            country = self._placed_country(head)  # "the governor of the Tyumen region", "a priest from Calgary"
        if (head.ent_type_ == "PERSON" or name is not None) and found is None:
            person = _entity_span(head)
            name = name or (person.text if person is not None else head.text)
            if role is None and country is None:
                known = self._from_apposition(head) or self.discourse.person(name, head)
                if known is None:
                    return None  # an unknown person: never guess
                country, role = known.actor.country, known.actor.role
                name = known.actor.name or name
                titles.update(known.titles)
            elif role is None and (known := self._from_apposition(head)) is not None:
                # a known person whose role on this date is unknown: the text's apposition says what he is
                # ("Kofi Annan, UN secretary-general"), rather than his nationality alone
                country, role = known.actor.country or country, known.actor.role
                titles.update(known.titles)
            elif country is None and " " not in name:
                country = self._surname_country(name)  # "President Bush": every known Bush is American
            if country is None and titles and (near := self.vocab.near_person(name)) is not None:
                # a titled name one letter off a known person's: "President Francois Mitterand"
                known_person = self.vocab.people[near]
                spell = known_person.on(self.date)
                country = spell.country if spell is not None else known_person.country
                role = spell.role if spell is not None and role is None else role
                name = near
        elif found is None and role is None and country is None and head.pos_ == "PROPN" and (
            (known := self._from_apposition(head)) is not None and known.actor.role is not None
            and known.actor.name is None  # not "Abyei, President Carter": one name beside another
        ):
            # a name the model does not take for a person, defined by its apposition: "Kenzo Oshima, the United
            # Nations Emergency Relief Coordinator"
            person = _entity_span(head)
            country, role = known.actor.country, known.actor.role
            name = person.text if person is not None else " ".join(t.text for t in tokens)
            titles.update(known.titles)
        elif found is None and country is None and head.lemma_.lower() in self.vocab.homeland_nouns:
            country = self._owner_country(head)
        elif found is None and country is None and role is not None and _is_definite(head):
            country = self._owner_country(head)  # "their forces", "its diplomats": the owner's country
            if country is None:
                antecedent = self.discourse.definite(head, role, titles)  # "the president", "the administration"
                if antecedent is not None:
                    return self._copy(antecedent, tokens)
        if country is None and head.lemma_.lower() in self.vocab.government_nouns:
            leader = next((t for t in tokens if t.dep_ == "compound" and t.pos_ == "PROPN"), None)
            country = self._surname_country(leader.text) if leader is not None else None  # "the Bush administration"
        if country is None and found is None and head.lemma_.lower() in self.vocab.proxy_nouns:
            principal = self._principal(head)  # "a spokesman for the Israeli prime minister": coded as that
            if principal is not None:
                country, role = principal.actor.country or country, principal.actor.role or role
        if country is None and role in STATE_ROLES and head.dep_ == "conj":
            country = self._shared_adjective(head)  # "Israeli helicopters and tanks": both are Israeli
        named_person = head.ent_type_ == "PERSON" or name is not None
        if country is None and found is None and role in (
            STATE_ROLES if named_person else self.vocab.context_roles
        ):
            # "students protested" in an article about Egypt alone; "Judge Alejandro Rivera charged 28 Chilean
            # officials" (a titled person only as a state's official)
            country = self._sole_country()
            if any((named := self._names.get(t.i)) is not None and named[1].country == country for t in head.subtree):
                country = None  # the phrase ties it to that state otherwise: "a militia backed by Iran"
            contextual = country is not None
        if former and role is not None:
            role = "ELI"  # CAMEO codes former officials as elites
        if country is None and role is None:
            return None
        span = self.doc[start : tokens[-1].i + 1]
        actor = Actor(
            text=span.text, name=name, country=country, role=role, code=actor_code(country, role),
            span=(span.start_char, span.end_char),
        )
        return Mention(span.start, span.end, actor, frozenset(titles), contextual)

    def _principal(self, head: Token) -> Mention | None:
        """Whom a spokesman, aide or leader acts for: the actor of its "of"/"for" phrase ("to" for aides)."""
        preps = ("of", "for", "to") if head.lemma_.lower() in ("aide", "adviser", "advisor") else ("of", "for")
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    mention = self.resolve(pobj)
                    if mention is not None and (mention.actor.country or mention.actor.role):
                        return mention
        return None

    def _shared_adjective(self, conj: Token) -> str | None:
        """The country adjective of the first conjunct, which a bare second one shares: "Iraqi troops and police"."""
        first = conj.head
        for child in first.children:
            if child.dep_ == "amod" and child.i < first.i:
                named = self._names.get(child.i)
                if named is not None and named[1].kind == "adjective":
                    return named[1].country
        return None

    def _sole_country(self) -> str | None:
        """The one state the article names, if it names exactly one (as a country, adjective, demonym or seat of
        power): an official the text titles but does not place is that state's. None when it names several."""
        if self._sole is None:
            states = {e.country for _, e in self._names.values()
                      if e.kind in ("country", "adjective", "demonym", "metonym") and e.country}
            self._sole = (next(iter(states)),) if len(states) == 1 else ()
        return self._sole[0] if self._sole else None

    def _surname_country(self, surname: str) -> str | None:
        """The country of a titled surname the article has not introduced, when every known person of that
        surname is of one country ("President Bush"); None when they differ ("President Kim")."""
        countries = self.vocab.surname_countries.get(surname, frozenset())
        return next(iter(countries)) if len(countries) == 1 else None

    def _owner_country(self, head: Token) -> str | None:
        """The country of a subject role noun's possessive pronoun: "Bosnian Serbs said their forces withdrew" ->
        BIH. Government nouns ("his government") are the discourse's: their owner may be a person out of office."""
        if head.lemma_.lower() in self.vocab.homeland_nouns:  # "Putin said his country will not lift the ban"
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            mention = self.resolve(owner) if owner is not None else None
            return mention.actor.country if mention is not None else None
        if head.lemma_.lower() in self.vocab.government_nouns or head.dep_ not in ("nsubj", "nsubjpass"):
            return None  # in object position "its leader" may be anyone's: "Israel killed its leader"
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        mention = self.resolve(owner) if owner is not None else None
        return mention.actor.country if mention is not None else None

    def _partitive(self, head: Token) -> Mention | None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (inner := self.resolve(pobj)) is not None:
                        span = self.doc[min(_phrase(head)[0].i, inner.start) : inner.end]
                        actor = replace(inner.actor, text=span.text, span=(span.start_char, span.end_char))
                        return Mention(span.start, span.end, actor, inner.titles)
        return None

    def _person_on_date(self, entry: Entry) -> tuple[str | None, str | None, str | None]:
        person = self.vocab.people.get(entry.name or "")
        spell = person.on(self.date) if person is not None else None
        if spell is None:
            return entry.country, None, None  # out of office on this date: the nationality only
        return spell.country, spell.role, spell.title

    def _copy(self, antecedent: Mention, tokens: list[Token]) -> Mention:
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        actor = replace(antecedent.actor, text=span.text, span=(span.start_char, span.end_char))
        return Mention(span.start, span.end, actor, antecedent.titles)

    def _pronoun(self, pronoun: Token) -> Mention | None:
        """A pronoun refers to the subject of a clause above it ("Hungary said it will support" -> Hungary),
        else to the salient actor of the discourse before it. "he"/"she" take only people and office holders,
        "it" no person."""
        lower = pronoun.lower_
        if lower not in _PERSONAL or pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        for ancestor in pronoun.head.ancestors:
            for child in ancestor.children:
                if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= pronoun.i or child.pos_ == "PRON":
                    continue
                mention = self.resolve(child)
                if mention is not None and _agrees(lower, mention):
                    return self._copy(mention, [pronoun])
        antecedent = self.discourse.pronoun(pronoun)
        return self._copy(antecedent, [pronoun]) if antecedent is not None else None

    def _role_of(self, token: Token) -> str | None:
        """The role of a noun, trying multi-word role nouns ending at it first ("prime minister")."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = token.lemma_.lower()
        for size in range(self.vocab.longest_role, 1, -1):
            if token.i - size + 1 < token.sent.start:
                continue
            window = self.doc[token.i - size + 1 : token.i + 1]
            # Lemmas for the head, the words as written before it: "rights group" is lemmatised "right group".
            words = (*(t.lower_ for t in window[:-1]), token.lemma_.lower())
            role = self.vocab.roles.get(words) or self.vocab.roles.get(tuple(t.lemma_.lower() for t in window))
            if role is not None:
                return role
        return self.vocab.roles.get((lemma,)) or self.vocab.roles.get((token.lower_,))

    def _country_of_complement(self, head: Token, preps: tuple[str, ...] = ("of", "from")) -> str | None:
        """The country of "the president of France", "troops from Chad"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        entry = self._names.get(pobj.i)
                        if entry is not None and entry[1].kind not in ("organisation", "person"):
                            return entry[1].country
        return None

    def _placed_country(self, head: Token) -> str | None:
        """The state of a town or region the vocabulary does not know, named after a role noun: "the governor of
        the Tyumen region", "a missionary from Calgary", "police in Karachi". Only for role nouns: "talks in
        Geneva" are no Swiss actor."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    found = named_place(pobj)
                    if found is not None and found.country is not None and self._names.get(pobj.i) is None:
                        return found.country
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.pos_ == "PROPN":  # "of the Syrian Golan Heights"
                        adjective = next((self._names[c.i][1] for c in pobj.children if c.i in self._names
                                          and self._names[c.i][1].kind == "adjective"), None)
                        if adjective is not None and adjective.country is not None:
                            return adjective.country
        return None

    def _anchored_country(self, head: Token) -> str | None:
        """The country of the place, body or person an actor is tied to by an anchor word: "a group based in
        Trinidad", "workers affiliated with the Serbian Workers' Union", "militias loyal to Gaddafi"."""
        for word in head.children:
            if word.dep_ not in ("acl", "amod") or word.lemma_.lower() not in self.vocab.anchor_words:
                continue
            # "refugees fleeing Syria", "fleeing the war in Liberia": what is fled and where it is
            fled = [c for c in word.children if c.dep_ == "dobj"]
            fled += [o for d in fled for p in d.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                     for o in p.children if o.dep_ == "pobj"]
            preps = [o for p in word.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            for pobj in (*preps, *fled):
                named = self._names.get(pobj.i)
                mention = self.resolve(pobj) if named is None else None
                country = named[1].country if named is not None else mention.actor.country if mention else None
                if country is not None:
                    return country
        return None

    def _from_apposition(self, head: Token) -> Mention | None:
        """An apposition defines a person: "Josep Borrell, the EU's foreign policy chief"."""
        for child in head.children:
            if child.dep_ == "appos":
                mention = self.resolve(child)
                if mention is not None:
                    return mention
        if head.dep_ == "appos":  # "the EU's foreign policy chief, Josep Borrell"
            mention = self.resolve(head.head)
            if mention is not None and mention.actor.name is None:
                return mention
        return None


def _stance_prefixed(token: Token) -> bool:
    """"pro-Iranian", "anti-American": a stance towards a country, not membership of it."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("pro", "anti")


def _agrees(pronoun: str, mention: Mention) -> bool:
    personal = mention.actor.name is not None or mention.actor.role is not None
    if pronoun in ("he", "she", "his", "her"):
        return personal
    if pronoun in ("it", "its"):
        return mention.actor.name is None or mention.actor.role in ("IGO", "NGO")
    return True


def _is_definite(head: Token) -> bool:
    """"the president", "his government": a phrase that points back rather than introduces."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in head.children
    )


def _phrase(head: Token) -> list[Token]:
    """The head and its premodifiers (recursively), in text order: "Russian Foreign Minister Sergei Lavrov"."""
    found = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.lefts:
            if child.dep_ in _PREMODIFIERS:
                found.append(child)
                stack.append(child)
    found.sort(key=lambda t: t.i)
    # Drop a leading determiner or possessive marker so spans start on a content word.
    while len(found) > 1 and found[0].dep_ == "det" and found[0].lower_ in ("the", "a", "an"):
        found.pop(0)
    return found


def _entity_span(token: Token) -> Span | None:
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def find_actors(doc: Doc, vocab: ActorVocab, *, date: str | None = None) -> ArticleActors:
    """The actors stage: index known names in the article and resolve argument phrases on request."""
    return ArticleActors(doc, vocab, date=date)
