"""Answers as plain data, each student's variants, and the student's side: start, show, check."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import plotly.express as px
import pytest

from ircourse import i18n
from ircourse.homework import answers, keys, session, variants
from ircourse.homework.answers import InvalidPlain, to_plain, validate_plain

HOMEWORK = "06_bipolar_world_and_nato"


# --------------------------------------------------------------------------------------------------
# Plain data
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, plain", [
    (None, {"t": "none"}), (..., {"t": "ellipsis"}), (True, {"t": "bool", "v": True}),
    (np.bool_(False), {"t": "bool", "v": False}), (3, {"t": "number", "v": 3}), (np.int64(3), {"t": "number", "v": 3}),
    (2.5, {"t": "number", "v": 2.5}), (np.float32(0.5), {"t": "number", "v": 0.5}),
    (float("inf"), {"t": "number", "v": "inf"}), (float("nan"), {"t": "missing", "type": "nan"}),
    (pd.NA, {"t": "missing", "type": "NAType"}), (pd.NaT, {"t": "missing", "type": "NaTType"}),
    ("Poland", {"t": "str", "v": "Poland"}), (np.str_("Poland"), {"t": "str", "v": "Poland"}),
    (pd.Timedelta(days=2), {"t": "timedelta", "days": 2.0}), (np.timedelta64(36, "h"), {"t": "timedelta", "days": 1.5}),
    (dt.timedelta(hours=12), {"t": "timedelta", "days": 0.5}), (np.timedelta64("NaT"), {"t": "missing", "type": "NaT"}),
    (dt.date(1991, 7, 1), {"t": "datetime", "v": "1991-07-01"}), (1 + 1j, {"t": "other", "type": "complex"}),
    (b"x", {"t": "other", "type": "bytes"}), (10**40, {"t": "number", "v": 1e40}),
])
def test_scalars(value, plain):
    assert to_plain(value) == plain


def test_containers_keep_their_kind():
    assert to_plain((1, "a")) == {"t": "list", "container": "tuple",
                                  "items": [{"t": "number", "v": 1}, {"t": "str", "v": "a"}]}
    assert to_plain({"b", "a"})["items"] == [{"t": "str", "v": "a"}, {"t": "str", "v": "b"}]  # sorted
    assert to_plain(pd.Series([1, 2]))["container"] == "series"
    assert to_plain(range(3))["items"][2] == {"t": "number", "v": 2}
    assert to_plain({"verdict": "wrong"}) == {"t": "dict", "items": [[{"t": "str", "v": "verdict"},
                                                                      {"t": "str", "v": "wrong"}]]}
    table = to_plain(pd.DataFrame({"country": ["Poland"], "n": [1]}))
    assert table["t"] == "table" and table["columns"] == ["country", "n"] and table["shape"] == [1, 2]


def test_a_figure_is_its_json():
    fig = px.line(x=[1, 2], y=[3, 4])
    plain = to_plain(fig)
    assert plain["t"] == "figure" and plain["data"][0]["type"] == "scatter"
    assert validate_plain(json.loads(json.dumps(plain))) == plain


class Explosive:
    def __iter__(self):
        raise SystemExit("no")

    def __len__(self):
        raise KeyboardInterrupt


def test_hostile_objects_never_escape():
    assert to_plain(Explosive())["t"] == "other"
    evil = [Explosive(), 1]
    assert to_plain(evil)["items"][1] == {"t": "number", "v": 1}


def test_caps():
    assert to_plain(list(range(answers.MAX_ITEMS + 5)))["truncated"] is True
    assert to_plain("x" * (answers.MAX_TEXT + 1))["truncated"] is True
    deep: list = []
    node = deep
    for _ in range(20):
        node.append([])
        node = node[0]
    text = json.dumps(to_plain(deep))
    assert "nested too deeply" in text
    endless = (i for i in iter(int, 1))  # an endless generator is cut, not followed forever
    assert to_plain(endless)["truncated"] is True


@pytest.mark.parametrize("forged", [
    {"t": "forged"}, {"t": "number", "v": "12"}, {"t": "number", "v": True}, {"t": "str", "v": 5},
    {"t": "list", "container": "list", "items": "x"}, {"t": "list", "container": "weird", "items": []},
    {"t": "dict", "items": [[{"t": "str", "v": "a"}]]}, {"t": "figure", "data": {}, "layout": {}}, [1], "x",
    {"t": "timedelta", "days": float("nan")}, {"t": "number", "v": float("inf")},
])
def test_forged_plain_data_is_rejected(forged):
    with pytest.raises(InvalidPlain):
        validate_plain(forged)


def test_from_plain_round_trip():
    for value in (3, 2.5, "x", [1, "a"], (True, 4), {"a": 1}, None):
        assert answers.from_plain(to_plain(value)) == value


# --------------------------------------------------------------------------------------------------
# Variants
# --------------------------------------------------------------------------------------------------


def test_variant_is_deterministic_and_ignores_case_and_spaces():
    a = variants.variant_index(HOMEWORK, "U2025-017", "hw6_q1", 13)
    assert a == variants.variant_index(HOMEWORK, "  u2025-017 ", "hw6_q1", 13)
    spread = {variants.variant_index(HOMEWORK, f"U{n}", "hw6_q1", 13) for n in range(200)}
    assert spread == set(range(13))
    assert variants.variant_index(HOMEWORK, "x", "hw6_q1", 1) == 0


def test_permutation_and_letters():
    order = variants.permutation(HOMEWORK, "s1", "hw6_q6", 4)
    assert sorted(order) == [0, 1, 2, 3]
    for option in range(4):
        assert variants.letter_to_option(variants.option_to_letter(option, order), order) == option
    assert variants.letter_to_option("E", order) is None and variants.letter_to_option("ab", order) is None
    orders = {tuple(variants.permutation(HOMEWORK, f"s{n}", "hw6_q6", 4)) for n in range(300)}
    assert len(orders) == 24  # every order of four options occurs


# --------------------------------------------------------------------------------------------------
# The student's side (in-process, as in a kernel)
# --------------------------------------------------------------------------------------------------


@pytest.fixture()
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    session._STATE.hooked = False
    session._STATE.session = None
    session._STATE.last_error = None
    yield ip
    ip.events.callbacks["post_run_cell"].clear()
    session._STATE.hooked = False
    session._STATE.session = None
    session._STATE.last_error = None
    InteractiveShell.clear_instance()


def lines(capsys):
    return [line for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_start_show_check(shell, capsys):
    shell.run_cell('import ircourse as irc\nhw = irc.homework.start("06", student="U2025-017")')
    assert "U2025-017" in capsys.readouterr().out
    shell.run_cell('q = hw.show("hw6_q1")')
    q = shell.user_ns["q"]
    public = keys.public_files()[HOMEWORK]["questions"]["hw6_q1"]
    assert q.params == public["variants"][variants.variant_index(HOMEWORK, "U2025-017", "hw6_q1", 13)]
    assert isinstance(shell.user_ns["answer"], session.Pending)  # show clears the previous answer
    shell.run_cell('irc.check("hw6_q1", answer)')
    assert lines(capsys)[-1] == "❌ hw6_q1: no answer yet - replace the ... after answer = with your answer."
    shell.run_cell('nato = irc.load("nato_members")\nanswer = len(nato[nato["accession_date"] <= q.date])')
    shell.run_cell('irc.check("hw6_q1", answer)')
    assert lines(capsys)[-1] == "✅ hw6_q1: correct"


def test_a_failed_answer_cell_is_reported_and_the_stale_answer_never_judged(shell, capsys):
    shell.run_cell('import ircourse as irc\nhw = irc.homework.start("06", student="x")\nanswer = 32')
    shell.run_cell('answer = natto')  # NameError: answer still holds 32 (right for hw6_q3's value)
    shell.run_cell('irc.check("hw6_q3", answer)')
    line = lines(capsys)[-1]
    assert line.startswith("❌ hw6_q3: your answer cell stopped with an error (NameError")
    assert "Hint" not in line


def test_an_answer_left_from_another_question_is_named(shell, capsys):
    shell.run_cell('import ircourse as irc\nhw = irc.homework.start("06", student="x")\nq = hw.show("hw6_q2")')
    shell.run_cell('irc.check("hw6_q1", answer)')
    assert "answer still holds your answer to hw6_q2" in lines(capsys)[-1]


def test_a_wrong_answer_gets_the_reason_and_the_hint(shell, capsys):
    shell.run_cell('import ircourse as irc\nhw = irc.homework.start("06", student="x")')
    shell.run_cell('irc.check("hw6_q3", ("correct", 31))')
    line = lines(capsys)[-1]
    public = keys.public_files()[HOMEWORK]["questions"]["hw6_q3"]
    assert line.startswith("❌ hw6_q3: not yet - neither the verdict nor the value is right.")
    assert line.endswith("Hint: " + public["hint"])


def test_choice_options_are_shown_in_the_students_order(shell, capsys):
    shell.run_cell('import ircourse as irc\nhw = irc.homework.start("06", student="U-1")\nq = hw.show("hw6_q6")')
    shown = shell.user_ns["hw"].markdown("hw6_q6")
    options = keys.public_files()[HOMEWORK]["questions"]["hw6_q6"]["options"]
    order = variants.permutation(HOMEWORK, "U-1", "hw6_q6", len(options))
    positions = [shown.index(options[o]) for o in order]
    assert positions == sorted(positions)
    right = shell.user_ns["q"].letter("NATO is six years older")
    shell.run_cell(f'irc.check("hw6_q6", "{right}")')
    assert lines(capsys)[-1] == "✅ hw6_q6: correct"


def test_check_never_raises(shell, capsys):
    shell.run_cell("import ircourse as irc")
    for qid in ("hw6_q1", 5, None, "hw6_q99", "hw6_ql"):
        shell.run_cell(f"irc.check({qid!r}, object())")
    out = lines(capsys)
    assert len(out) == 5 and all(line.startswith("❌") for line in out)
    assert 'did you mean "hw6_q' in out[-1] and "unknown question id" in out[-2]
    session.check("hw6_q1", Explosive())
    assert lines(capsys)[-1].startswith("❌ hw6_q1:")


def test_check_in_uzbek(shell, capsys, monkeypatch):
    if "uz" not in i18n.languages():
        pytest.skip("no Uzbek catalogue")
    monkeypatch.setattr(i18n, "_language", "uz")
    shell.run_cell('import ircourse as irc\nirc.check("hw6_q4", "Polsha")')
    assert lines(capsys)[-1] == i18n.t("check.correct", qid="hw6_q4", lang="uz")


def test_unknown_homework_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown homework"):
        session.start("99")
