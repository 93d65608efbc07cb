"""The CAMEO 1.1b3 event ontology with Goldstein scores, QuadClass, five-way class and PLOVER types.

The table is data (``facta/data/cameo.tsv``); this module reads and validates it once.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from facta.errors import DataFileError

_COLUMNS = ("code", "root", "name", "goldstein", "quad_class", "penta_class", "plover_type", "plover_mode")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    penta_class: int
    plover_type: str | None
    plover_mode: str | None


class Ontology:
    """All CAMEO event codes, looked up by code."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def roots(self) -> list[str]:
        return sorted({c.root for c in self.codes.values()})

    @property
    def plover_types(self) -> frozenset[str]:
        return frozenset(c.plover_type for c in self.codes.values() if c.plover_type)


def quad_class_of(root: str) -> int:
    """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def penta_class_of(root: str) -> int:
    """The five-way class: 0 statements and appeals, 1 verbal cooperation, 2 material cooperation,
    3 verbal conflict (with 16, reduce relations), 4 material conflict."""
    number = int(root)
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13 or number == 16:
        return 3
    return 4


@functools.cache
def load_ontology() -> Ontology:
    """The built-in CAMEO table, validated."""
    source = resources.files("facta.data").joinpath("cameo.tsv")
    path = str(source)
    with source.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise DataFileError(path, f"columns must be {', '.join(_COLUMNS)}")
        codes: dict[str, CameoCode] = {}
        for number, row in enumerate(reader, 2):
            try:
                entry = CameoCode(
                    code=row["code"], root=row["root"], name=row["name"], goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]), penta_class=int(row["penta_class"]),
                    plover_type=row["plover_type"] or None, plover_mode=row["plover_mode"] or None,
                )
            except (TypeError, ValueError) as error:
                raise DataFileError(path, f"line {number}: {error}") from None
            if not entry.code.startswith(entry.root) or entry.code in codes:
                raise DataFileError(path, f"line {number}: code {entry.code!r} duplicated or not under its root")
            codes[entry.code] = entry
    return Ontology(codes)
