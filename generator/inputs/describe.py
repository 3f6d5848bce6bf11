"""`sozialbericht describe`: the city's input files as a Frictionless Data Package.

The schemas come from fields.py (the one place every column is defined); only the columns a
file actually has are listed, so optional columns (e.g. `anteil` instead of counts) fit.
The package lets any Frictionless tool check the inputs independently of this generator.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths
from ..model.fields import INPUT_FILES, INPUT_TABLES, table_schema
from .tabular import read_csv


def _header(path: Path) -> tuple[list[str], str, str]:
    """(header, delimiter, encoding) as the one tabular reader sees the file."""
    table = read_csv(path, [], [])
    if table is None:
        return [], ",", "utf-8"
    return table.header, table.delimiter, table.encoding


def input_package(city_dir: Path) -> dict:
    resources = []
    for name, file in INPUT_FILES.items():
        path = city_dir / file
        if not path.is_file():
            continue
        table = INPUT_TABLES[name]
        header, delimiter, encoding = _header(path)
        schema = table_schema(table)
        schema["fields"] = [f for f in schema["fields"] if f["name"] in header]
        if "foreignKeys" in schema:
            schema["foreignKeys"] = [fk for fk in schema["foreignKeys"]
                                     if (city_dir / INPUT_FILES[fk["reference"]["resource"]]).is_file()]
        resources.append({"name": name, "path": file, "type": "table", "title": table.title,
                          "description": table.description, "format": "csv", "mediatype": "text/csv",
                          "encoding": encoding, "dialect": {"delimiter": delimiter, "header": True},
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
