"""Build the course datasets in ``data/`` from the raw files in ``../shared/data-sources``.

Run ``python -m ircourse.build`` from the repository root (or pass ``--sources`` and ``--out``).

Every course dataset is declared once, as a :class:`Resource` in one of the modules of this
package (``wars``, ``alliances``, ``organizations``, ...). A resource says how to derive its table,
what each field means (type, unit), where the facts come from and under which licence. From these
declarations the build writes

* ``data/<name>.csv`` (UTF-8, ``\\n`` line ends, rows in a stable order),
* ``data/datapackage.json`` (a frictionless Data Package with schemas, sources and licences),
* ``data/README.md`` (a human-readable catalogue with row counts, year spans and caveats).

Raw files are never copied: only the derived, tidy tables are written.

Year convention (used by every dataset): years are integers, negative for BCE (``-216`` is
216 BCE) and positive for CE; there is no year 0, so 1 BCE is followed by 1 CE.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

YEAR_CONVENTION = (
    "Years are integers: negative = BCE, positive = CE, and there is no year 0 "
    "(1 BCE is followed by 1 CE), the historians' convention."
)

@dataclass(frozen=True)
class Field:
    """One column of a course dataset.

    Parameters
    ----------
    name : str
        Column name.
    type : str
        Frictionless type: ``string``, ``integer``, ``number``, ``boolean`` or ``date``.
    description : str
        What the column holds.
    unit : str, optional
        Unit of measurement, if any (``"year"``, ``"battle deaths"``, ``"% of GDP"``...).
    required : bool
        Whether every row must have a value.
    enum : tuple of str, optional
        Allowed values, if the column is categorical.
    """

    name: str
    type: str
    description: str
    unit: str | None = None
    required: bool = False
    enum: tuple[str, ...] | None = None

    def schema(self) -> dict:
        """Return the frictionless field descriptor."""
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Source:
    """Where the facts of a dataset come from, cited as a historian would.

    Parameters
    ----------
    title : str
        Full citation (authors, year, title, publisher or journal, version).
    path : str, optional
        A stable locator (the raw file under ``shared/data-sources``, a treaty article, a web page).
    version : str, optional
        Dataset version, if the source has one.
    """

    title: str
    path: str | None = None
    version: str | None = None

    def descriptor(self) -> dict:
        """Return the frictionless source descriptor."""
        out = {"title": self.title}
        if self.path:
            out["path"] = self.path
        if self.version:
            out["version"] = self.version
        return out


@dataclass(frozen=True)
class Resource:
    """A course dataset: how to derive it and everything a reader needs to trust it.

    Parameters
    ----------
    name : str
        Machine name; also the CSV file name and the name for ``ircourse.load``.
    title : str
        Short human title.
    description : str
        What one row is and what the table is for.
    build : callable
        ``build(raw: Path) -> DataFrame`` where ``raw`` is the ``shared/data-sources`` folder.
    fields : tuple of Field
        Every column, in order.
    sources : tuple of Source
        Where the facts come from.
    licence : str
        The terms under which the source data may be used, as stated by the source.
    short_source : str
        The short citation printed under a chart ("UCDP/PRIO Armed Conflict Dataset v24.1").
    primary_key : tuple of str, optional
        Columns that identify a row.
    caveats : tuple of str
        What a careful reader must know (coverage, recording bias, missing codes...).
    year_field : str, optional
        The column holding the main year, used to report the year span.
    """

    name: str
    title: str
    description: str
    build: Callable[[Path], pd.DataFrame]
    fields: tuple[Field, ...]
    sources: tuple[Source, ...]
    licence: str
    short_source: str
    primary_key: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    year_field: str | None = None

    def descriptor(self, df: pd.DataFrame) -> dict:
        """Return the frictionless resource descriptor for the built table ``df``."""
        schema = {"fields": [f.schema() for f in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        out = {
            "name": self.name,
            "path": f"{self.name}.csv",
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": schema,
            "sources": [s.descriptor() for s in self.sources],
            "licenses": [{"name": "source-terms", "title": self.licence}],
            "short_source": self.short_source,
            "caveats": list(self.caveats),
            "rows": int(len(df)),
        }
        if self.year_field:
            years = df[self.year_field].dropna()
            out["years"] = [int(years.min()), int(years.max())]
        return out


def registry() -> list[Resource]:
    """Return every course dataset declaration, in catalogue order."""
    from . import alliances, civilizations, claims, events, globalization, glossary, organizations, power, wars

    resources: list[Resource] = []
    for module in (wars, alliances, organizations, events, power, globalization, civilizations, claims, glossary):
        resources.extend(module.RESOURCES)
    names = [r.name for r in resources]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ValueError(f"dataset names declared twice: {sorted(duplicated)}")
    return resources


def conform(df: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    """Check that ``df`` has exactly the declared columns and cast them to their declared types.

    Raises
    ------
    ValueError
        If columns are missing or extra, or a required column has empty cells.
    """
    declared = [f.name for f in resource.fields]
    if list(df.columns) != declared:
        raise ValueError(f"{resource.name}: columns {list(df.columns)} != declared {declared}")
    df = df.copy()
    for f in resource.fields:
        if f.type == "integer":
            df[f.name] = pd.to_numeric(df[f.name]).round().astype("Int64")
        elif f.type == "number":
            df[f.name] = pd.to_numeric(df[f.name]).astype("float64")
        elif f.type == "boolean":
            df[f.name] = df[f.name].astype("boolean")
        else:
            df[f.name] = df[f.name].astype("string")
        if f.required and df[f.name].isna().any():
            raise ValueError(f"{resource.name}.{f.name}: {int(df[f.name].isna().sum())} empty cells")
    if resource.primary_key and df.duplicated(list(resource.primary_key)).any():
        dup = df[df.duplicated(list(resource.primary_key), keep=False)].head()
        raise ValueError(f"{resource.name}: duplicate primary key rows:\n{dup}")
    return df.reset_index(drop=True)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` as UTF-8 CSV with ``\\n`` line ends and a stable float format."""
    df.to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8")


def build_all(raw: Path, out: Path, only: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Derive every course dataset from ``raw`` and write it, its catalogue and README into ``out``.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.
    out : Path
        The folder to write (normally ``data/``).
    only : list of str, optional
        Build only these datasets (the catalogue is still written for all, from existing CSVs).

    Returns
    -------
    dict
        Dataset name -> built DataFrame.

    Raises
    ------
    ircourse.build.sources.SourcesError
        A ``FileNotFoundError``: a raw file listed in ``sources.toml`` is missing or differs (each is
        named, with its download address). Raised before anything is written.
    """
    from .catalogue import write_catalogue
    from .sources import verify

    raw, out = Path(raw), Path(out)
    # Every raw file present, and the very file data/ was built from (sources.toml); else each
    # missing or different file is named with its download address.
    verify(raw.parent)
    out.mkdir(parents=True, exist_ok=True)
    built: dict[str, pd.DataFrame] = {}
    for resource in registry():
        if only and resource.name not in only and (out / f"{resource.name}.csv").exists():
            built[resource.name] = pd.read_csv(out / f"{resource.name}.csv")
            continue
        df = conform(resource.build(raw), resource)
        write_csv(df, out / f"{resource.name}.csv")
        built[resource.name] = df
    write_catalogue(registry(), built, out)
    return built


def default_raw_dir() -> Path:
    """Return the ``shared/data-sources`` folder beside the repository checkout."""
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data-sources"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``python -m ircourse.build [--sources DIR] [--out DIR]``."""
    import argparse

    repo = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(prog="python -m ircourse.build", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=default_raw_dir(), help="shared/data-sources folder")
    parser.add_argument("--out", type=Path, default=repo / "data", help="output folder (default: data/)")
    parser.add_argument("--only", nargs="*", help="rebuild only these datasets")
    parser.add_argument("--check-sources", action="store_true",
                        help="only check the raw files against src/ircourse/build/sources.toml and list them")
    args = parser.parse_args(argv)
    from .sources import SourcesError, manifest, problems

    if args.check_sources:
        shared = args.sources.parent
        for raw in manifest():
            print(f"{raw.file}\n    {raw.version}; {raw.licence}\n    {raw.where()}")
        found = problems(shared)
        for problem in found:
            print(f"error: {problem}", file=sys.stderr)
        total = len(manifest())
        print(f"{total - len(found)} of {total} raw files present and verified in {shared}")
        return 1 if found else 0
    try:
        built = build_all(args.sources, args.out, args.only)
    except SourcesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, df in built.items():
        print(f"{name:32s} {len(df):7d} rows")
    print(f"wrote {len(built)} datasets, datapackage.json and README.md to {args.out}")
    return 0
