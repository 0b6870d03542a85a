"""A cohort's workshop: the folder and its gradebook, the roster, collecting, status, selection.

Layer: above the simulations, below grading. Lowest first:

- ``folder``: the folder contract (paths, workshop.toml); imports nothing of the kit but errors;
- ``roster``, ``privacy``: the people, and the pseudonyms reports use;
- ``course``: the folder's nbgrader course (config, gradebook, converters, alembic on PATH);
- ``prepare``: create a workshop, release assignments, generate student versions;
- ``collect``: participants' files into the course, checked at the door by ``intake``
  (refused files, extra copies); ``records``: the grading run records;
- ``status``: the grades and who submitted what; ``assignments``: the kit's assignments and
  a trainer's own (``uprkit assignment add``);
- ``selection/``: choosing a cohort from applications.
"""
