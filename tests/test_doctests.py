"""The examples in the package's docstrings run and show what they say (``doctest`` on every module).

This is the suite's doctest run: it works under ``python -m pytest -n 2 --dist loadscope`` (the
suite's own ``testpaths`` are ``tests/``, so ``--doctest-modules`` would not reach ``src/``). An
example that is only an illustration carries ``# doctest: +SKIP``.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import io
import pkgutil

import pytest

import ircourse


MODULES = sorted(info.name for info in pkgutil.walk_packages(ircourse.__path__, "ircourse.")
                 if not info.name.endswith("__main__"))  # running __main__ would start the command


def test_every_module_is_listed():
    for name in ("ircourse.years", "ircourse.conflicts", "ircourse.build.alliances", "ircourse.maps"):
        assert name in MODULES


@pytest.mark.parametrize("name", ["ircourse", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    tests = finder.find(module, name)
    for test in tests:
        runner.run(test, out=out.write)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, out.getvalue()
    if ">>>" in inspect.getsource(module):
        assert sum(len(test.examples) for test in tests) > 0, f"doctest found none of the examples of {name}"
