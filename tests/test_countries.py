"""Country codes across CAMEO, ISO, FIPS, COW and names."""

from __future__ import annotations

from blocwatch.countries import load_countries


def test_codes_for_the_states_blocwatch_watches():
    c = load_countries()
    expected = {
        "USA": ("USA", "US", 2), "RUS": ("RUS", "RS", 365), "CHN": ("CHN", "CH", 710),
        "JPN": ("JPN", "JA", 740), "KOR": ("KOR", "KS", 732), "PRK": ("PRK", "KN", 731),
        "UKR": ("UKR", "UP", 369),
    }
    for iso3, (cameo, fips, cow) in expected.items():
        row = c.by_iso3[iso3]
        assert (row.cameo, row.fips, row.cow) == (cameo, fips, cow), iso3


def test_cameo_codes_that_are_not_iso():
    c = load_countries()
    assert {k: c.by_cameo[k].iso3 for k in ("ROM", "TMP", "MTN", "IMY", "KSV")} == {
        "ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "KSV": "XKX"}
    assert "AFR" not in c.by_cameo and "WST" not in c.by_cameo  # regions are not states


def test_shifted_rows_of_countryinfo_are_corrected():
    c = load_countries()
    assert {k: c.by_iso3[k].fips for k in ("GTM", "GIN", "MMR", "ZAF", "COG")} == {
        "GTM": "GT", "GIN": "GV", "MMR": "BM", "ZAF": "SF", "COG": "CF"}


def test_icews_country_names_resolve():
    c = load_countries()
    names = {"Russian Federation": "RUS", "North Korea": "PRK", "South Korea": "KOR",
             "Occupied Palestinian Territory": "PSE", "the former Yugoslav Republic of Macedonia": "MKD",
             "Moldova, Republic of": "MDA", "Cote d'Ivoire": "CIV", "Democratic Republic of Congo": "COD",
             "Holy See": "VAT", "Swaziland": "SWZ", "United States": "USA"}
    assert {n: c.by_name[n.lower()].iso3 for n in names} == names


def test_codes_are_unique():
    c = load_countries()
    rows = list(c.by_iso3.values())
    for attr in ("cameo", "fips", "cow"):
        values = [getattr(r, attr) for r in rows if getattr(r, attr)]
        assert len(values) == len(set(values)), attr


def test_parse_countries():
    import pytest

    from blocwatch.countries import parse_countries
    from blocwatch.errors import ParameterError

    assert parse_countries(" prk , rus,PRK") == ("PRK", "RUS")
    assert parse_countries(["usa", "kor"]) == ("USA", "KOR")
    assert parse_countries("") is None and parse_countries(None) is None
    # names and common aliases, in any case; CAMEO's own codes
    assert parse_countries("North Korea, dprk,Russia,US, uk,ROM") == ("PRK", "RUS", "USA", "GBR", "ROU")
    with pytest.raises(ParameterError) as err:
        parse_countries("NK,RUS")
    assert err.value.param == "countries"
    assert err.value.reason == '"NK" is no state blocwatch knows; did you mean PRK (North Korea)?'
    with pytest.raises(ParameterError) as err:
        parse_countries("Korea")
    assert err.value.reason == ('"Korea" is no state blocwatch knows; did you mean PRK (North Korea) or KOR '
                                '(South Korea)?')
    with pytest.raises(ParameterError) as err:  # shaped like a code, but no state has it
        parse_countries("RUS,XYZ")
    assert err.value.reason.startswith('"XYZ" is no state blocwatch knows; give an ISO alpha-3 code')


def test_suggestions_for_slips():
    from blocwatch.countries import suggest

    assert [c.iso3 for c in suggest("DRC")] == ["COD"]
    assert [c.iso3 for c in suggest("UAE")] == ["ARE"]
    assert [c.iso3 for c in suggest("Ukriane")] == ["UKR"]
    assert sorted(c.iso3 for c in suggest("SA")) == ["SAU", "ZAF"]
    assert suggest("Q") == [] and suggest("Atlantis") == []
