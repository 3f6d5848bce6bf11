"""An attacker who reads everything the site publishes tries to recompute the suppressed counts.

The city is small on purpose: six quarters, denominators of 120–164 (city sums of 825–879, so a
city share printed to one decimal still pins the city total to ±0.44), three planted counts of 1, 2
and 4, and two editions with different rules (2019: counts below 3 are secret, 2020: below 5). The
count of 4 is therefore secret under the 2020 rule only, in a year (2017) that both editions show.
Each edition withholds one index part only: 2019 the dynamics (the 4 is the start of its window
2017–2019), 2020 the status (the 2 is a status share of 2020); the other part is published in full.

The same city is built twice with the real build: protected, and with disclosure control switched
off (minimum count and denominator 1). Every route reads only published files and pages — each file
format of each edition, the ZIPs, the quarter CSVs, the pages, the standalone and inline figures, the
embed pages and the search index — and works as an attacker would, from the published numbers alone:

- the count itself, wherever a table prints it;
- share × denominator;
- city total minus the other quarters;
- the quarter's index sum minus its other z-values (z → share through the mean and SD that the other
  quarters' published shares and z-values give away);
- the z-values of one indicator sum to zero over the valid quarters;
- the index back to the sum (the scale from any other quarter's sum and index; the own index, or
  minus the others' indices, or a threshold ± the published distance).

Positive control: on the unprotected build every route recovers the exact count of every cell its
source shows (``REACH``); a route that finds nothing there is a broken route and fails. On the
protected build no route comes within ±0.5 of any suppressed count.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from generator.build import build

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
QUARTERS = ("innenstadt", "marienviertel-west", "marienviertel-ost", "styrum", "bruecktorviertel", "bermensfeld")
YEARS = (2017, 2018, 2019, 2020)
BASE = {"sgb2": (30.0, 24.0, 20.0, 14.0, 26.0, 12.0), "kinderarmut": (40.0, 33.0, 28.0, 18.0, 36.0, 22.0),
        "wohngeld": (9.0, 8.0, 7.0, 6.0, 8.0, 5.5)}  # shares in percent; wohngeld is a context indicator
DRIFT = (1.0, -0.5, 0.3, -1.2, 0.8, -0.2)  # percentage points a year, so the dynamics differ
# edition → (dynamics from, minimum count); status year = edition, status sgb2 + kinderarmut, dynamics sgb2
EDITIONS = {2019: (2017, 3), 2020: (2018, 5)}
STATUS, DYNAMICS = ("sgb2", "kinderarmut"), ("sgb2",)
KINDER_2020 = ("bermensfeld", "kinderarmut", 2020)  # 2: secret in 2020; withholds the 2020 status part
SGB2_2017 = ("styrum", "sgb2", 2017)  # 4: secret only under 2020's rule; withholds the 2019 dynamics part
WOHNGELD_2019 = ("innenstadt", "wohngeld", 2019)  # 1: a context indicator, secret in both editions
SECRET = {KINDER_2020: 2, SGB2_2017: 4, WOHNGELD_2019: 1}
LATEST = max(EDITIONS)
pytestmark = pytest.mark.xdist_group("attacker")  # one process builds the two sites once


def inputs() -> dict[tuple[str, str, int], tuple[int, int]]:
    """(quarter, indicator, year) → (count, denominator); every count but the planted ones is ≥ 8."""
    out = {}
    for i, q in enumerate(QUARTERS):
        for j, (k, base) in enumerate(BASE.items()):
            for y in YEARS:
                den = 120 + 7 * i + 3 * j + (y - 2017)
                share = base[i] + DRIFT[i] * (y - 2017) * (0.2 if k == "wohngeld" else 1)
                out[(q, k, y)] = (SECRET.get((q, k, y), round(share * den / 100)), den)
    return out


def make_city(root: Path, protected: bool) -> Path:
    city = root / "stadt"
    city.mkdir(parents=True)
    for name in ("stadt.yaml", "indikatoren.csv", "quartiere.csv", "quartiere.geojson", "stadtgrenze.geojson"):
        shutil.copy(MINIMAL / name, city / name)
    (city / "werte.csv").write_text("quartier_id,indikator_id,jahr,zaehler,nenner\n" + "".join(
        f"{q},{k},{y},{c},{d}\n" for (q, k, y), (c, d) in inputs().items()), encoding="utf-8")
    (city / "einwohner.csv").write_text("quartier_id,jahr,einwohner\n" + "".join(
        f"{q},{y},{700 + 10 * i + y - 2017}\n" for i, q in enumerate(QUARTERS) for y in YEARS), encoding="utf-8")
    (city / "editionen").mkdir()
    for year, (start, minimum) in EDITIONS.items():
        count, den = (minimum, 100) if protected else (1, 1)  # unprotected: nothing is below 1
        (city / "editionen" / f"{year}.yaml").write_text(
            f"edition: {year}\ntitel: Testbericht {year}\nveroeffentlicht: {year + 1}\nstichtag: \"{year}-12-31\"\n"
            f"dynamik_von: {start}\ndynamik_bis: {year}\nstatus_indikatoren: [{', '.join(STATUS)}]\n"
            f"dynamik_indikatoren: [{', '.join(DYNAMICS)}]\nmindest_einwohner: 300\ndatenstand: Demonstrationsdaten\n"
            f"geheimhaltung:\n  mindestfallzahl: {count}\n  mindestnenner: {den}\n", encoding="utf-8")
    return city


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, protected in (("geschützt", True), ("ungeschützt", False)):
        root = tmp_path_factory.mktemp(f"attacker-{'on' if protected else 'off'}")
        make_city(root, protected)
        build("stadt", root / "site", data_dir=root, docs_dir=None)
        out[name] = root / "site"
    return out


# --- what the attacker knows: facts read from one source ----------------------------------------

@dataclass
class Facts:
    count: dict = field(default_factory=dict)  # (q, k, year) → published count
    den: dict = field(default_factory=dict)  # (q, k, year) → denominator
    share: dict = field(default_factory=dict)  # (q, k, year) → share in percent
    city: dict = field(default_factory=dict)  # (k, year) → city share in percent
    z: dict = field(default_factory=dict)  # (edition, q, "anteil_k" | "veraenderung_k") → z-value
    sums: dict = field(default_factory=dict)  # (edition, q, "status" | "dynamik") → sum of z-values
    index: dict = field(default_factory=dict)  # (edition, q, part) → index value
    distance: dict = field(default_factory=dict)  # (edition, q, part) → distance to the nearest threshold
    valid: dict = field(default_factory=dict)  # (edition, q) → has classes

    KINDS = ("count", "den", "share", "city", "z", "sums", "index", "distance", "valid")

    def add(self, kind: str, key, value) -> None:
        if value is not None:
            getattr(self, kind).setdefault(key, value)

    def over(self, other: "Facts") -> "Facts":
        """These facts, completed by ``other`` (where both know a number, this one's wins)."""
        return Facts(**{k: {**getattr(other, k), **getattr(self, k)} for k in self.KINDS})

    def size(self) -> int:
        return sum(len(getattr(self, k)) for k in self.KINDS)


def number(text) -> float | None:
    """A published number in any of the site's spellings ("1.5", "1,5", "−1,5", "+0,1"), else None."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    t = str(text).strip().replace("\u2212", "-").replace("\u00a0", "").replace(" %", "").rstrip("%")
    if re.fullmatch(r"[+-]?\d+(,\d+)?", t):
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


# --- tabular files: CSV, CSV für Excel, XLSX, the same inside the ZIP, the quarter CSVs ------------

SHEETS = {"Indikatorwerte": "indikatorwerte", "Daten": "indizes", "Zeitreihe": "zeitreihe",
          "Klassenwechsel": "klassenwechsel", "Quartiere": "quartiere"}


def csv_rows(blob: bytes) -> list[dict[str, str]]:
    text = blob.decode("utf-8-sig")
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=dialect))


def xlsx_tables(blob: bytes) -> dict[str, list[dict]]:
    wb = openpyxl.load_workbook(io.BytesIO(blob), read_only=True)
    out = {}
    for sheet, table in SHEETS.items():
        if sheet in wb.sheetnames:
            rows = list(wb[sheet].iter_rows(values_only=True))
            out[table] = [dict(zip(rows[0], r)) for r in rows[1:]]
    return out


def table_facts(tables: dict[str, list[dict]], edition: int) -> Facts:
    """What the package tables of ``edition`` say (table name → rows of raw cells)."""
    f = Facts()
    for r in tables.get("indikatorwerte", []):
        key = (r["quartier_id"], r["indikator_id"], int(number(r["jahr"])))
        for kind, col in (("count", "zaehler"), ("den", "nenner"), ("share", "anteil")):
            f.add(kind, key, number(r[col]))
    for r in tables.get("indizes", []):
        q = r["quartier_id"]
        f.add("valid", (edition, q), str(r["gueltig"]).lower() in ("true", "wahr"))
        for col, v in r.items():
            if col.startswith("z_"):
                f.add("z", (edition, q, col[2:]), number(v))
        for part in ("status", "dynamik"):
            f.add("sums", (edition, q, part), number(r[f"{part}summe"]))
            f.add("index", (edition, q, part), number(r[f"{part}index"]))
            f.add("distance", (edition, q, part), number(r[f"{part}_abstand"]))
    for r in tables.get("zeitreihe", []):  # every edition's index values, in the latest package
        for part in ("status", "dynamik"):
            f.add("index", (int(number(r["edition"])), r["quartier_id"], part), number(r[f"{part}index"]))
    for r in tables.get("klassenwechsel", []):
        for part in ("status", "dynamik"):
            f.add("index", (int(number(r["edition"])), r["quartier_id"], part), number(r[f"{part}index"]))
            f.add("index", (int(number(r["vorige_edition"])), r["quartier_id"], part),
                  number(r[f"{part}index_vorher"]))
    return f


def package_sources(site: Path, edition: int) -> dict[str, Facts]:
    pkg = site / "daten" / str(edition)
    names = ("indikatorwerte", "indizes", "zeitreihe", "klassenwechsel", "quartiere")
    canonical = {n: csv_rows((pkg / f"{n}.csv").read_bytes()) for n in names if (pkg / f"{n}.csv").exists()}
    excel = {n: csv_rows((pkg / "excel" / f"{n}.csv").read_bytes()) for n in names
             if (pkg / "excel" / f"{n}.csv").exists()}
    [xlsx] = pkg.glob("*.xlsx")
    [archive] = pkg.glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        inside = {Path(n).relative_to(Path(n).parts[0]).as_posix(): z.read(n) for n in z.namelist()}
    zipped_xlsx = next(blob for rel, blob in inside.items() if rel.endswith(".xlsx"))
    per_quarter = [r for p in sorted((pkg / "quartiere").glob("*.csv")) for r in csv_rows(p.read_bytes())]
    return {
        f"CSV {edition}": table_facts(canonical, edition),
        f"CSV für Excel {edition}": table_facts(excel, edition),
        f"XLSX {edition}": table_facts(xlsx_tables(xlsx.read_bytes()), edition),
        f"ZIP {edition}: CSV": table_facts({n: csv_rows(inside[f"{n}.csv"]) for n in canonical}, edition),
        f"ZIP {edition}: CSV für Excel": table_facts({n: csv_rows(inside[f"excel/{n}.csv"]) for n in excel}, edition),
        f"ZIP {edition}: XLSX": table_facts(xlsx_tables(zipped_xlsx), edition),
        f"Quartiers-CSV {edition}": table_facts({"indikatorwerte": per_quarter}, edition),
    }


# --- pages, figures, embed pages, search index ----------------------------------------------------

class Tables(HTMLParser):
    """Every <table> of a page as (caption, rows of (is_header, text) cells)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._caption, self._depth = [], None, None, None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
            self._depth += 1
        elif self._depth and tag == "caption":
            self._caption = ""
        elif self._depth and tag == "tr":
            self._row = []
        elif self._depth and tag in ("td", "th") and self._row is not None:
            self._cell = [tag == "th", ""]

    def handle_endtag(self, tag):
        if tag == "table":
            self._depth -= 1
        elif tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"], self._caption = self._caption.strip(), None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append((self._cell[0], " ".join(self._cell[1].split())))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data
        elif self._caption is not None:
            self._caption += data


class Context:
    """What the attacker knows about the city from any page: names of quarters and indicators."""

    def __init__(self, site: Path):
        rows = csv_rows((site / "daten" / str(LATEST) / "quartiere.csv").read_bytes())
        self.quarters = {r["name"]: r["quartier_id"] for r in rows}
        ind = csv_rows((site / "daten" / str(LATEST) / "indikatoren.csv").read_bytes())
        names = [(r["titel"], r["indikator_id"]) for r in ind] + [(r["kurzname"], r["indikator_id"]) for r in ind]
        self.indicators = sorted(names, key=lambda t: -len(t[0]))  # longest name first

    def quarter(self, text: str) -> str | None:
        return self.quarters.get(re.sub(r"\s*\(.*\)$", "", text.strip()))

    def indicator(self, text: str) -> str | None:
        return next((k for name, k in self.indicators if name in text), None)


def page_of(rel: str) -> tuple[int, str | None, str | None]:
    """(edition, quarter, indicator) of a page or figure from its address."""
    parts = rel.split("/")
    edition = int(parts[1]) if parts[0] in ("berichte", "grafiken", "einbetten") and parts[1].isdigit() else LATEST
    quarter = indicator = None
    if "quartiere" in parts[:-1] and parts.index("quartiere") + 1 < len(parts) - 1:
        quarter = parts[parts.index("quartiere") + 1]
    if "verlauf" in parts and parts.index("verlauf") + 2 < len(parts):  # verlauf/<quarter>/<indicator>
        quarter, indicator = parts[parts.index("verlauf") + 1], parts[parts.index("verlauf") + 2].removesuffix(".svg")
    for i, p in enumerate(parts[:-1]):
        if p in ("indikatoren", "indikator") and i + 1 < len(parts):
            name = parts[i + 1].removesuffix(".svg").removesuffix("-verlauf")
            indicator = name if name in BASE else indicator
    return edition, quarter, indicator


def html_table_facts(html: str, rel: str, ctx: Context, f: Facts) -> None:
    edition, page_quarter, page_indicator = page_of(rel)
    parser = Tables()
    parser.feed(html)
    for t in parser.tables:
        if not t["rows"]:
            continue
        k_table = ctx.indicator(t["caption"]) or page_indicator
        head = [text for _, text in t["rows"][0]]
        body = t["rows"][1:]
        year_columns = {i: int(h) for i, h in enumerate(head) if re.fullmatch(r"\d{4}", h)}
        if head and head[0] == "Jahr" and not year_columns:  # years down, one column per series
            for row in body:
                if not re.fullmatch(r"\d{4}", row[0][1]) or k_table is None:
                    continue
                y = int(row[0][1])
                for i, (_, text) in enumerate(row[1:], start=1):
                    if i < len(head):
                        series(f, head[i], k_table, y, number(text), ctx, "Stadt" in t["caption"])
        elif year_columns:  # years across, one row per series
            for row in body:
                for i, y in year_columns.items():
                    if i < len(row) and k_table is not None:
                        series(f, row[0][1], k_table, y, number(row[i][1]), ctx, "Stadt" in t["caption"])
        else:  # one row per quarter (a ranking) or per indicator (a quarter's overview)
            for row in body:
                texts = [text for _, text in row]
                at = next((i for i, x in enumerate(texts) if ctx.quarter(x)), None)
                k = ctx.indicator(texts[0]) if row[0][0] else None
                if at is not None and k_table and not k:  # the first number after the quarter's name
                    value = next((number(x) for x in texts[at + 1:] if number(x) is not None), None)
                    f.add("share", (ctx.quarter(texts[at]), k_table, edition), value)
                elif k and page_quarter:
                    for i, text in enumerate(texts[1:], start=1):
                        if i < len(head) and ctx.quarter(head[i]) == page_quarter:
                            f.add("share", (page_quarter, k, edition), number(text))
                        elif i < len(head) and ("Stadt" in head[i] or head[i] == "Vergleich"):
                            f.add("city", (k, edition), number(text))


def series(f: Facts, label: str, k: str, year: int, value, ctx: Context, city_table: bool) -> None:
    if "Stadt" in label or (city_table and ctx.quarter(label) is None):
        f.add("city", (k, year), value)
    elif ctx.quarter(label):
        f.add("share", (ctx.quarter(label), k, year), value)


INDEX_SENTENCE = re.compile(r"(Status|Dynamik)index beträgt ([−-]?\d+,\d+)")


def sentence_facts(text: str, rel: str, f: Facts) -> None:
    edition, quarter, _ = page_of(rel)
    if quarter:
        for part, value in INDEX_SENTENCE.findall(text):
            f.add("index", (edition, quarter, part.lower()), number(value))


def svg_facts(svg: str, rel: str, ctx: Context, f: Facts, quarter: str | None = None,
              indicator: str | None = None) -> None:
    """A figure: trend lines (read back through the axes), map tooltips and the described last value."""
    edition, q_path, k_path = page_of(rel)
    quarter, label = quarter or q_path, re.search(r'aria-label="([^"]*)"', svg)
    k = indicator or k_path or (ctx.indicator(label.group(1)) if label else None)
    if k is None:
        return
    ticks = [(float(y), number(v)) for y, v in re.findall(
        r'<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1"[^>]*/>\s*<text[^>]*>([^<]+)</text>', svg)
        if number(v) is not None]
    years = [(float(x), int(y)) for x, y in re.findall(r'<text x="([\d.]+)"[^>]*>(\d{4})</text>', svg)]
    lines = re.findall(r'<polyline points="([^"]+)"([^>]*)/>', svg)
    if len(ticks) >= 2 and len(years) >= 2 and lines:
        slope, icpt = np.polyfit([t[0] for t in ticks], [t[1] for t in ticks], 1)
        (x0, y0), (x1, y1) = years[0], years[-1]
        for points, attrs in lines:
            city = "stroke-dasharray" in attrs or quarter is None
            for point in points.split():
                px, py = map(float, point.split(","))
                year = y0 + (px - x0) / (x1 - x0) * (y1 - y0)
                if abs(year - round(year)) < 0.05:
                    key = (k, round(year)) if city else (quarter, k, round(year))
                    f.add("city" if city else "share", key, slope * py + icpt)
    for name, value in re.findall(r"<title>([^<:]+): ([−-]?\d+,\d) %</title>", svg):  # map tooltips
        if ctx.quarter(name):
            f.add("share", (ctx.quarter(name), k, edition), number(value))
    described(svg, quarter, k, f)


def described(text: str, quarter: str | None, k: str | None, f: Facts) -> None:
    """ "…; 2019: 11,9 %." in a figure's description or an embed page's alternative text."""
    if quarter and k:
        for y, value in re.findall(r"(\d{4}): ([−-]?\d+,\d) %", text):
            f.add("share", (quarter, k, int(y)), number(value))


def page_sources(site: Path) -> dict[str, Facts]:
    ctx = Context(site)
    out = {f"{kind} {e}": Facts() for kind in ("Seiten", "Inline-SVG", "Grafiken", "Einbettseiten") for e in EDITIONS}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        edition, quarter, indicator = page_of(rel)
        if rel.startswith("einbetten/"):
            for alt in re.findall(r'<img[^>]*alt="([^"]*)"', html):
                described(alt, quarter, indicator, out[f"Einbettseiten {edition}"])
            continue
        f = out[f"Seiten {edition}"]
        html_table_facts(html, rel, ctx, f)
        sentence_facts(re.sub(r"<[^>]+>", "", html), rel, f)
        for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
            svg_facts(svg, rel, ctx, out[f"Inline-SVG {edition}"])
    for path in sorted((site / "grafiken").rglob("*.svg")):
        rel = path.relative_to(site).as_posix()
        svg_facts(path.read_text(encoding="utf-8"), rel, ctx, out[f"Grafiken {page_of(rel)[0]}"])
    out["Suchindex"] = search_facts(site, ctx)
    return out


def search_facts(site: Path, ctx: Context) -> Facts:
    """The search index: every page's text, tables flattened without separators."""
    f = Facts()
    value = r"[−-]?\d+,\d|[.–]"
    for doc in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]:
        text, rel = re.sub(r"<[^>]+>", " ", doc["text"]), doc["location"].split("#")[0] + "index.html"
        edition, quarter, indicator = page_of(rel)
        k = ctx.indicator(doc["title"]) or indicator
        sentence_facts(text, rel, f)
        if quarter and k:  # "11,4 % in Bermensfeld, 20,8 % in der Stadt"
            name = next(n for n, q in ctx.quarters.items() if q == quarter)
            for v in re.findall(rf"([−-]?\d+,\d) % in {re.escape(name)}\b", text):
                f.add("share", (quarter, k, edition), number(v))
            for v in re.findall(r"([−-]?\d+,\d) % in der Stadt", text):
                f.add("city", (k, edition), number(v))
        trend = re.search(r"Jahr((?:\d{4})+) Wert \(%\)((?:" + value + ")+)", text)
        if trend and k:  # a city trend table: years across, one value each
            years, values = re.findall(r"\d{4}", trend.group(1)), re.findall(value, trend.group(2))
            if len(years) == len(values):
                for y, v in zip(years, values):
                    f.add("city", (k, int(y)), number(v))
        names = "|".join(re.escape(n) for n in ctx.quarters)
        for name, v in re.findall(rf"\d+({names})({value})", text) if k and not quarter else []:
            f.add("share", (ctx.quarters[name], k, edition), number(v))
    return f


# --- the routes -------------------------------------------------------------------------------

def part_of(edition: int, k: str, year: int) -> list[tuple[str, str, list[str]]]:
    """The index parts of ``edition`` the cell enters: (part, its column, the part's columns)."""
    start, _ = EDITIONS[edition]
    out = []
    if year == edition and k in STATUS:
        out.append(("status", f"anteil_{k}", [f"anteil_{m}" for m in STATUS]))
    if year in (start, edition) and k in DYNAMICS:
        out.append(("dynamik", f"veraenderung_{k}", [f"veraenderung_{m}" for m in DYNAMICS]))
    return out


def input_value(a: Facts, edition: int, q: str, column: str) -> float | None:
    """A quarter's published input to an index column: a share, or a change of shares."""
    kind, k = column.split("_", 1)
    if kind == "anteil":
        return a.share.get((q, k, edition))
    start = EDITIONS[edition][0]
    now, before = a.share.get((q, k, edition)), a.share.get((q, k, start))
    return None if now is None or before is None else now - before


def scale(a: Facts, edition: int, column: str, skip: str) -> tuple[float, float] | None:
    """(mean, SD) of an index column from the other quarters' published inputs and z-values."""
    pairs = [(input_value(a, edition, p, column), a.z.get((edition, p, column))) for p in QUARTERS if p != skip]
    pairs = [(x, z) for x, z in pairs if x is not None and z is not None]
    if len(pairs) < 2 or np.ptp([z for _, z in pairs]) == 0:
        return None
    sd, mean = np.polyfit([z for _, z in pairs], [x for x, _ in pairs], 1)
    return mean, sd


def z_to_count(z, a: Facts, edition: int, cell, column: str) -> float | None:
    q, k, year = cell
    fit = scale(a, edition, column, q)
    den = a.den.get(cell)
    if z is None or fit is None or den is None:
        return None
    x = fit[0] + fit[1] * z
    if column.startswith("veraenderung_"):  # a change: the other end of the window is published
        start = EDITIONS[edition][0]
        other = a.share.get((q, k, edition if year == start else start))
        if other is None:
            return None
        x = other - x if year == start else other + x
    return x * den / 100


def other_z(a: Facts, edition: int, q: str, columns: list[str]) -> float | None:
    """Σ of the quarter's other z-values of a part: published, or recomputed from published inputs."""
    total = 0.0
    for c in columns:
        z = a.z.get((edition, q, c))
        if z is None:
            fit, x = scale(a, edition, c, q), input_value(a, edition, q, c)
            if fit is None or x is None or fit[1] == 0:
                return None
            z = (x - fit[0]) / fit[1]
        total += z
    return total


def route_count(h: Facts, a: Facts, cell, truth) -> float | None:
    return h.count.get(cell)


def route_share(h: Facts, a: Facts, cell, truth) -> float | None:
    share, den = h.share.get(cell), a.den.get(cell)
    return None if share is None or den is None else share * den / 100


def route_city(h: Facts, a: Facts, cell, truth) -> float | None:
    q, k, y = cell
    city = h.city.get((k, y))
    dens = [a.den.get((p, k, y)) for p in QUARTERS]
    others = [a.count.get((p, k, y)) for p in QUARTERS if p != q]
    if city is None or None in dens or None in others:
        return None
    return city * sum(dens) / 100 - sum(others)


def route_sum(h: Facts, a: Facts, cell, truth) -> float | None:
    q, k, y = cell
    for edition in EDITIONS:
        for part, column, columns in part_of(edition, k, y):
            total, rest = h.sums.get((edition, q, part)), other_z(a, edition, q, [c for c in columns if c != column])
            if total is not None and rest is not None:
                return z_to_count(total - rest, a, edition, cell, column)
    return None


def route_zero(h: Facts, a: Facts, cell, truth) -> float | None:
    q, k, y = cell
    for edition in EDITIONS:
        for _, column, _ in part_of(edition, k, y):
            valid = [p for p in QUARTERS if p != q and a.valid.get((edition, p))]
            zs = [h.z.get((edition, p, column)) for p in valid]
            if valid and None not in zs:
                return z_to_count(-sum(zs), a, edition, cell, column)
    return None


def route_index(h: Facts, a: Facts, cell, truth) -> float | None:
    """Index → sum: the scale from any other quarter, the index from the quarter itself, from the
    others (indices sum to zero) or from a threshold ± the distance. Of several candidates the
    attacker may try each; the one closest to the truth counts."""
    q, k, y = cell
    best = None
    for edition in EDITIONS:
        for part, column, columns in part_of(edition, k, y):
            ratios = [a.sums[(edition, p, part)] / a.index[(edition, p, part)] for p in QUARTERS if p != q
                      and a.sums.get((edition, p, part)) is not None and a.index.get((edition, p, part))]
            rest = other_z(a, edition, q, [c for c in columns if c != column])
            if not ratios or rest is None:
                continue
            candidates = [h.index.get((edition, q, part))]
            others = [h.index.get((edition, p, part)) for p in QUARTERS if p != q and a.valid.get((edition, p))]
            candidates.append(None if None in others or not others else -sum(others))
            distance = h.distance.get((edition, q, part))
            if distance is not None:
                thresholds = (-1.0, 1.0, 1.5) if part == "status" else (-1.0, 1.0)
                candidates += [t + s * distance for t in thresholds for s in (-1, 1)]
            for c in candidates:
                est = None if c is None else z_to_count(float(np.median(ratios)) * c - rest, a, edition, cell, column)
                if est is not None and (best is None or abs(est - truth) < abs(best - truth)):
                    best = est
    return best


ROUTES = {"Fallzahl selbst": route_count, "Anteil × Nenner": route_share, "Stadt minus übrige Quartiere": route_city,
          "Summe minus übrige z-Werte": route_sum, "z-Werte summieren sich zu null": route_zero,
          "Index zurück zur Summe": route_index}
TABLE_ROUTES = ("Fallzahl selbst", "Anteil × Nenner", "Summe minus übrige z-Werte",
                "z-Werte summieren sich zu null", "Index zurück zur Summe")
SHOWN = {2019: {SGB2_2017, WOHNGELD_2019}, 2020: {KINDER_2020, SGB2_2017, WOHNGELD_2019}}  # years ≤ edition
IN_INDEX = {2019: {SGB2_2017}, 2020: {KINDER_2020}}


def reach() -> dict[tuple[str, str], set]:
    """(route, source) → the cells the route must recover where nothing is protected. What a source
    shows: a package or an edition's pages every year up to the edition; the search index the newest
    edition (quarter sentences: the status year; city trends: every year); an embed page only the
    last value of its figure."""
    out: dict[tuple[str, str], set] = {}
    for e in EDITIONS:
        for fmt in ("CSV", "CSV für Excel", "XLSX", "ZIP {}: CSV", "ZIP {}: CSV für Excel", "ZIP {}: XLSX"):
            source = fmt.format(e) if "{}" in fmt else f"{fmt} {e}"
            for r in TABLE_ROUTES:
                out[(r, source)] = SHOWN[e] if r in ("Fallzahl selbst", "Anteil × Nenner") else set(IN_INDEX[e])
            if e == LATEST:  # zeitreihe.csv holds every edition's index values
                out[("Index zurück zur Summe", source)] = IN_INDEX[2019] | IN_INDEX[2020]
        out[("Fallzahl selbst", f"Quartiers-CSV {e}")] = SHOWN[e]
        out[("Anteil × Nenner", f"Quartiers-CSV {e}")] = SHOWN[e]
        for kind in ("Seiten", "Inline-SVG", "Grafiken"):
            out[("Anteil × Nenner", f"{kind} {e}")] = SHOWN[e]
            out[("Stadt minus übrige Quartiere", f"{kind} {e}")] = SHOWN[e]
        out[("Index zurück zur Summe", f"Seiten {e}")] = IN_INDEX[e]
        out[("Anteil × Nenner", f"Einbettseiten {e}")] = {c for c in SHOWN[e] if c[2] == e}
    out[("Anteil × Nenner", "Suchindex")] = {c for c in SHOWN[LATEST] if c[2] == LATEST}
    out[("Stadt minus übrige Quartiere", "Suchindex")] = SHOWN[LATEST]
    out[("Index zurück zur Summe", "Suchindex")] = IN_INDEX[LATEST]
    return out


REACH = reach()


def everything(site: Path) -> tuple[dict[str, Facts], Facts]:
    """Every source's facts, and the background an attacker adds to each: the canonical CSVs of all editions."""
    sources: dict[str, Facts] = {}
    for e in EDITIONS:
        sources.update(package_sources(site, e))
    sources.update(page_sources(site))
    background = Facts()
    for e in EDITIONS:
        background = background.over(sources[f"CSV {e}"])
    return sources, background


def attack(site: Path) -> dict[tuple[str, str, tuple], float]:
    """(route, source, cell) → estimate, for every route on every source."""
    sources, background = everything(site)
    out = {}
    for source, facts in sources.items():
        aux = facts.over(background)
        for name, route in ROUTES.items():
            for cell, truth in SECRET.items():
                est = route(facts, aux, cell, truth)
                if est is not None:
                    out[(name, source, cell)] = est
    return out


@pytest.fixture(scope="module")
def estimates(sites) -> dict[str, dict]:
    return {name: attack(site) for name, site in sites.items()}


def _label(cell) -> str:
    return "-".join(map(str, cell))


# --- the tests --------------------------------------------------------------------------------

def test_the_city_has_what_the_attack_needs():
    """Small counts 1, 2 and 4, no other count secret under any rule, city sums under 900 (so a city
    share to one decimal pins the total to ±0.45), and the 4 secret only under the stricter edition's rule."""
    cells = inputs()
    counts = sorted(c for c, _ in cells.values())
    assert counts[:3] == [1, 2, 4] and counts[3] >= max(m for _, m in EDITIONS.values())
    for k in BASE:
        for y in YEARS:
            assert 800 < sum(cells[(q, k, y)][1] for q in QUARTERS) < 900
    rules = {e: m for e, (_, m) in EDITIONS.items()}
    assert rules[2019] <= SECRET[SGB2_2017] < rules[2020]
    assert all(c[2] <= e for e, cs in SHOWN.items() for c in cs) and all(
        c[2] <= e and c in SHOWN[e] for e, cs in IN_INDEX.items() for c in cs)


@pytest.mark.parametrize("route,source", sorted(REACH), ids=lambda x: str(x))
def test_positive_control_every_route_recovers_every_count_where_nothing_is_protected(estimates, route, source):
    found = estimates["ungeschützt"]
    missed = {_label(c): round(float(found.get((route, source, c), float("nan"))), 2) for c in REACH[(route, source)]
              if not abs(found.get((route, source, c), float("inf")) - SECRET[c]) < 0.5}
    assert REACH[(route, source)] and not missed, f"{route} on {source} does not recover {missed}"


def test_every_source_is_attacked_by_a_route_that_works(estimates):
    """No source is left without a working route (so a format that is never read cannot hide a leak)."""
    sources = {s for (_, s, _) in estimates["ungeschützt"]}
    assert sources == {s for (_, s) in REACH}
    assert len(sources) == 2 * 7 + 4 * 2 + 1


@pytest.mark.parametrize("cell", sorted(SECRET), ids=_label)
def test_no_route_recovers_a_suppressed_count(estimates, cell):
    hits = {(route, source): round(float(est), 2) for (route, source, c), est in estimates["geschützt"].items()
            if c == cell and abs(est - SECRET[cell]) < 0.5}
    assert not hits, f"count {SECRET[cell]} of {cell} recovered by {hits}"


def test_geojson_and_descriptor_carry_no_numbers_to_attack(sites):
    """The two formats the routes do not read: the GeoJSON holds classes only, datapackage.json no data.
    If either ever carries counts, shares or index values, the routes above must read it too."""
    for site in sites.values():
        for e in EDITIONS:
            pkg = site / "daten" / str(e)
            gj = json.loads((pkg / "quartiere.geojson").read_text(encoding="utf-8"))
            props = {k for feat in gj["features"] for k in feat["properties"]}
            assert props == {"quartier_id", "name", "statusklasse", "dynamikklasse", "sozialindex", "fokus"}
            desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
            assert all("data" not in r for r in desc["resources"]) and all("path" in r for r in desc["resources"])


def test_the_count_secret_under_one_editions_rule_is_secret_in_every_edition(sites):
    """The leak of issue 23: 2019 (minimum 3) printed the 4 that 2020 (minimum 5) withholds."""
    site = sites["geschützt"]
    for e in EDITIONS:
        rows = {(r["quartier_id"], r["indikator_id"], int(r["jahr"])): r
                for r in csv_rows((site / "daten" / str(e) / "indikatorwerte.csv").read_bytes())}
        for cell in SHOWN[e]:
            assert (rows[cell]["zaehler"], rows[cell]["anteil"], rows[cell]["kennzeichen"]) == (".", ".", "geheim"), (e, cell)
        assert rows[("styrum", "sgb2", 2018)]["zaehler"] != "."  # the neighbouring year is published
    readme = (site / "daten" / "2019" / "README.md").read_text(encoding="utf-8")
    rule = readme.split("## Geheimhaltung", 1)[1].split("\n## ", 1)[0]  # names its own and the stricter rule
    assert "unter 3" in rule and "unter 5" in rule and "2020" in rule


def test_each_edition_withholds_only_the_part_a_secret_count_enters(sites):
    """2019: dynamics withheld (because of the 2020 rule), status published; 2020 the reverse."""
    site = sites["geschützt"]
    for e, hidden, shown in ((2019, "dynamik", "status"), (2020, "status", "dynamik")):
        for r in csv_rows((site / "daten" / str(e) / "indizes.csv").read_bytes()):
            assert all(r[f"{hidden}{s}"] == "" for s in ("summe", "index", "_abstand")), (e, r["quartier_id"])
            assert all(number(r[f"{shown}{s}"]) is not None for s in ("summe", "index", "_abstand")), (e, r)
            assert r[f"{hidden}klasse"] and r[f"{shown}klasse"]
