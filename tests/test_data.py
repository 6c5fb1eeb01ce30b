"""The course datasets: schemas, provenance, reproducibility from the raw sources, facts, loading."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import ircourse as irc
from ircourse.build import registry
from ircourse.data import DatasetNotFound, catalogue, data_dir

from .conftest import RAW, ROOT

DATA = ROOT / "data"
RESOURCES = [r["name"] for r in catalogue()["resources"]]


def test_catalogue_matches_build_registry():
    assert RESOURCES == [r.name for r in registry()]


@pytest.mark.parametrize("name", RESOURCES)
def test_resource_validates_against_its_schema(name):
    from frictionless import Package

    package = Package(str(DATA / "datapackage.json"))
    report = package.get_resource(name).validate()
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


@pytest.mark.parametrize("name", RESOURCES)
def test_resource_names_source_licence_and_field_docs(name):
    r = next(r for r in catalogue()["resources"] if r["name"] == name)
    assert r["sources"] and all(s["title"].strip() for s in r["sources"])
    assert r["licenses"][0]["title"].strip()
    assert r["short_source"].strip()
    assert all(f["description"].strip() for f in r["schema"]["fields"])


def test_readme_lists_every_dataset():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for name in RESOURCES:
        assert f"## {name}" in text


@pytest.mark.skipif(not RAW.is_dir(), reason="../shared/data-sources is not here (it is not on Binder)")
def test_build_reproduces_data_exactly(tmp_path):
    from ircourse.build import build_all

    build_all(RAW, tmp_path)
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in DATA.iterdir())
    assert built == committed
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, DATA, built, shallow=False)
    assert not mismatch and not errors, f"data/ is stale: rebuild with `python -m ircourse.build` ({mismatch})"


# ------------------------------------------------------------------------------------------- facts
NATO_AFTER_ROUND = {1949: 12, 1952: 14, 1955: 15, 1982: 16, 1999: 19, 2004: 26, 2009: 28, 2017: 29, 2020: 30,
                    2023: 31, 2024: 32}


def test_nato_count_after_each_accession_round():
    nato = irc.load("nato_members")
    after = nato.groupby("enlargement_round").size().cumsum().to_dict()
    assert after == NATO_AFTER_ROUND
    changes = irc.load("alliance_size").query("alliance == 'NATO'")
    assert dict(zip(changes["year"], changes["members"])) == NATO_AFTER_ROUND


def test_nato_dates_of_the_article_window():
    nato = irc.load("nato_members").set_index("country")
    assert nato.loc["Finland", "accession_date"] == "2023-04-04"
    assert nato.loc["Sweden", "accession_date"] == "2024-03-07"
    assert nato["founding_member"].sum() == 12


def test_warsaw_pact_has_eight_founders_including_poland():
    wp = irc.load("warsaw_pact_members")
    founders = set(wp.loc[wp["founding_member"], "country"])
    assert len(founders) == 8 and "Poland" in founders
    assert set(wp["left_date"]) >= {"1991-07-01"}
    by_year = irc.load("alliance_size_by_year").set_index(["alliance", "year"])["members"]
    assert by_year[("Warsaw Pact", 1955)] == 8 and by_year[("Warsaw Pact", 1990)] == 6
    assert by_year[("Warsaw Pact", 1991)] == 0


def test_un_has_193_members_since_2011():
    un = irc.load("un_membership").set_index("year")["members"]
    assert un[1945] == 51
    assert (un.loc[2011:] == 193).all()
    assert len(irc.load("un_members")) == 193


def test_bloc_map_divided_germany_and_sizes():
    m = irc.load("bloc_map")
    y1960 = m[m["year"] == 1960].set_index("iso3")["bloc"]
    assert y1960["DEU"] == "Divided Germany" and y1960["POL"] == "Warsaw Pact" and y1960["USA"] == "NATO"
    assert (m[m["year"] == 2024]["bloc"] == "NATO").sum() == 33  # 32 members + Greenland (Denmark)


def test_years_follow_the_convention():
    events = irc.load("wars_long_run")
    assert not (events["start_year"] == 0).any()
    assert (events["end_year"] >= events["start_year"]).all()
    assert events["start_year"].min() == -2600  # the Siege of Aratta, Wikipedia's earliest entry


def test_cow_wars_counts_match_the_cow_release():
    cow = irc.load("cow_wars")
    assert cow["war_family"].value_counts().to_dict() == {
        "intra-state": 334, "extra-state": 163, "inter-state": 95, "non-state": 62}
    ww2 = cow[cow["war_name"] == "World War II"].iloc[0]
    assert (ww2["start_year"], ww2["end_year"]) == (1939, 1945)


def test_ucdp_conflicts_cover_1946_to_2023():
    u = irc.load("ucdp_conflicts")
    assert (u["year"].min(), u["year"].max()) == (1946, 2023)
    assert u["conflict_id"].nunique() == 299


# ----------------------------------------------------------------------------------------- loading
def test_load_returns_declared_types_and_provenance():
    nato = irc.load("nato_members")
    assert str(nato["accession_year"].dtype) == "Int64"
    assert nato.attrs["sources"] and nato.attrs["licence"]


def test_unknown_dataset_name_lists_the_valid_names():
    with pytest.raises(DatasetNotFound) as err:
        irc.load("nato_member")
    message = str(err.value)
    assert "Did you mean 'nato_members'" in message and "wars_long_run" in message


@pytest.mark.parametrize("bad", [None, 42, ""])
def test_non_string_names_get_the_same_clear_error(bad):
    with pytest.raises(DatasetNotFound, match="is not a course dataset"):
        irc.load(bad)


def test_datasets_catalogue():
    cat = irc.datasets()
    assert list(cat["name"]) == RESOURCES
    assert cat["licence"].str.len().min() > 0


def test_data_dir_of_the_checkout():
    assert data_dir() == DATA


@pytest.mark.slow
def test_non_editable_install_finds_data_from_any_directory(tmp_path):
    """Binder runs `pip install .`: the installed package must carry and find the datasets."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--target", str(target), str(ROOT)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "IRCOURSE_DATA"} | {"PYTHONPATH": str(target)}
    code = ("import ircourse, ircourse.data as d; df = ircourse.load('nato_members'); "
            "print(len(df), d.data_dir().relative_to(d.data_dir().parents[1]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["32", "ircourse/_data"]
