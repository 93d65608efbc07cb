"""Within-article resolution: later mentions ("Putin", "he", "the president", "the administration") refer
to actors the article introduced earlier.

The discourse is the article's named actors in text order (people by NER, every name the vocabulary matched,
with the phrase they head), resolved once, lazily, the first time a later mention needs an antecedent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from facta.actors import ArticleActors, Mention

_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_PRONOUN_REACH = 2  # sentences back that a pronoun may reach for its antecedent


class Discourse:
    def __init__(self, actors: ArticleActors) -> None:
        self.actors = actors
        self._entries: list[tuple[int, Mention]] | None = None

    def _all(self) -> list[tuple[int, Mention]]:
        if self._entries is None:
            self._entries = []  # visible, partly filled, to the resolutions below: earlier entries only
            for index in self._candidate_heads():
                mention = self.actors.resolve(self.actors.doc[index])
                if mention is not None:
                    self._entries.append((index, mention))
        return self._entries

    def _candidate_heads(self) -> list[int]:
        doc = self.actors.doc
        heads = {ent.root.i for ent in doc.ents if ent.label_ == "PERSON"}
        heads.update(t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"))
        for span in self.actors.name_spans():
            root = span.root
            heads.add(root.head.i if root.dep_ in _MODIFIER_DEPS and root.head.i != root.i else root.i)
        return sorted(heads)

    def _before(self, token: Token) -> list[Mention]:
        """Antecedent candidates before ``token``, nearest first."""
        return [m for i, m in reversed(self._all()) if i < token.i and m.end <= token.i]

    def _by_salience(self, token: Token) -> list[Mention]:
        """Earlier actors, those of the country most often the subject so far first: "the administration" in
        a story about Washington is the US government even when Moscow was named last."""
        before = [(i, m) for i, m in reversed(self._all()) if i < token.i and m.end <= token.i]
        doc = self.actors.doc
        weight: dict[str, int] = {}
        for index, mention in before:
            if mention.actor.country and doc[index].dep_ in ("nsubj", "nsubjpass"):
                weight[mention.actor.country] = weight.get(mention.actor.country, 0) + 1
        ranked = sorted(before, key=lambda pair: -weight.get(pair[1].actor.country or "", 0))  # stable: nearest
        return [m for _, m in ranked]

    def person(self, name: str, token: Token) -> Mention | None:
        """The person introduced earlier as ``name`` or whose surname it is: "Orban" after "Viktor Orban"."""
        words = name.split()
        for mention in self._before(token):
            known = mention.actor.name
            if known is None:
                continue
            if known == name or (len(words) == 1 and known.split()[-1] == name):
                return mention
        return None

    def definite(self, head: Token, role: str, titles: set[str]) -> Mention | None:
        """The antecedent of "the president", "the administration", "his government"."""
        noun = head.lemma_.lower()
        if noun in self.actors.vocab.government_nouns:
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            source = self.actors.resolve(owner) if owner is not None else None
            candidates = [source] if source is not None else self._by_salience(head)
            for mention in candidates:
                country = mention.actor.country
                if country is not None and mention.actor.role in (None, "GOV", "MIL"):
                    from facta.actors import actor_code

                    actor = replace(mention.actor, name=None, role="GOV", code=actor_code(country, "GOV"))
                    return replace(mention, actor=actor, titles=frozenset({noun}))
            return None
        # "the president" is the last president who was a subject (the one the story is about), else the last
        # one named at all: after "Trump congratulated Putin", "the president" is Trump.
        doc = self.actors.doc
        titled = [(i, m) for i, m in reversed(self._all()) if i < head.i and m.end <= head.i
                  and titles & m.titles and m.actor.role == role]
        subjects = [m for i, m in titled if doc[i].dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        return titled[0][1] if titled else None

    def pronoun(self, pronoun: Token) -> Mention | None:
        """The salient actor before a pronoun: the nearest person for "he"/"she", else the nearest actor."""
        from facta.actors import _agrees

        lower = pronoun.lower_
        starts = [sent.start for sent in pronoun.doc.sents]
        here = max(k for k, start in enumerate(starts) if start <= pronoun.i)
        first_sentence = starts[max(0, here - _PRONOUN_REACH)]
        for mention in self._before(pronoun):
            if mention.start < first_sentence:
                break
            if _agrees(lower, mention) and (lower not in ("he", "she", "his", "her") or mention.actor.name):
                return mention
        return None
