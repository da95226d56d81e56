"""Rebuild the data files under ``src/blocwatch/data/`` from their sources.

The sources live in ``../shared/data`` (see its README for provenance and licences). This
script is the only place that reads them to produce shipped data; the package itself
never reads ``../shared``. Run it from the repository root::

    .venv/bin/python tools/build_data.py [--shared ../shared/data]

It needs ``pycountry`` (a dev dependency) to check ISO 3166 codes, and prints every
decision it had to make about inconsistent sources so that a reviewer can audit them.
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "blocwatch" / "data"

# CAMEO country codes that are not ISO 3166 alpha-3 codes.
CAMEO_TO_ISO3 = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN"}
# States GDELT codes that CAMEO.country.txt (2012) lacks.
EXTRA_STATES = {"SSD": "South Sudan", "KSV": "Kosovo"}
# Kosovo has no ISO code; XKX is the user-assigned code used by the EU and the World Bank.
NON_ISO = {"KSV": "XKX", "ANT": "ANT"}
# Names that the event datasets use and that neither pycountry nor the CAMEO labels give.
EXTRA_ALIASES = {
    "PSE": ["occupied palestinian territory", "palestine", "palestinian territories"],
    "MKD": ["the former yugoslav republic of macedonia", "macedonia"],
    "COD": ["democratic republic of congo", "dr congo", "congo-kinshasa"],
    "COG": ["republic of congo", "congo", "congo-brazzaville"],
    "CIV": ["cote d'ivoire", "ivory coast"],
    "SWZ": ["swaziland"],
    "TLS": ["east timor", "timor-leste"],
    "RUS": ["russia"],
    "PRK": ["north korea", "dprk"],
    "KOR": ["south korea", "republic of korea"],
    "MDA": ["moldova, republic of"],
    "VAT": ["holy see", "vatican"],
    "TUR": ["turkey"],
    "CZE": ["czech republic"],
    "GBR": ["britain", "great britain", "uk"],
    "USA": ["united states of america", "us", "usa"],
    "SYR": ["syria"],
    "IRN": ["iran"],
    "LAO": ["laos"],
    "VNM": ["vietnam"],
    "TZA": ["tanzania"],
    "BOL": ["bolivia"],
    "VEN": ["venezuela"],
    "TWN": ["taiwan"],
    "BRN": ["brunei"],
    "CPV": ["cape verde"],
    "MMR": ["burma"],
    "FSM": ["micronesia"],
    "XKX": ["kosovo"],
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def clean_text(s: str) -> str:
    """Repair the mis-decoded apostrophes in the merged CAMEO table and squeeze spaces."""
    s = re.sub("\ufffd+", "'", s)
    return re.sub(r"\s+", " ", s).strip()


def build_cameo(shared: Path) -> dict[str, dict[str, str]]:
    src = shared / "codebooks" / "cameo" / "cameo_eventcodes_goldstein.csv"
    text = src.read_bytes().decode("utf-8", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        code = r["cameo_code"].strip()
        out[code] = {
            "code": code,
            "root": r["root_code"].strip(),
            "level": r["level"].strip(),
            "name": clean_text(r["name"]),
            "goldstein": r["goldstein_gdelt"].strip(),
            "goldstein_icews": r["goldstein_icews"].strip(),
            "quad_class": r["quad_class"].strip(),
            "description": clean_text(r["description"]),
            "scores_of": "",
        }
    for code, row in out.items():
        if not row["goldstein"]:
            log(f"cameo: {code} has no GDELT Goldstein score; using ICEWS's {row['goldstein_icews']}")
            row["goldstein"] = row["goldstein_icews"]
    # cross-check against GDELT's own lookup files
    gold = {}
    for line in read_lines(shared / "codebooks" / "cameo" / "GDELT_CAMEO.goldsteinscale.txt")[1:]:
        code, score = line.split("\t")
        gold[code.strip()] = float(score)
    for code, score in gold.items():
        if code not in out:
            log(f"cameo: {code} in GDELT goldstein file but not in merged table")
        elif float(out[code]["goldstein"]) != score:
            log(f"cameo: {code} goldstein {out[code]['goldstein']} != GDELT {score}")
    # Codes the CAMEO 1.1b3 manual defines but GDELT's table leaves out (cyber forces and attacks,
    # drone and precision strikes): PETRARCH 2's dictionary codes some of them, and an event with no
    # score drops out of every sum. They take their parent's Goldstein score and quad class (the
    # Goldstein scale predates them); a code whose parent is not in the table is a misprint (the
    # manual's "1883" repeats 183) and is left out. Their descriptions are left empty: chapter 2's
    # tables for them are malformed (a name where the code should be, a description as the name).
    manual = shared / "codebooks" / "cameo" / "CAMEO_manual_1.1b3_chapter_6_cameo_event_codes.md"
    for line in read_lines(manual):
        m = re.match(r"^(\d{3,4}): (.+)$", line.strip())
        if not m or m.group(1) in out:
            continue
        code, name = m.group(1), clean_text(m.group(2))
        parent = out.get(code[:-1] if len(code) == 4 else code[:2])
        if parent is None:
            log(f"cameo: {code} ({name}) in the manual has no parent in the table; left out")
            continue
        out[code] = {**parent, "code": code, "level": str(int(parent["level"]) + 1), "name": name, "description": "",
                     "scores_of": parent["code"]}
        log(f"cameo: {code} ({name}) from the manual, with the score of {parent['code']} ({parent['goldstein']})")
    out = dict(sorted(out.items()))
    log(f"cameo: {len(out)} codes")
    return out


def parse_cameo2plover(shared: Path, cameo: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    src = shared / "codebooks" / "plover" / "CAMEO2PLOVER-2021.txt"
    mapped: dict[str, dict[str, str]] = {}
    for line in read_lines(src):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("~"):
            continue
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        parts = [p.strip() for p in rest.split(",")]
        if len(parts) == 1:  # a root heading such as "03: AGREE"
            continue
        event, mode, context = (parts + ["", ""])[:3]
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        if code in mapped and mapped[code]["event"] != event:
            log(f"plover: {code} mapped twice ({mapped[code]['event']}, {event}); keeping the first")
            continue
        mapped[code] = {"cameo": code, "event": event, "mode": mode, "context": context,
                        "source": "CAMEO2PLOVER-2021"}
    # blocwatch additions: the codes the CAMEO manual adds to GDELT's table (build_cameo) have PLOVER
    # modes of their own (PLOVER 0.8's codebook: cyber attacks, drones, air strikes, explosives).
    for code, event, mode in (("176", "COERCE", "cyber"), ("1834", "ASSAULT", "explosives"),
                              ("1951", "ASSAULT", "aerial"), ("1952", "ASSAULT", "drone")):
        if code in cameo and code not in mapped:
            mapped[code] = {"cameo": code, "event": event, "mode": mode, "context": "",
                            "source": "blocwatch: a CAMEO manual code with PLOVER 0.8's mode for it"}
    # blocwatch additions: appeals (02x) are weak requests; PLOVER 0.8 has REQUEST.
    for code in cameo:
        if code.startswith("02") and len(code) >= 3 and code not in mapped:
            mapped[code] = {"cameo": code, "event": "REQUEST", "mode": "", "context": "",
                            "source": "blocwatch: CAMEO 02 (appeal) as PLOVER REQUEST"}
    unknown = sorted(set(mapped) - set(cameo))
    if unknown:
        log(f"plover: dropping codes that CAMEO 1.1b3 does not define: {unknown}")
        for code in unknown:
            del mapped[code]
    missing = sorted(c for c in cameo if len(c) >= 3 and c not in mapped and not c.startswith("01"))
    log(f"plover: {len(mapped)} mapped; unmapped non-01 leaf codes fall back to their parent: {missing}")
    return [mapped[c] for c in sorted(mapped)]


def country_info(shared: Path) -> list[dict[str, str]]:
    text = (shared / "dictionaries" / "CountryInfo.120116.txt").read_text(encoding="utf-8")
    text = text[text.index("-->"):]
    out = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        def tag(t: str, block: str = block) -> str:
            m = re.search(rf"<{t}>(.*?)</{t}>", block, re.S)
            return m.group(1).split("#", 1)[0].strip() if m else ""
        out.append({"code": tag("CountryCode"), "name": tag("CountryName"),
                    "iso3": tag("ISO3166-alpha3"), "fips": tag("FIPS-10"),
                    "cow": tag("COW-Numeric")})
    return out


def gdelt_fips_names(shared: Path) -> dict[str, str]:
    """FIPS country code -> most frequent country name in GDELT 2.0 ActionGeo_FullName."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted((shared / "gdelt" / "v2").glob("*.CSV")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            f = line.split("\t")
            if len(f) != 61:
                continue
            for name_i, cc_i in ((36, 37), (44, 45), (52, 53)):
                name, cc = f[name_i], f[cc_i]
                if cc and name:
                    counts[cc][name.rsplit(",", 1)[-1].strip()] += 1
    return {cc: c.most_common(1)[0][0] for cc, c in counts.items()}


def iso_lookup(name: str) -> str | None:
    """Exact lookup by ISO name, official name, common name or one of EXTRA_ALIASES."""
    for iso3, names in EXTRA_ALIASES.items():
        if name.lower() in names:
            return iso3
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def build_countries(shared: Path) -> list[dict[str, str]]:
    cameo_rows = [line.split("\t") for line in read_lines(shared / "codebooks" / "cameo" / "CAMEO.country.txt")[1:]]
    states = {}
    for code, label in cameo_rows:
        iso3 = CAMEO_TO_ISO3.get(code, code)
        if not pycountry.countries.get(alpha_3=iso3) and code not in NON_ISO:
            continue  # regions such as AFR, WST and sub-national codes such as WSB
        states[code] = {"cameo": code, "iso3": NON_ISO.get(code, iso3), "name": label}
    for code, label in EXTRA_STATES.items():
        states[code] = {"cameo": code, "iso3": NON_ISO.get(code, code), "name": label}

    info = country_info(shared)
    by_iso: dict[str, dict[str, str]] = {}
    for r in info:
        code = r["code"]
        # CountryInfo's ISO column is shifted for a few rows (GTM, GIN, ISR, JPN, MMR);
        # its CountryCode is the reliable key when it is a valid ISO code.
        key = code if pycountry.countries.get(alpha_3=code) else r["iso3"]
        if code == "KSV":
            key = "XKX"
        if key and key not in by_iso:
            by_iso[key] = r

    fips_names = gdelt_fips_names(shared)
    fips_to_iso = {}
    for fips, name in fips_names.items():
        iso = iso_lookup(name)
        if iso:
            fips_to_iso[fips] = iso
    iso_to_fips_data = {}
    for fips, iso in fips_to_iso.items():
        iso_to_fips_data.setdefault(iso, fips)

    cow_names = {}
    cow_by_iso: dict[str, str] = {}
    with open(shared / "networks" / "cow_states.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            ccode = str(int(float(r["ccode"])))
            cow_names[ccode] = (r["stateabb"], r["statenme"])
            iso = iso_lookup(r["statenme"])
            if iso:  # later rows of the same state overwrite earlier spells
                cow_by_iso[iso] = ccode

    rows = []
    for code, st in sorted(states.items(), key=lambda kv: kv[1]["iso3"]):
        iso3 = st["iso3"]
        ci = by_iso.get(iso3, {})
        fips = ci.get("fips", "")
        if not re.fullmatch(r"[A-Z]{2}", fips or ""):
            fips = ""
        data_fips = iso_to_fips_data.get(iso3, "")
        if data_fips and fips and data_fips != fips:
            log(f"countries: {iso3} FIPS CountryInfo={fips} GDELT data={data_fips}; using the data")
            fips = data_fips
        fips = fips or data_fips
        cow = (ci.get("cow") or "").lstrip("0")
        if not cow.isdigit():
            cow = ""
        if iso3 in cow_by_iso and cow != cow_by_iso[iso3]:
            if cow:
                log(f"countries: {iso3} COW CountryInfo={cow} cow_states.csv={cow_by_iso[iso3]}; using cow_states")
            cow = cow_by_iso[iso3]
        if cow and cow not in cow_names:
            log(f"countries: {iso3} COW {cow} not in cow_states.csv; dropped")
            cow = ""
        pc = pycountry.countries.get(alpha_3=iso3)
        aliases = {st["name"].lower()}
        if ci.get("name"):
            aliases.add(ci["name"].replace("_", " ").strip().lower())
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v:
                    aliases.add(v.lower())
        aliases.update(EXTRA_ALIASES.get(iso3, []))
        name = getattr(pc, "common_name", None) or (pc.name if pc else st["name"])
        rows.append({"iso3": iso3, "cameo": code, "name": name, "fips": fips, "cow": cow,
                     "aliases": "|".join(sorted(a for a in aliases if a))})
    # every FIPS and COW code must be unique
    for key in ("fips", "cow"):
        seen: dict[str, str] = {}
        for r in rows:
            if r[key] and r[key] in seen:
                log(f"countries: {key} {r[key]} used by {seen[r[key]]} and {r['iso3']}; blanking the second")
                r[key] = ""
            elif r[key]:
                seen[r[key]] = r["iso3"]
    for r in rows:
        if r["cow"]:
            _, nm = cow_names[r["cow"]]
            if iso_lookup(nm) not in (r["iso3"], None):
                log(f"countries: {r['iso3']} COW {r['cow']} is {nm} in cow_states.csv; dropped")
                r["cow"] = ""
    log(f"countries: {len(rows)} states, {sum(1 for r in rows if r['fips'])} with FIPS, "
        f"{sum(1 for r in rows if r['cow'])} with COW codes")
    return rows


def build_icews_names(shared: Path) -> list[dict[str, str]]:
    """CAMEO event names as ICEWS writes them (its ``event_text``), with the code ICEWS gives each."""
    path = shared / "codebooks" / "cameo" / "icews_R_cameo-codes.csv"
    with open(path, encoding="latin-1", newline="") as fh:  # the R package's file is Latin-1
        rows = [{"name": clean_text(r["name"]), "code": r["code"]} for r in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: (r["code"], r["name"]))


def write_csv(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    log(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    shared = args.shared
    cameo = build_cameo(shared)
    write_csv(OUT / "cameo_event_codes.csv", list(cameo.values()),
              ["code", "root", "level", "name", "goldstein", "goldstein_icews", "quad_class", "description",
               "scores_of"])
    write_csv(OUT / "cameo_plover.csv", parse_cameo2plover(shared, cameo),
              ["cameo", "event", "mode", "context", "source"])
    with open(shared / "codebooks" / "plover" / "PLOVER_scores_v0.8.csv", encoding="utf-8") as fh:
        scores = list(csv.DictReader(fh))
    write_csv(OUT / "plover_scores.csv", scores, ["event", "mode", "plover_score"])
    write_csv(OUT / "countries.csv", build_countries(shared), ["iso3", "cameo", "name", "fips", "cow", "aliases"])
    write_csv(OUT / "cameo_names_icews.csv", build_icews_names(shared), ["name", "code"])


if __name__ == "__main__":
    main()
