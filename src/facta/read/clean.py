"""Turning raw bytes into clean article text: encoding detection, binary refusal, whitespace, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from charset_normalizer import from_bytes

from facta.errors import InputError

# Magic numbers of formats people feed to text tools by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Function words that make up a large share of any English prose and almost none of other languages'.
_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on was with as by it at from his her he she they said has have had "
    "be were are which its an this not but will would their who been after over more also than into".split()
)
# Function words of the languages most often mistaken for English input; "a", "in", "on" are shared, so left out.
_OTHER_WORDS = frozenset(
    "de la que el los las del por para con una uno es se su al lo como pero más der die und das den ist nicht "
    "mit sich auf des dem ein eine zu von le les et est une pour dans qui pas sur au du il elle sont ont di che "
    "il della per non sono gli da do um uma não são ao os em na no dos het een van ik je niet zijn".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Decode bytes to text, detecting the encoding; refuse empty and binary input."""
    if not data.strip():
        raise InputError(origin, "empty input")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(origin, f"binary file ({what}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for encoding in filter(None, (declared, "utf-8")):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_textual(text):
            return text
        break
    legacy = _damaged_utf8_or_western(data)
    if legacy is not None:
        return legacy
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(origin, "binary or undecodable content, not text")
    text = data.decode(best.encoding, errors="replace")
    if not _looks_textual(text):
        raise InputError(origin, "binary content, not text")
    return text


# Characters besides letters that Western European text in Windows-1252 (and ISO-8859-1) commonly holds.
_WESTERN_MARKS = frozenset("\u00a0«»‘’‚“”„–—…•·€£¥¢©®™°±§¶¡¿†‡‰‹›×÷½¼¾ºª")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _damaged_utf8_or_western(data: bytes) -> str | None:
    """Text that is not valid UTF-8 but whose encoding is still plain, else None: UTF-8 with a few broken
    bytes, or mostly-ASCII Western European prose in Windows-1252.

    English news in a legacy encoding is almost always Windows-1252 or its subset ISO-8859-1 (which browsers
    read as 1252). Charset detection, given a few accented names in otherwise ASCII text, guesses DOS and
    Baltic code pages ("Josķ M³ller"), so this common case is settled first; text whose bytes are mostly
    non-ASCII (Cyrillic, Greek, CJK) goes to detection.
    """
    sample = data[:200_000]
    high = sum(1 for byte in sample if byte > 127)
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    if in_sequences and 2 * in_sequences >= high:  # UTF-8 with a few broken bytes
        text = data.decode("utf-8", errors="replace")
        return text if _looks_textual(text) else None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes 1252 leaves undefined: another encoding
        return None
    if not high or high > 0.2 * len(sample):
        return None
    if not all(ch.isalpha() or ch in _WESTERN_MARKS for ch in text[:200_000] if ord(ch) > 127):
        return None
    return text if _looks_textual(text) else None


def _looks_textual(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    control = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f")
    return control / len(sample) < 0.01


# Lone surrogates (from JSON escapes such as "\\ud800") cannot be written as UTF-8; control characters other
# than tab and newline are never text, and in a terminal some of them are commands.
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain(value: str) -> str:
    """A string that can be written anywhere: lone surrogates replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)


def normalise(text: str) -> str:
    """Clean text: Unicode NFC, unified newlines, no control characters or trailing spaces, at most one blank
    line in a row."""
    text = unicodedata.normalize("NFC", plain(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def require_english(text: str, origin: str) -> None:
    """Refuse text that is clearly not English; short texts pass, since a headline says too little."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 8:
        return
    english = sum(w in _ENGLISH_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words)
    share = english / len(words)
    if (len(words) >= 25 and share < 0.08) or (other > english and other / len(words) > 0.1):
        raise InputError(origin, f"not English text (only {share:.0%} English function words); facta codes English")


def text_id(text: str) -> str:
    """An article's id when the input gives none: a hash of its clean text, stable across runs."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
