"""`labourgraph.extract.document`: a long document is read in windows whose facts keep the
document's own offsets; documents of the usual sizes are read whole."""

from __future__ import annotations

import itertools
import time

import pytest

from labourgraph.extract import document, nlp
from labourgraph.extract.document import Resources, extract
from sizes import paragraphs


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def test_windowed_facts_keep_the_document_s_offsets(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = paragraphs(40)
    doc = nlp.analyse([text], "fr")[0]
    whole = extract("d", doc, "fr", resources)
    monkeypatch.setattr(document, "WHOLE_MAX_CHARS", 1000)
    monkeypatch.setattr(document, "WINDOW_CHARS", 700)
    assert len(document.windows(doc)) > 5
    windowed = extract("d", doc, "fr", resources)
    # every paragraph stands alone: cutting between paragraphs loses nothing here
    assert windowed.mentions == whole.mentions
    assert windowed.observations == whole.observations
    assert windowed.relations == whole.relations
    assert windowed.statements == whole.statements
    for observation in windowed.observations:
        quote = text[observation.start : observation.end]
        assert text[observation.figure_start : observation.figure_end] in quote


def test_windows_cover_the_document_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = nlp.analyse([paragraphs(30) + "x " * 3000], "fr")[0]
    cuts = document.windows(doc, size=500)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert max(doc[last - 1].idx - doc[first].idx for first, last in cuts) < 4 * 500 + 50


def test_shifted_moves_offsets_and_nothing_else() -> None:
    from labourgraph.extract.mentions import Mention

    mention = Mention(3, 8, "Appen", "MicroworkPlatform", "organisation", "lexicon", 0.9)
    moved = document.shifted([mention, ("x", mention)], 100)
    assert moved[0].start == 103 and moved[0].end == 108 and moved[0].confidence == 0.9
    assert moved[1][1].start == 103


@pytest.mark.slow
def test_many_figures_in_one_long_sentence_take_linear_time(resources: Resources) -> None:
    """A 992 KB document of repeated figures ran more than 10 minutes at 4.4 GB: figures were
    matched against the whole sentence and the whole document, each."""
    timings = []
    for repeat in (4_000, 16_000):
        # "la tâche" keeps the text about work: a document that is not yields no figure (scope)
        text = "Les travailleurs gagnent " + "2 dollars la tâche, " * repeat + "par heure.\n"
        doc = nlp.analyse([text], "fr")[0]
        # CPU time of this process: another job on the machine slows the wall clock of one
        # run and not the other, which made a linear extraction look quadratic
        clock = time.process_time()
        facts = extract("d", doc, "fr", resources)
        timings.append(time.process_time() - clock)
        assert len(facts.observations) >= repeat // 2
    # four times the text: quadratic would be 16 times; each figure reading every cue of the
    # document was 8.3 times (58 s of CPU), each reading its clause's is about 2 (3 s)
    assert timings[1] < 6 * timings[0] + 2
