"""CAMEO and PLOVER codebooks."""

from __future__ import annotations

from blocwatch.taxonomy import load_taxonomy


def test_every_cameo_code_has_scores_and_a_root():
    tax = load_taxonomy()
    assert len(tax.cameo) == 317  # GDELT's 312 and five the CAMEO 1.1b3 manual adds (tools/build_data.py)
    roots = {c.root for c in tax.cameo.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for c in tax.cameo.values():
        assert c.code.startswith(c.root)
        assert -10 <= c.goldstein <= 10 and -10 <= c.goldstein_icews <= 10
        assert c.quad_class in (1, 2, 3, 4)


def test_quad_classes_follow_cameo_roots():
    tax = load_taxonomy()
    expected = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for quad, roots in expected.items():
        for r in roots:
            assert tax.cameo[f"{r:02d}"].quad_class == quad, r


def test_gdelt_and_icews_goldstein_differ_where_documented():
    tax = load_taxonomy()
    differ = sorted(c.code for c in tax.cameo.values() if c.goldstein != c.goldstein_icews)
    assert differ == ["016", "022", "164", "165"]


def test_plover_mapping_with_fallbacks():
    tax = load_taxonomy()
    assert (tax.cameo["042"].plover, tax.cameo["042"].plover_mode) == ("CONSULT", "visit")
    assert tax.cameo["163"].plover == "COERCE"  # embargo, boycott or sanctions
    assert tax.cameo["0233"].plover == "REQUEST"  # appeal for humanitarian aid (our addition)
    assert tax.cameo["04"].plover == "CONSULT"  # a root takes its 0X0 leaf's type
    assert all(tax.cameo[c].plover is None for c in tax.cameo if c.startswith("01"))
    unmapped = [c for c in tax.cameo if tax.cameo[c].plover is None and not c.startswith("01")]
    assert unmapped == []


def test_plover_scores():
    tax = load_taxonomy()
    assert tax.plover_score("ASSAULT", "aerial") == -9.5
    assert tax.plover_score("AID") == 10.0
    assert tax.plover_score("CONSULT", "no-such-mode") == 2.5
    assert tax.plover_score("NOPE") is None


def test_every_code_the_coder_can_emit_has_a_score():
    """An event code the taxonomy lacks would be stored with no Goldstein score and no quad class,
    and drop out of every sum: PETRARCH 2's dictionary codes hacking as 176 and drone strikes as
    1952, which the CAMEO manual defines and GDELT's table leaves out."""
    import json
    import re
    from importlib.resources import files

    tax = load_taxonomy()
    folder = files("blocwatch.data.coder")
    codes = set()
    for name in ("verbs_petrarch2.jsonl", "verbs_blocwatch.jsonl", "nouns.jsonl"):
        rows = [line for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("//")]
        codes |= {c for line in rows for c in re.findall(r'"(\d{2,4})"', json.dumps(json.loads(line)))}
    codes |= set(json.loads(folder.joinpath("typer.json").read_text(encoding="utf-8"))["cameo"].values())
    assert {"176", "1952", "190", "043"} <= codes  # the files were read
    assert sorted(c for c in codes if c not in tax.cameo) == []
