"""The package's data files follow their schemas (facta/data/README.md)."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
import yaml

from facta.actors.vocab import ROLES, load_actor_vocab
from facta.errors import DataFileError
from facta.events.nominal import load_nouns
from facta.events.patterns import load_cues, load_patterns
from facta.model import Plover
from facta.ontology import load_ontology, penta_class_of, quad_class_of

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def _yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("facta.data").joinpath(name).read_text(encoding="utf-8"))


def test_cameo_table_has_all_311_codes_under_20_roots() -> None:
    ontology = load_ontology()
    assert len(ontology) == 311
    assert ontology.roots == ROOTS
    levels = [len(code) for code in ontology.codes]
    assert (levels.count(2), levels.count(3), levels.count(4)) == (20, 147, 144)


def test_cameo_scores_and_classes_are_consistent() -> None:
    for entry in load_ontology().codes.values():
        assert -10.0 <= entry.goldstein <= 10.0, entry.code
        assert entry.quad_class == quad_class_of(entry.root), entry.code
        assert entry.penta_class == penta_class_of(entry.root), entry.code
        assert entry.name, entry.code


@pytest.mark.parametrize(("root", "quad", "penta"), [
    ("01", 1, 0), ("02", 1, 0), ("03", 1, 1), ("05", 1, 1), ("06", 2, 2), ("08", 2, 2), ("09", 3, 3),
    ("13", 3, 3), ("14", 4, 4), ("15", 4, 4), ("16", 4, 3), ("17", 4, 4), ("20", 4, 4),
])
def test_quad_and_five_way_class_follow_the_conventions(root: str, quad: int, penta: int) -> None:
    assert (quad_class_of(root), penta_class_of(root)) == (quad, penta)


def test_every_root_but_statements_maps_to_a_plover_type() -> None:
    plover_types = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
                    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
    for entry in load_ontology().codes.values():
        if entry.root == "01":
            assert entry.plover_type is None  # PLOVER drops public statements
        else:
            assert entry.plover_type in plover_types, entry.code


def test_cameo_file_has_one_row_per_code() -> None:
    with resources.files("facta.data").joinpath("cameo.tsv").open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle, delimiter="\t")]
    assert len(codes) == len(set(codes)) == 311


def test_verb_patterns_cover_every_root_with_valid_codes() -> None:
    patterns = load_patterns()
    ontology = load_ontology()
    every = [p for found in patterns.by_verb.values() for p in found]
    assert all(p.code is None or p.code in ontology for p in every)
    assert {ontology[p.code].root for p in every if p.code} == set(ROOTS)
    assert len({p.rule for p in every}) == len(every)
    for pattern in every:
        assert pattern.verb == pattern.verb.lower() and " " not in pattern.verb, pattern.id
        if pattern.target == "prep":
            assert pattern.prep, pattern.id


def test_pattern_plover_types_are_checked(tmp_path: Path) -> None:
    every = [p for found in load_patterns().by_verb.values() for p in found]
    typed = {p.id: p.plover for p in every if p.plover is not None}
    assert typed["expel/diplomat"] == Plover("SANCTION", "expel") and typed["resign"] == Plover("RETREAT", "resign")
    assert load_nouns()["resignation"][0].plover == Plover("RETREAT", "resign")
    bad = tmp_path / "mine.yaml"
    bad.write_text('version: 1\npatterns:\n  - {id: oust, verb: oust, code: "0831", plover: RESIGN/retreat}\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="'RESIGN' is not a PLOVER event type"):
        load_patterns((bad,))
    good = tmp_path / "ours.yaml"
    good.write_text('version: 1\npatterns:\n  - {id: oust, verb: oust, code: "0831", plover: RETREAT}\n',
                    encoding="utf-8")
    assert load_patterns((good,)).by_verb["oust"][0].plover == Plover("RETREAT", None)


def test_verb_patterns_have_no_duplicate_frames() -> None:
    frames = [(p.verb, p.particle, p.object, p.prep, p.prep_object, p.infinitive)
              for found in load_patterns().by_verb.values() for p in found]
    assert len(frames) == len(set(frames))


def test_countries_follow_the_schema_and_surface_forms_are_unique() -> None:
    countries = _yaml("countries.yaml")["countries"]
    assert len(countries) >= 193
    seen: dict[str, str] = {}
    for entry in countries:
        assert set(entry) >= {"code", "name", "names", "adjectives", "demonyms", "capital", "metonyms"}
        assert len(entry["code"]) == 3 and entry["code"].isupper()
        for key in ("names", "adjectives", "demonyms", "metonyms"):
            for surface in entry[key] or ():
                bare = surface.removeprefix("the ")
                assert seen.setdefault(bare, entry["code"]) == entry["code"], f"{surface} in two countries"
    assert len({e["code"] for e in countries}) == len(countries)


def test_organisations_and_roles_use_cameo_roles() -> None:
    for entry in _yaml("organisations.yaml")["organisations"]:
        assert entry["names"] and entry["name"], entry
        assert entry["role"] in ROLES, entry["name"]
        assert entry["kind"] in {"IGO", "NGO", "MNC", "state", "armed_group", "party"}, entry["name"]
    nouns: dict[str, str] = {}
    for entry in _yaml("roles.yaml")["roles"]:
        assert entry["role"] in ROLES
        for noun in entry["nouns"]:
            assert noun == noun.lower(), noun
            assert nouns.setdefault(noun, entry["role"]) == entry["role"], f"{noun} under two roles"


def test_actor_vocabulary_loads_with_metonyms_as_government() -> None:
    vocab = load_actor_vocab()
    assert vocab.surfaces["Kremlin"].country == "RUS" and vocab.surfaces["Kremlin"].role == "GOV"
    assert vocab.surfaces["Russian"].country == "RUS"
    assert vocab.roles[("diplomat",)] == "GOV"


def test_cues_load() -> None:
    cues = load_cues()
    assert {"refuse", "decline", "fail"} <= cues.negation_verbs
    assert {"might", "could", "would", "may"} <= cues.hypothetical_aux
    assert "say" in cues.report_verbs


def test_regions_follow_the_schema_and_surface_forms_are_unique() -> None:
    document = _yaml("regions.yaml")
    assert document["version"] == 1
    states = {e["code"] for e in _yaml("countries.yaml")["countries"]}
    seen: set[str] = set()
    for entry in document["regions"]:
        assert set(entry) == {"name", "names", "country", "lat", "lon"}, entry
        assert entry["name"] in entry["names"] and entry["country"] in states, entry["name"]
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180, entry["name"]
        for name in entry["names"]:
            assert name.lower() not in seen, name
            seen.add(name.lower())
    assert len(document["regions"]) >= 500


@pytest.mark.parametrize(("key", "text"), [
    ("patterns", 'version: 1\npatterns:\n  - {id: sit/on, verb: sit, prep: on, code: "040"}\n'),
    ("nouns", 'version: 1\nnouns:\n  - {id: talk/on, noun: talk, prep: on, code: "040"}\n'),
], ids=["verb_pattern", "noun_pattern"])
def test_an_unquoted_yaml_preposition_read_as_a_boolean_is_an_error(tmp_path: Path, key: str, text: str) -> None:
    # YAML reads a bare on/off/yes/no as a boolean: the pattern would silently never match
    bad = tmp_path / "mine.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="quote"):
        load_patterns((bad,)) if key == "patterns" else load_nouns((bad,))
    assert all(isinstance(p.prep, str) for found in load_nouns().values() for p in found if p.prep is not None)


def test_an_infinitive_constraint_is_true_or_a_list_of_lemmas(tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text('version: 1\npatterns:\n  - {id: order/go, verb: order, infinitive: leave, code: "174"}\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="infinitive must be"):
        load_patterns((bad,))
    good = tmp_path / "ours.yaml"
    good.write_text('version: 1\npatterns:\n  - {id: order/go, verb: order, infinitive: [Leave], code: "174"}\n',
                    encoding="utf-8")
    mine = next(p for p in load_patterns((good,)).by_verb["order"] if p.id == "order/go")
    assert mine.infinitive == frozenset({"leave"})


ALLOWED = """
    Pakistan     Pakistan     PROPN  NNP   nsubj      1   B-GPE
    allowed      allow        VERB   VBD   ROOT       1   O
    the          the          DET    DT    det        3   O
    {obj:<12} {obj_lemma:<12} NOUN   NN    dobj       1   O
    to           to           PART   TO    aux        5   O
    {verb:<12} {verb:<12} VERB   VB    xcomp      1   O
    .            .            PUNCT  .     punct      1   O
"""


@pytest.mark.parametrize(("obj", "obj_lemma", "verb", "expected"), [
    ("opposition", "opposition", "march", "0811"),  # allowed to take part in politics: restrictions eased
    ("candidate", "candidate", "run", "0812"),      # a candidate allowed to run: a ban on politicians eased
    ("troops", "troop", "enter", "080"),            # letting people come or go is yielding
    ("troops", "troop", "train", None),             # any other infinitive is none of these
], ids=["political_freedom", "candidate_to_run", "movement", "other"])
def test_built_in_allow_patterns_need_a_political_infinitive(
    obj: str, obj_lemma: str, verb: str, expected: str | None
) -> None:
    from facta.actors import find_actors, load_actor_vocab
    from facta.events import code_events
    from tests.parses import article_for, doc_from

    doc = doc_from(ALLOWED.format(obj=obj, obj_lemma=obj_lemma, verb=verb))
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), load_patterns(), load_nouns())
    assert [e.code for e in events if e.code.startswith("08")] == ([expected] if expected else [])


def test_refusing_to_comply_with_what_was_asked_is_a_refusal_to_yield() -> None:
    from facta.actors import find_actors
    from facta.events import code_events
    from tests.parses import article_for, doc_from

    table = """
    Iraq         Iraq         PROPN  NNP   nsubj      1   B-GPE
    refused      refuse       VERB   VBD   ROOT       1   O
    to           to           PART   TO    aux        3   O
    comply       comply       VERB   VB    xcomp      1   O
    with         with         ADP    IN    prep       3   O
    the          the          DET    DT    det        6   O
    ultimatum    ultimatum    NOUN   NN    pobj       4   O
    .            .            PUNCT  .     punct      1   O
    """
    doc = doc_from(table)
    events = code_events(doc, article_for(doc), find_actors(doc, load_actor_vocab()), load_patterns(), load_nouns())
    assert sorted((e.code, e.negated) for e in events) == [("080", True), ("124", False)]
