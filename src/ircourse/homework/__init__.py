"""Homework: personalised questions, instant feedback, and grading that student code cannot forge.

The modules, by which side of the trust boundary they live on:

In the student's kernel (untrusted)
    :mod:`.session` (``irc.homework.start``, ``hw.show``, ``irc.check``), :mod:`.answers` (an answer
    as plain data), :mod:`.runner` (runs a homework's cells in the grading sandbox and hands back the
    answers).
Shared, pure
    :mod:`.variants` (each student's parameters and option order), :mod:`.judge` (plain answer +
    expected -> verdict), :mod:`.keys` (the public question files and the hashed formative keys).
Teacher's side (trusted)
    :mod:`.authoring` (solution notebook -> student notebook, public file, key), :mod:`.expected`
    (the trusted run of the solutions), :mod:`.sandbox` (bubblewrap), :mod:`.grader` (a folder of
    submissions -> results), :mod:`.gradebook` (CSV and feedback files), :mod:`.review` (written
    answers for the teacher to score), :mod:`.report` (the class report).
"""

from .session import check, current, start

__all__ = ["check", "current", "start"]
