"""Hand-built parses for rule tests: spaCy Docs from a table, so tests never depend on a loaded model.

Each row: text lemma POS tag dep head(absolute index) entity(IOB-LABEL or O). The tables were written from
parses of our own sentences; a rule test states what the coder must do with exactly that structure.
"""

from __future__ import annotations

import functools

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from facta.model import Article

_NO_SPACE_BEFORE = {".", ",", "'s", "n't", "-", ":", ";", "?", "!", "'"}


@functools.cache
def vocab() -> Vocab:
    return English().vocab


def doc_from(table: str) -> Doc:
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and words[i] != "-" for i in range(len(words))
    ]
    return Doc(
        vocab(), words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
        tags=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows],
        ents=[r[6] for r in rows],
    )


def article_for(doc: Doc, date: str | None = "2024-03-15") -> Article:
    return Article(id="t1", text=doc.text, date=date, origin="test")
