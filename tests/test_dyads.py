"""Dyad tables: exact values on hand-built events, and agreement with pandas on real GDELT."""

from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest

from blocwatch import EventStore
from blocwatch.dyads import DyadQuery, dyad_table
from blocwatch.errors import ParameterError
from blocwatch.ingest import ingest_files
from tests.helpers import REPO, gdelt_row


@pytest.fixture
def small(store, write):
    rows = [
        # id, date, source, target, code, quad, goldstein
        ("1", "20240603", "RUS", "PRK", "042", "1", "1.9"),  # Monday
        ("2", "20240609", "RUS", "PRK", "057", "1", "8.0"),  # Sunday, same ISO week
        ("3", "20240610", "RUS", "PRK", "190", "4", "-10.0"),  # next Monday
        ("4", "20240610", "PRK", "RUS", "043", "1", "2.8"),
        ("5", "20240701", "USA", "PRK", "163", "4", "-8.0"),
        ("6", "20240701", "USA", "USA", "010", "1", "0.0"),  # domestic
        ("7", "20241001", "KOR", "PRK", "112", "3", "-2.0"),
    ]
    text = "\n".join(
        gdelt_row(GLOBALEVENTID=i, SQLDATE=d, Actor1Code=s, Actor1CountryCode=s, Actor2Code=t,
                  Actor2CountryCode=t, EventCode=c, QuadClass=q, GoldsteinScale=g)
        for i, d, s, t, c, q, g in rows
    )
    ingest_files(store, [write("small.CSV", text + "\n")], "gdelt")
    return store


def table(store, **kw):
    return dyad_table(store.con, DyadQuery(**kw)).to_pylist()


def test_monthly_dyads(small):
    got = table(small)
    assert [(r["period"], r["source"], r["target"], r["events"]) for r in got] == [
        (dt.date(2024, 6, 1), "RUS", "PRK", 3),
        (dt.date(2024, 6, 1), "PRK", "RUS", 1),
        (dt.date(2024, 7, 1), "USA", "PRK", 1),
        (dt.date(2024, 10, 1), "KOR", "PRK", 1),
    ]
    rus_prk = got[0]
    assert rus_prk["goldstein_sum"] == pytest.approx(-0.1)
    assert rus_prk["goldstein_mean"] == pytest.approx(-0.1 / 3)
    assert (rus_prk["verbal_coop"], rus_prk["material_coop"], rus_prk["verbal_conflict"],
            rus_prk["material_conflict"]) == (2, 0, 0, 1)


def test_weeks_start_on_monday_and_quarters(small):
    weeks = [(r["period"], r["events"]) for r in table(small, window="week", countries=("RUS", "PRK"))
             if r["source"] == "RUS"]
    assert weeks == [(dt.date(2024, 6, 3), 2), (dt.date(2024, 6, 10), 1)]
    quarters = {(r["period"], r["source"]) for r in table(small, window="quarter")}
    assert quarters == {(dt.date(2024, 4, 1), "RUS"), (dt.date(2024, 4, 1), "PRK"),
                        (dt.date(2024, 7, 1), "USA"), (dt.date(2024, 10, 1), "KOR")}


def test_filters(small):
    assert {(r["source"], r["target"]) for r in table(small, countries=("USA", "PRK"))} == {("USA", "PRK")}
    assert [r["events"] for r in table(small, start=dt.date(2024, 6, 10), end=dt.date(2024, 6, 30))] == [1, 1]
    domestic = table(small, include_domestic=True, countries=("USA",))
    assert [(r["source"], r["target"], r["events"]) for r in domestic] == [("USA", "USA", 1)]


def test_only_factual_events_count_by_default(small):
    small.con.execute("UPDATE events SET mode = 'future' WHERE origin_id = '3'")
    rus_prk = [r for r in table(small) if (r["source"], r["target"]) == ("RUS", "PRK")][0]
    assert rus_prk["events"] == 2
    every = [r for r in table(small, factual_only=False) if (r["source"], r["target"]) == ("RUS", "PRK")][0]
    assert every["events"] == 3


def test_query_validation():
    with pytest.raises(ParameterError, match="window") as err:
        DyadQuery(window="fortnight")
    assert err.value.param == "window"
    with pytest.raises(ParameterError, match="is after") as err:
        DyadQuery(start=dt.date(2025, 1, 1), end=dt.date(2024, 1, 1))
    assert err.value.param == "start"
    with pytest.raises(ParameterError) as err:
        DyadQuery(countries=("NK",))
    assert err.value.param == "countries" and "did you mean PRK" in err.value.reason
    with pytest.raises(ParameterError):  # only known states reach the SQL
        DyadQuery(countries=("USA') OR (1=1",))
    with pytest.raises(ParameterError):
        DyadQuery(countries="USA")
    assert DyadQuery(countries=("North Korea", "rus", "PRK")).countries == ("PRK", "RUS")


def test_query_dates_as_text():
    q = DyadQuery(start="2024", end="2024-02")
    assert (q.start, q.end) == (dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    with pytest.raises(ParameterError) as err:
        DyadQuery(end="2024-13")
    assert err.value.param == "end"


SEVEN = ("USA", "RUS", "PRK", "KOR", "CHN", "JPN", "UKR")


def pandas_monthly(files) -> pd.DataFrame:
    """The monthly dyad table computed independently, straight from the export files."""
    cols = {0: "id", 1: "sqldate", 7: "source", 17: "target", 29: "quad", 30: "goldstein"}
    frames = [pd.read_csv(f, sep="\t", header=None, usecols=list(cols), dtype={1: str, 7: str, 17: str},
                          keep_default_na=False, na_values=[""]) for f in files]
    df = pd.concat(frames).rename(columns=cols)
    df = df[df["source"].isin(SEVEN) & df["target"].isin(SEVEN) & (df["source"] != df["target"])]
    df["period"] = pd.to_datetime(df["sqldate"], format="%Y%m%d").dt.to_period("M").dt.start_time.dt.date
    g = df.groupby(["period", "source", "target"])
    out = g.agg(events=("id", "size"), goldstein_sum=("goldstein", "sum"), goldstein_mean=("goldstein", "mean"))
    for q, name in enumerate(["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"], 1):
        out[name] = g["quad"].apply(lambda s, q=q: int((s == q).sum()))
    return out.reset_index()


@pytest.mark.shared
def test_monthly_dyads_agree_with_pandas_on_gdelt_v2(shared, tmp_path):
    files = sorted((shared / "gdelt" / "v2").glob("*.export.CSV"))
    with EventStore(tmp_path / "s.duckdb") as store:
        ingest_files(store, files, "gdelt")
        ours = dyad_table(store.con, DyadQuery(window="month", countries=SEVEN)).to_pandas()
    theirs = pandas_monthly(files)
    key = ["period", "source", "target"]
    ours = ours.sort_values(key).reset_index(drop=True)
    theirs = theirs.sort_values(key).reset_index(drop=True)
    assert len(ours) == len(theirs) > 100
    assert ours[key].astype(str).equals(theirs[key].astype(str))
    for col in ["events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]:
        assert ours[col].astype(int).tolist() == theirs[col].astype(int).tolist(), col
    for col in ["goldstein_sum", "goldstein_mean"]:
        assert (ours[col] - theirs[col]).abs().max() < 1e-9, col
    assert ours["events"].sum() == 2968  # the same events as the demo sample


def test_undirected_dyads_join_both_directions(small):
    june = [r for r in table(small, directed=False) if r["period"] == dt.date(2024, 6, 1)]
    assert [(r["source"], r["target"], r["events"]) for r in june] == [("PRK", "RUS", 4)]
    assert june[0]["score_pos"] == pytest.approx(1.9 + 8.0 + 2.8)
    assert june[0]["score_neg"] == pytest.approx(10.0)
    assert june[0]["reports"] == 4 and june[0]["weight"] == 4.0


def test_collapse_and_weights(small, write):
    dupes = "\n".join(
        gdelt_row(GLOBALEVENTID=i, SQLDATE="20240610", Actor1Code="RUS", Actor1CountryCode="RUS", Actor2Code="PRK",
                  Actor2CountryCode="PRK", EventCode="190", QuadClass="4", GoldsteinScale="-10.0", NumArticles=a)
        for i, a in (("8", "5"), ("9", "7")))
    ingest_files(small, [write("dupes.CSV", dupes + "\n")], "gdelt")
    rus_prk = dict(events=0)
    for r in table(small, countries=("RUS", "PRK")):
        if (r["source"], r["target"]) == ("RUS", "PRK"):
            rus_prk = r
    assert (rus_prk["events"], rus_prk["reports"]) == (5, 5)
    collapsed = [r for r in table(small, countries=("RUS", "PRK"), collapse=True) if r["source"] == "RUS"][0]
    assert (collapsed["events"], collapsed["reports"]) == (3, 5)
    assert collapsed["score_neg"] == pytest.approx(10.0)  # one fight, reported three times
    weighted = [r for r in table(small, countries=("RUS", "PRK"), collapse=True, weight="articles")
                if r["source"] == "RUS"][0]
    # the helper's rows carry 10 articles each; the two repeats 5 and 7
    assert weighted["weight"] == pytest.approx(10 + 10 + 22)
    assert weighted["score_neg"] == pytest.approx(10.0 * 22)
    assert weighted["goldstein_sum"] == pytest.approx(1.9 * 10 + 8.0 * 10 - 10.0 * 22)
    assert weighted["events"] == 3  # counts stay counts


def test_plover_scores_come_from_the_codebook(small):
    from blocwatch.taxonomy import load_taxonomy

    tax = load_taxonomy()
    row = [r for r in table(small, score="plover") if (r["source"], r["target"]) == ("RUS", "PRK")][0]
    scores = [tax.plover_score(tax.cameo[c].plover, tax.cameo[c].plover_mode) or 0.0 for c in ("042", "057", "190")]
    assert row["score_pos"] == pytest.approx(sum(s for s in scores if s > 0))
    assert row["score_neg"] == pytest.approx(-sum(s for s in scores if s < 0))
    assert row["score_neg"] > 0 and row["score_pos"] > 0


def test_new_options_are_validated():
    with pytest.raises(ParameterError, match="score"):
        DyadQuery(score="tone")
    with pytest.raises(ParameterError, match="weight"):
        DyadQuery(weight="clicks")
    with pytest.raises(ParameterError, match="not a string"):
        DyadQuery(origins="gdelt2")
    with pytest.raises(ParameterError, match="origin name"):
        DyadQuery(origins=("gdelt2'; DROP TABLE events; --",))
    with pytest.raises(ParameterError, match="verbal"):
        DyadQuery(verbal=1.5)
    with pytest.raises(ParameterError, match="min_sources"):
        DyadQuery(min_sources=0)
    assert DyadQuery(origins=["text"]).origins == ("text",)


def test_noise_and_actor_filters(store, write):
    rows = [  # id, source type, target type, root, sources, code, quad, goldstein
        ("1", "GOV", "MIL", "1", "3", "042", "1", "1.9"),   # counts everywhere
        ("2", "", "", "0", "1", "057", "1", "8.0"),          # a whole state, not a lead paragraph, 1 source
        ("3", "CVL", "GOV", "1", "5", "190", "4", "-10.0"),  # citizens: not a state's act
        ("4", "BUS", "", "1", "2", "043", "1", "2.8"),       # a business
    ]
    text = "\n".join(
        gdelt_row(GLOBALEVENTID=i, SQLDATE="20240610", Actor1Code="RUS", Actor1CountryCode="RUS",
                  Actor2Code="PRK", Actor2CountryCode="PRK", Actor1Type1Code=a, Actor2Type1Code=b,
                  IsRootEvent=r, NumSources=n, EventCode=c, QuadClass=q, GoldsteinScale=g)
        for i, a, b, r, n, c, q, g in rows)
    ingest_files(store, [write("filters.CSV", text + "\n")], "gdelt")

    def sums(**kw):
        (r,) = table(store, **kw)
        return r["events"], r["score_pos"], r["score_neg"]

    assert sums() == (4, pytest.approx(12.7), 10.0)
    assert sums(states_only=True) == (2, pytest.approx(9.9), 0.0)
    assert sums(roots_only=True) == (3, pytest.approx(4.7), 10.0)
    assert sums(min_sources=3) == (2, pytest.approx(1.9), 10.0)
    assert sums(origins=("gdelt2",)) == (4, pytest.approx(12.7), 10.0)
    assert table(store, origins=("text",)) == []
    # talk counted for half: every event but the force (190) is verbal cooperation
    assert sums(verbal=0.5) == (4, pytest.approx(6.35), 10.0)
    (r,) = table(store)
    assert (r["score_pos_sq"], r["score_neg_sq"]) == (pytest.approx(1.9**2 + 8.0**2 + 2.8**2), 100.0)


AUDIT = REPO / "tests" / "data" / "gdelt_audit" / "labelled.csv"


@pytest.mark.slow
def test_noise_filters_measured_on_the_hand_audited_gdelt_sample(shared, tmp_path):
    """100 random interstate GDELT 2.0 events of ../shared, each labelled by hand (on topic or not):
    what each filter keeps of them, as docs/analysis.md reports it."""
    with open(AUDIT, encoding="utf-8") as fh:
        labels = {r["event_id"]: r for r in csv.DictReader(fh)}
    files = sorted({r["file"] for r in labels.values()})
    ids = ", ".join(f"'{i}'" for i in labels)
    with EventStore(tmp_path / "audit.duckdb") as store:
        ingest_files(store, [shared / "gdelt" / "v2" / f for f in files], "gdelt")
        stored = store.con.execute(
            f"SELECT origin_id, is_root, sources FROM events WHERE origin_id IN ({ids})").fetchall()
        assert sorted((i, int(root), n) for i, root, n in stored) == sorted(
            (i, int(r["is_root"]), int(r["num_sources"])) for i, r in labels.items())

        def kept(**kw) -> tuple[int, int, int]:
            where = " AND ".join(DyadQuery(factual_only=False, **kw).where())
            rows = store.con.execute(f"SELECT origin_id FROM events WHERE origin_id IN ({ids}) AND {where}").fetchall()
            on = [labels[i]["on_topic"] for (i,) in rows]
            return on.count("yes"), on.count("no"), on.count("unclear")

        # 89 of the 100 are between two states (11 name a region or an organisation)
        assert kept() == (27, 36, 26)
        assert kept(roots_only=True) == (15, 17, 15)  # half the events, the same share on topic
        assert kept(min_sources=2) == (2, 0, 1)  # 97% of GDELT events have one source
        assert kept(states_only=True) == (23, 35, 26)


def test_background_of_unknown_date_is_left_out_of_dyads(store, coder):
    """Text-coded background ("had expelled", "earlier accused") belongs to no period: dyads leave it
    out unless asked (a real store, the real coder; sentences of our own)."""
    from blocwatch.documents import Document
    from blocwatch.ingest.text import ingest_documents

    text = ("Turkey expelled three Greek diplomats on Tuesday. Turkey had expelled two Greek diplomats "
            "before the summit. Turkey earlier accused Greece of provocations.")
    ingest_documents(store, [Document("d1", text, dt.date(2024, 6, 20))], coder=coder)
    precisions = store.query("SELECT date_precision, count(*) AS n FROM events GROUP BY 1 ORDER BY 1").to_pylist()
    assert precisions == [{"date_precision": "day", "n": 1}, {"date_precision": "unknown", "n": 2}]
    assert [(r["source"], r["target"], r["events"]) for r in table(store, countries=("TUR", "GRC"))] == [
        ("TUR", "GRC", 1)]
    assert sorted((r["source"], r["target"], r["events"])
                  for r in table(store, countries=("TUR", "GRC"), dated_only=False)) == [("TUR", "GRC", 3)]
    assert [(r["source"], r["target"], r["events"])  # only them, to show them apart
            for r in table(store, countries=("TUR", "GRC"), undated_only=True)] == [("TUR", "GRC", 2)]


def test_filters_by_type_quad_class_and_an_exclusion_list(tmp_path):
    """On the hand-built events of tests.test_relations (PRK-RUS: 6 months of a visit and a rebuke,
    then 12 of a visit, arms and a treaty; RUS-UKR and UKR-RUS fight every month, PRK shells UKR):
    each filter keeps exactly the events it names."""
    from blocwatch.exclusions import read_exclusions
    from tests.helpers import warming_store

    db = warming_store(tmp_path)

    def counts(**kw):
        with EventStore(db, read_only=True) as store:
            rows = dyad_table(store.con, DyadQuery(window="year", directed=False, **kw)).to_pylist()
        out: dict[tuple[str, str], int] = {}
        for r in rows:
            out[(r["source"], r["target"])] = out.get((r["source"], r["target"]), 0) + r["events"]
        return out

    assert counts()[("PRK", "RUS")] == 6 * 2 + 12 * 3
    assert counts(quad_classes=(2, 4)) == {("PRK", "RUS"): 12, ("PRK", "UKR"): 18, ("RUS", "UKR"): 36}
    assert counts(roots=("19",)) == {("PRK", "UKR"): 18, ("RUS", "UKR"): 36}
    assert counts(roots=("4", "11"), countries=("PRK", "RUS")) == {("PRK", "RUS"): 18 + 6}  # "4" is "04"
    assert counts(plover=("ASSAULT",)) == {("PRK", "UKR"): 18, ("RUS", "UKR"): 36}  # 190: assault
    assert counts(plover=("aid", "SUPPORT")) == {("PRK", "RUS"): 12 + 12}  # arms; the treaty (057 is SUPPORT)
    with pytest.raises(ParameterError, match="PLOVER types are ACCUSE"):
        DyadQuery(plover=("FIGHT",))
    with EventStore(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute(
            "SELECT event_id FROM events WHERE source_country = 'PRK' AND target_country = 'RUS' "
            "ORDER BY event_id LIMIT 2").fetchall()]
    listed = tmp_path / "wrong.csv"
    listed.write_text("event_id,reason\n# judged by hand\n" + f"{ids[0]},commentary, not an act\n"
                      + f"{ids[1]},\"wrong state, it was Belarus\"\n" + "it's:quoted',no such event\n")
    judged = read_exclusions(listed)
    assert judged == {ids[0]: "commentary, not an act", ids[1]: "wrong state, it was Belarus",
                      "it's:quoted'": "no such event"}
    assert counts(exclude=tuple(judged))[("PRK", "RUS")] == 48 - 2
    for bad in (("21",), ("014",), (), ("x",)):  # "014" would match nothing: it is no root code
        with pytest.raises(ParameterError) as err:
            DyadQuery(roots=bad)
        assert err.value.param == "roots"
    assert DyadQuery(roots=(" 4", "19", "04")).roots == ("04", "19")
    with pytest.raises(ParameterError):
        DyadQuery(quad_classes=(5,))


def test_an_exclusion_file_that_cannot_be_read_says_where(tmp_path):
    from blocwatch.errors import InputError
    from blocwatch.exclusions import read_exclusions

    sheet = tmp_path / "sheet.csv"  # as a spreadsheet saves it: a BOM, quoted fields, CRLF
    sheet.write_bytes(b'\xef\xbb\xbfevent_id,reason\r\n"gdelt2:1","wrong state, it was Belarus"\r\n')
    assert read_exclusions(sheet) == {"gdelt2:1": "wrong state, it was Belarus"}
    bad = tmp_path / "x.csv"
    bad.write_text("id,why\nabc,1\n")
    with pytest.raises(InputError) as err:
        read_exclusions(bad)
    assert str(err.value) == f"{bad}:1: the first line should be the header event_id,reason"
    bad.write_text("event_id,reason\n,no id\n")
    with pytest.raises(InputError) as err:
        read_exclusions(bad)
    assert str(err.value) == f"{bad}:2: no event id before the comma"
    with pytest.raises(InputError, match="no such file"):
        read_exclusions(tmp_path / "missing.csv")
