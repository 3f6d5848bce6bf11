"""`sozialbericht describe`: the city's input files as a Frictionless Data Package.

The schemas come from fields.py (the one place every column is defined); only the columns a
file actually has are listed, so optional columns (e.g. `anteil` instead of counts) fit.
The package lets any Frictionless tool check the inputs independently of this generator.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .. import paths
from ..model.fields import INPUT_FILES, INPUT_TABLES, table_schema
from .read import sniff_delimiter


def _header(path: Path) -> tuple[list[str], str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        first = f.readline()
    delimiter = sniff_delimiter(first)
    return [h.strip() for h in next(csv.reader([first], delimiter=delimiter))], delimiter


def input_package(city_dir: Path) -> dict:
    resources = []
    for name, file in INPUT_FILES.items():
        path = city_dir / file
        if not path.is_file():
            continue
        table = INPUT_TABLES[name]
        header, delimiter = _header(path)
        schema = table_schema(table)
        schema["fields"] = [f for f in schema["fields"] if f["name"] in header]
        if "foreignKeys" in schema:
            schema["foreignKeys"] = [fk for fk in schema["foreignKeys"]
                                     if (city_dir / INPUT_FILES[fk["reference"]["resource"]]).is_file()]
        resources.append({"name": name, "path": file, "type": "table", "title": table.title,
                          "description": table.description, "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "dialect": {"delimiter": delimiter, "header": True},
                          "schema": schema})
    for file, title in ((paths.GEOMETRY, "Geometrie der Gebiete (WGS84)"), (paths.OUTLINE, "Stadtgrenze (WGS84)")):
        if (city_dir / file).is_file():
            resources.append({"name": Path(file).stem.replace("quartiere", "geometrie"), "path": file,
                              "title": title, "format": "geojson", "mediatype": "application/geo+json"})
    return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": f"sozialbericht-eingabe-{city_dir.name}",
            "title": f"Eingabedaten des Sozialberichts: {city_dir.name}",
            "description": "Beschreibung der Eingabedateien; erzeugt mit `sozialbericht describe` aus generator/fields.py.",
            "resources": resources}


def write_input_package(city_dir: Path) -> Path:
    target = city_dir / paths.INPUT_PACKAGE
    target.write_text(json.dumps(input_package(city_dir), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target
