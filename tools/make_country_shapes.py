#!/usr/bin/env python3
"""Make the course's offline world map shapes: ``src/ircourse/assets/countries_110m.geojson``.

Maintainer script, not run by the course. It converts Natural Earth's 1:110m Admin 0 countries
(public domain), as redistributed in TopoJSON by the npm package ``world-atlas@2.0.2``
(``countries-110m.json``, Natural Earth 4.1.0, ids are ISO 3166-1 numeric codes), into a compact
GeoJSON FeatureCollection whose feature ``id`` is the ISO 3166-1 alpha-3 code, so plotly's
``go.Choroplethmap(geojson=..., featureidkey="id", locations=[iso3, ...])`` draws a world map with no
network at all (plotly's own ``go.Choropleth`` fetches its topojson from a CDN at render time).

What it does to the data (see also ``src/ircourse/assets/README.md``):

* decodes the quantized, delta-encoded TopoJSON arcs into lon/lat rings;
* unwraps the rings that cross the antimeridian (Russia, Fiji, the Aleutians) so that their
  longitudes run on past 180 instead of jumping to -180 (no stripe across a flat map);
* rounds every coordinate to ``--decimals`` (default 1: 0.1 degree, about 11 km, well below one
  screen pixel at world zoom; neighbours share their arcs, so rounding leaves no gaps or slivers);
* drops repeated points and rings that collapse to fewer than three distinct points;
* drops Antarctica (``--keep-antarctica`` keeps it);
* maps numeric ids to alpha-3 with ``pycountry`` (only here, at build time: the course never needs
  pycountry); the three Natural Earth units with no ISO code get user-assigned codes from ISO's
  X-range, only so that they are drawn as background: ``XKX`` Kosovo (the code the EU and the World
  Bank use), ``XNC`` N. Cyprus, ``XSL`` Somaliland;
* renames two outdated Natural Earth 4.1 names (Macedonia, eSwatini).

Usage (needs ``npm`` on PATH, or a ``countries-110m.json`` you already have; and ``pycountry``)::

    python -m pip install --target /tmp/pyc pycountry   # if pycountry is not installed
    PYTHONPATH=/tmp/pyc python tools/make_country_shapes.py
    PYTHONPATH=/tmp/pyc python tools/make_country_shapes.py --topojson /tmp/wa/package/countries-110m.json

The output is deterministic: running it twice on the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-110m.json"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "ircourse" / "assets" / "countries_110m.geojson"

#: Natural Earth units without an ISO 3166-1 code: user-assigned codes (ISO's X-range), name -> code.
NO_ISO_CODE = {"Kosovo": "XKX", "N. Cyprus": "XNC", "Somaliland": "XSL"}

#: Natural Earth 4.1 names that are out of date, alpha-3 -> name used instead.
NAME_FIXES = {"MKD": "North Macedonia", "SWZ": "Eswatini"}

ANTARCTICA = "ATA"


def fetch_topojson(workdir: Path) -> Path:
    """Download ``world-atlas`` with ``npm pack`` into ``workdir`` and return its ``countries-110m.json``."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: install it, or pass --topojson PATH/countries-110m.json")
    out = subprocess.run([npm, "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True,
                         text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(workdir / out) as tar:
        tar.extract(MEMBER, workdir, filter="data")
    return workdir / MEMBER


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return the topology's arcs as lists of (lon, lat), undoing quantization and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch a TopoJSON ring from arc indexes (``~i`` means arc ``i`` reversed)."""
    points: list[tuple[float, float]] = []
    for i in arc_ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make a ring that crosses the antimeridian continuous (e.g. 179 -> 181, not 179 -> -179).

    world-atlas rings are spherical (d3 style): Russia, Fiji and the United States' Aleutians cross
    longitude 180, and a flat map joins 179 to -179 by a stripe across the world. MapLibre accepts
    longitudes beyond 180 and draws them on the next copy of the world, where they belong.
    """
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def _num(v: float, decimals: int) -> float | int:
    v = round(v, decimals)
    return int(v) if v == int(v) else v


def simplify_ring(points: list[tuple[float, float]], decimals: int) -> list[list[float | int]] | None:
    """Round a ring, drop repeated points, and return it closed, or ``None`` if it collapsed."""
    out: list[list[float | int]] = []
    for lon, lat in unwrap(points):
        p = [_num(lon, decimals), _num(lat, decimals)]
        if not out or p != out[-1]:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    distinct = {tuple(p) for p in out}
    return out if len(distinct) >= 3 else None


def convert(topology: dict, decimals: int = 1, keep_antarctica: bool = False) -> dict:
    """Return the GeoJSON FeatureCollection made from the topology's ``countries`` object."""
    import pycountry  # build-time only

    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        if geom.get("id") is None:
            code = NO_ISO_CODE[name]  # KeyError: a new unit without an ISO code, decide what to do with it
        else:
            code = pycountry.countries.get(numeric=geom["id"]).alpha_3
        if code == ANTARCTICA and not keep_antarctica:
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        kept = []
        for polygon in polygons:
            rings = [simplify_ring(ring(r, arcs), decimals) for r in polygon]
            if rings[0] is None:  # the outer ring collapsed: drop the polygon with its holes
                continue
            kept.append([r for r in rings if r is not None])
        if not kept:
            print(f"warning: {name} ({code}) vanished at {decimals} decimals; kept at {decimals + 1}",
                  file=sys.stderr)
            return convert(topology, decimals + 1, keep_antarctica)
        geometry = ({"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1
                    else {"type": "MultiPolygon", "coordinates": kept})
        features.append({"type": "Feature", "id": code, "properties": {"name": NAME_FIXES.get(code, name)},
                         "geometry": geometry})
    features.sort(key=lambda f: f["id"])
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)), "duplicate alpha-3 ids"
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict, path: Path) -> int:
    """Write ``collection`` compactly, one feature per line (readable diffs), and return its size in bytes."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topojson", type=Path,
                        help=f"countries-110m.json of {PACKAGE} (default: npm pack it)")
    parser.add_argument("--decimals", type=int, default=1, help="decimal places kept (default 1)")
    parser.add_argument("--keep-antarctica", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.topojson or fetch_topojson(Path(tmp))
        topology = json.loads(source.read_text(encoding="utf-8"))
    collection = convert(topology, args.decimals, args.keep_antarctica)
    size = write(collection, args.out)
    print(f"{args.out}: {len(collection['features'])} countries, {size:,} bytes")


if __name__ == "__main__":
    main()
