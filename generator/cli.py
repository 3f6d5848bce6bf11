"""Command line: the only place that turns errors into messages and exit codes.

Exit codes: 0 success, 2 bad input or arguments (the user can fix it), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import paths
from .errors import BuildError, ComputationError, InputError, SettingsError, SozialberichtError

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


def _print_notes(notes) -> None:
    for n in notes:
        print(f"Hinweis: {n.format()}", file=sys.stderr)


def cmd_validate(args) -> int:
    from .inputs.validate import validate_city

    directory = paths.city_dir(args.city, args.data_dir)
    data = validate_city(directory)
    _print_notes(data.notes)
    print(f"{directory}: alles in Ordnung – {len(data.quarters)} Gebiete, {len(data.indicators)} Indikatoren, "
          f"{len(data.values)} Werte, Ausgaben {', '.join(str(e.edition) for e in data.editions)}.")
    return EXIT_OK


def cmd_build(args) -> int:
    from .build import build

    start = time.perf_counter()
    report = build(args.city, Path(args.site_dir), args.data_dir,
                   Path(args.docs_dir) if args.docs_dir else (paths.DOCS_DIR if args.city == paths.DEFAULT_CITY and args.data_dir is None else None),
                   args.base_url, force=args.force, jobs=args.jobs)
    if report.unchanged:
        print(f"Nichts geändert seit dem letzten Bau (Eingaben, Vorlagen, Programm und Einstellungen gleich): "
              f"{report.site_dir} bleibt, wie sie ist. Neu bauen trotzdem: --force")
        return EXIT_OK
    _print_notes(report.notes)
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items())
    print(f"Website gebaut: {report.site_dir} ({report.pages} Seiten) in {time.perf_counter() - start:.1f} s [{stages}]")
    return EXIT_OK


def cmd_sozialindex(args) -> int:
    from .index.csvtable import index_table, split_list

    result = index_table(args.input, args.id, args.population, split_list(args.status), split_list(args.dynamics),
                         args.min_population, split_list(args.exclude), args.sep, args.decimal)
    for w in result.warnings:
        print(f"Warnung: {w}", file=sys.stderr)
    _print_notes(result.notes)
    if args.out:
        args.out.write_text(result.to_csv(), encoding="utf-8")
        print(f"{result.valid} von {result.total} Gebieten gültig; geschrieben: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(result.to_csv())
    return EXIT_OK


def cmd_new_edition(args) -> int:
    from .onboard.new_edition import new_edition

    path = new_edition(paths.city_dir(args.city, args.data_dir), args.year, args.from_year)
    print(f"Neue Ausgabe angelegt: {path}\nPassen Sie Stichtag, Zeitfenster und Änderungen an und ergänzen Sie werte.csv und einwohner.csv.")
    return EXIT_OK


def cmd_init(args) -> int:
    from .onboard.init import init_city

    start = time.perf_counter()
    r = init_city(args.city, args.areas, args.data_dir, args.name, args.id_field, args.name_field, args.district_field,
                  args.crs, args.edition, ids_from_names=args.ids == "name", layer=args.layer)
    _print_notes(r.notes)
    crs = f"EPSG:{r.crs}" if r.crs.isdigit() else r.crs
    print(f"{r.areas} Gebiete aus {args.areas.name} gelesen (Koordinatensystem {crs}, umgerechnet nach WGS84).")
    for original, safe in r.renamed[:5]:
        print(f"  Kennung „{original}“ → quartier_id „{safe}“ (das Original steht in der Spalte kennung)")
    if len(r.renamed) > 5:
        print(f"  … und {len(r.renamed) - 5} weitere")
    print(f"Angelegt in {r.directory}:")
    for f in r.files:
        print(f"  {f}")
    print(f"in {time.perf_counter() - start:.1f} s. Nächste Schritte:\n"
          "  1. stadt.yaml und die Ausgabe unter editionen/ durchgehen (alles mit „BITTE PRÜFEN“),\n"
          "  2. indikatoren.csv an die eigenen Indikatoren anpassen,\n"
          f"  3. sozialbericht import ARBEITSMAPPE.xlsx --city {args.city}")
    return EXIT_OK


def cmd_import(args) -> int:
    from .onboard.importer import import_files
    from .onboard.report import describe

    start = time.perf_counter()
    directory = paths.city_dir(args.city, args.data_dir)
    report = import_files(args.files, directory, args.mapping, args.dry_run, args.jahr)
    print(describe(report, directory, args.dry_run))
    print(f"({time.perf_counter() - start:.1f} s)")
    if not args.dry_run:
        from .inputs.validate import validate_city

        try:
            data = validate_city(directory)
            print(f"Prüfung: alles in Ordnung – Ausgaben {', '.join(str(e.edition) for e in data.editions)} "
                  f"sind berechenbar. Weiter mit: sozialbericht build --city {args.city}")
        except InputError as exc:
            print(f"Prüfung nach dem Import: {len(exc.problems)} Problem(e) bleiben (z. B. fehlende Jahre):")
            for p in exc.problems[:5]:
                print(f"- {p.format()}")
            if len(exc.problems) > 5:
                print(f"… alle mit: sozialbericht validate --city {args.city}")
    return EXIT_OK


def cmd_describe(args) -> int:
    from .inputs.describe import write_input_package

    print(f"geschrieben: {write_input_package(paths.city_dir(args.city, args.data_dir))}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sozialbericht", description="Sozialbericht-Website aus offenen Daten erzeugen.")
    sub = p.add_subparsers(dest="command", required=True)

    def city_args(sp):
        sp.add_argument("--city", default=paths.DEFAULT_CITY, help="Stadt (Ordner unter data/), Voreinstellung: %(default)s")
        sp.add_argument("--data-dir", type=Path, default=None, help="Ordner mit den Städten (Voreinstellung: data/)")

    v = sub.add_parser("validate", help="Eingabedaten prüfen und alle Probleme auf einmal melden")
    city_args(v)
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="prüfen, rechnen, Datenpakete und Website bauen")
    city_args(b)
    b.add_argument("--site-dir", default=str(paths.SITE_DIR), help="Zielordner der Website (Voreinstellung: site/)")
    b.add_argument("--docs-dir", default=None, help="wohin die erzeugten Markdown-Seiten kopiert werden")
    b.add_argument("--base-url", default="", help="öffentliche Adresse der Website (sonst aus stadt.yaml)")
    b.add_argument("--force", action="store_true",
                   help="auch dann neu bauen, wenn sich seit dem letzten Bau nichts geändert hat")
    b.add_argument("--jobs", type=int, default=None,
                   help="so viele Prozesse (Voreinstellung: alle Kerne; 1 = ohne Prozesse)")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("sozialindex", help="Status-, Dynamik- und Sozialindex für eine eigene CSV-Tabelle")
    s.add_argument("input", type=Path, help="CSV-Datei (UTF-8, Trennzeichen , oder ;)")
    s.add_argument("--id", required=True, help="Spalte mit der Gebietskennung")
    s.add_argument("--population", required=True, help="Spalte mit der Einwohnerzahl")
    s.add_argument("--status", default="", help="Spalten der Statusindikatoren, kommagetrennt")
    s.add_argument("--dynamics", default="", help="Spalten der Dynamikindikatoren, kommagetrennt")
    s.add_argument("--min-population", type=float, default=300)
    s.add_argument("--exclude", default="", help="auszuschließende Gebietskennungen, kommagetrennt")
    s.add_argument("--sep", choices=[",", ";"], default=None, help="Trennzeichen (sonst erkannt)")
    s.add_argument("--decimal", choices=[".", ","], default=None, help="Dezimalzeichen (sonst erkannt)")
    s.add_argument("--out", type=Path, default=None, help="Ergebnis-CSV (sonst Standardausgabe)")
    s.set_defaults(func=cmd_sozialindex)

    d = sub.add_parser("describe", help="die Eingabedateien als Frictionless-Datenpaket beschreiben (datapackage.json)")
    city_args(d)
    d.set_defaults(func=cmd_describe)

    n = sub.add_parser("new-edition", help="Konfiguration einer neuen Berichtsausgabe aus der vorigen anlegen")
    city_args(n)
    n.add_argument("year", type=int)
    n.add_argument("--from-year", type=int, default=None, help="Vorlage (Voreinstellung: die neueste Ausgabe)")
    n.set_defaults(func=cmd_new_edition)

    i = sub.add_parser("init", help="eine neue Stadt aus ihrer Gebietsdatei (GeoJSON, Shapefile, GeoPackage) anlegen")
    i.add_argument("city", help="Ordnername der Stadt unter data/, z. B. musterstadt")
    i.add_argument("--areas", type=Path, required=True,
                   help="Gebiete als GeoJSON, Shapefile (.shp mit .shx/.dbf/.prj oder als .zip) oder GeoPackage (.gpkg); "
                        "auch EPSG:25832/25833/31466/31467")
    i.add_argument("--layer", default=None, help="Ebene eines GeoPackages oder Archivs mit mehreren Ebenen")
    i.add_argument("--id-field", default=None, help="Eigenschaft mit der Kennung des Gebiets")
    i.add_argument("--name-field", default=None, help="Eigenschaft mit dem Namen des Gebiets")
    i.add_argument("--district-field", default=None, help="Eigenschaft mit dem Stadtbezirk")
    i.add_argument("--ids", choices=["kennung", "name"], default="kennung",
                   help="quartier_id aus der Kennung (Voreinstellung) oder aus dem Namen (lesbare Adressen)")
    i.add_argument("--crs", default=None, help="Koordinatensystem, falls die Datei es nicht nennt, z. B. EPSG:25832")
    i.add_argument("--name", default=None, help="Name der Stadt (Voreinstellung: aus dem Ordnernamen)")
    i.add_argument("--edition", type=int, default=None, help="Jahr der ersten Ausgabe (Voreinstellung: Vorjahr)")
    i.add_argument("--data-dir", type=Path, default=None, help="Ordner mit den Städten (Voreinstellung: data/)")
    i.set_defaults(func=cmd_init)

    m = sub.add_parser("import", help="Arbeitsmappen und Tabellen in werte.csv und einwohner.csv übernehmen")
    m.add_argument("files", type=Path, nargs="+", metavar="DATEI",
                   help="eine oder mehrere Dateien (z. B. eine je Indikator), in einem Aufruf gelesen")
    city_args(m)
    m.add_argument("--mapping", type=Path, default=None, help="Zuordnung (Voreinstellung: data/<stadt>/import.yaml)")
    m.add_argument("--dry-run", action="store_true", help="nur zeigen, was sich ändern würde")
    m.add_argument("--jahr", type=int, default=None, help="Jahr, wenn weder Tabellenname noch Spaltenkopf es nennen")
    m.set_defaults(func=cmd_import)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        _print_notes(exc.notes)
        print(f"Die Eingabedaten haben {len(exc.problems)} Problem(e):\n", file=sys.stderr)
        for p in exc.problems:
            print(f"- {p.format()}", file=sys.stderr)
        print("\nNichts wurde verändert; die zuletzt gebaute Website bleibt bestehen.", file=sys.stderr)
        return EXIT_INPUT
    except (SettingsError, ComputationError) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BuildError as exc:
        print(f"Der Bau ist fehlgeschlagen; die zuletzt gebaute Website bleibt bestehen.\n{exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except SozialberichtError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
