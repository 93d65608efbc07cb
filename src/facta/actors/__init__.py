"""The actors stage: noun phrases of a parsed article resolved to coded actors (country, role, name).

``find_actors(doc, vocab)`` returns an ``ArticleActors`` that the event coder asks, for the head token of an
argument, which actor it denotes. Resolution is lazy and memoised: only arguments of candidate events are
resolved, which keeps the stage cheap beside the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from facta.actors.vocab import ActorVocab, Entry, load_actor_vocab
from facta.model import Actor

__all__ = ["ArticleActors", "Mention", "actor_code", "find_actors", "load_actor_vocab"]

# Dependency labels of the words before a noun that belong to its phrase ("Russian", "foreign", "Britain's").
_PREMODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "det", "quantmod"})
_ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON"})
_PERSONAL = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it occurs in the text: tokens [start, end) of the doc, and what it denotes."""

    start: int
    end: int
    actor: Actor


def actor_code(country: str | None, role: str | None) -> str | None:
    """The CAMEO actor code: country then role ("RUSGOV"); the role alone when the country is unknown."""
    if country and role and role != country and role not in ("IGO", "NGO"):
        return country + role  # an international body's own code already says what it is: "NATO", "UNO"
    return country or role


class ArticleActors:
    """Actors of one parsed article, resolved on request."""

    def __init__(self, doc: Doc, vocab: ActorVocab) -> None:
        self.doc = doc
        self.vocab = vocab
        self._names: dict[int, tuple[Span, Entry]] = {}
        matcher = vocab.matcher(doc.vocab)
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)]
        for span in filter_spans(spans):
            entry = vocab.surfaces[span.label_]
            for index in range(span.start, span.end):
                self._names[index] = (span, entry)
        self._cache: dict[int, Mention | None] = {}

    def name_at(self, token: Token) -> Entry | None:
        found = self._names.get(token.i)
        return found[1] if found else None

    def resolve(self, head: Token) -> Mention | None:
        """The actor denoted by the phrase headed by ``head``; None when unknown (never guessed)."""
        if head.i not in self._cache:
            self._cache[head.i] = self._resolve(head)
        return self._cache[head.i]

    def resolve_all(self, head: Token) -> list[Mention]:
        """Every actor a phrase denotes: "Indian and Chinese troops" is INDMIL and CHNMIL."""
        main = self.resolve(head)
        if main is None:
            return []
        found = [main]
        for token in _phrase(head):
            for conj in token.children if token.i != head.i else ():
                named = self._names.get(conj.i) if conj.dep_ == "conj" else None
                if named is None or named[1].kind == "organisation":
                    continue
                country = named[1].country
                if all(m.actor.country != country for m in found):
                    actor = replace(main.actor, country=country, code=actor_code(country, main.actor.role))
                    found.append(Mention(main.start, main.end, actor))
        return found

    def _resolve(self, head: Token) -> Mention | None:
        if head.pos_ not in _ARGUMENT_POS and head.i not in self._names:
            return None
        if head.pos_ == "PRON":
            return self._pronoun(head)
        tokens = _phrase(head)
        country: str | None = None
        role: str | None = None
        name: str | None = None
        # The head's own meaning first: a known name, or a role noun ("diplomats", "foreign minister").
        found = self._names.get(head.i)
        if found is not None:
            span, entry = found
            tokens = sorted({*tokens, *(t for t in span)}, key=lambda t: t.i)
            country, role, name = entry.country, entry.role, entry.name
        else:
            role = self._role_of(head)
        # Then the phrase's modifiers: "Russian", "Britain's", "the US", titles before a person's name.
        for token in tokens:
            if token.i == head.i:
                continue
            modifier = self._names.get(token.i)
            if modifier is not None:
                entry = modifier[1]
                if country is None:
                    country = entry.country
                    role = role or entry.role  # "Pentagon officials": the institution's role when the noun has none
                continue
            if role is None and token.dep_ == "compound":
                role = self._role_of(token)
        if country is None:
            country = self._country_of_complement(head)
        if head.ent_type_ == "PERSON" and found is None:
            person = _entity_span(head)
            if person is not None:
                name = person.text
            if role is None and country is None:
                appos = self._from_apposition(head)
                if appos is None:
                    return None  # an unknown person: never guess
                country, role = appos
        if country is None and role is None:
            return None
        start, end = tokens[0].i, tokens[-1].i + 1
        span = self.doc[start:end]
        actor = Actor(
            text=span.text, name=name, country=country, role=role, code=actor_code(country, role),
            span=(span.start_char, span.end_char),
        )
        return Mention(start, end, actor)

    def _pronoun(self, pronoun: Token) -> Mention | None:
        """A pronoun in an embedded clause refers to the subject of a clause above it: "Hungary said it
        will support ..." -> Hungary. "he"/"she" take only people or office holders, "it" no person."""
        lower = pronoun.lower_
        if lower not in _PERSONAL or pronoun.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        for ancestor in pronoun.head.ancestors:
            for child in ancestor.children:
                if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= pronoun.i or child.pos_ == "PRON":
                    continue
                mention = self.resolve(child)
                if mention is None:
                    continue
                personal = mention.actor.name is not None or mention.actor.role is not None
                if (lower in ("he", "she") and not personal) or (lower == "it" and mention.actor.name):
                    continue
                span = (pronoun.idx, pronoun.idx + len(pronoun.text))
                return Mention(pronoun.i, pronoun.i + 1, replace(mention.actor, text=pronoun.text, span=span))
        return None

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

    def _country_of_complement(self, head: Token) -> str | None:
        """The country of "the president of France", "troops from Chad"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        entry = self._names.get(pobj.i)
                        if entry is not None and entry[1].kind != "organisation":
                            return entry[1].country
        return None

    def _from_apposition(self, head: Token) -> tuple[str | None, str | None] | None:
        """Country and role from an apposition: "Josep Borrell, the EU's foreign policy chief"."""
        for child in head.children:
            if child.dep_ == "appos":
                mention = self.resolve(child)
                if mention is not None:
                    return mention.actor.country, mention.actor.role
        return None


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
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def find_actors(doc: Doc, vocab: ActorVocab) -> ArticleActors:
    """The actors stage: index known names in the article and resolve argument phrases on request."""
    return ArticleActors(doc, vocab)
