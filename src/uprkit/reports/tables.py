"""Cohort reports: tables from the real gradebook and submissions, rendered by papermill.

A report is built in two steps. First the parent process reads the workshop (gradebook scores,
roster, knowledge checks, evaluation answers), pseudonymises it and writes the tables as CSV and
one XLSX workbook into ``<workshop>/reports/<kind>/``. Then papermill runs a thin template from
``grading/templates/`` that reads those same tables and draws the plots, and nbconvert turns the
result into HTML without the code. The HTML therefore shows exactly what the exports hold.

Submissions that could not be graded are listed with their reason and never counted as zero.

What each kind exports is limited to what it is for: the cohort summary holds the whole cohort's
tables; the funder report holds totals only (counts, means, gains), never a participant's row or
words; a transcript (``uprkit.reports.transcripts``) holds one person's own rows, in a file of its own.
"""

from __future__ import annotations

import ast
import json
import time
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from uprkit import paths
from uprkit.errors import UprkitError, WorkshopError
from uprkit.workshop.privacy import SMALLEST_GROUP, ensure_pseudonyms, merge_small_groups, pseudonymise

__all__ = [
    "ASSIGNMENT_SKILLS",
    "LESSON_LABELS",
    "REPORT_KINDS",
    "CohortTables",
    "FunderTables",
    "ReportResult",
    "read_evaluation_answers",
    "collect_cohort_tables",
    "export_tables",
    "load_tables",
    "load_funder_tables",
    "summarise_scores",
    "summarise_gains",
    "summarise_ratings",
    "digest_answers",
    "score_matrix",
    "summarise_for_funder",
    "render_template",
    "remove_cohort_exports",
    "build_report",
]

# What each assignment trains; the knowledge checks and the evaluation are not skills.
ASSIGNMENT_SKILLS = {
    "recommendations": "Drafting SMART recommendations",
    "submission_plan": "Planning a stakeholder submission",
    "lobbying_plan": "Lobbying with data",
    "treaty_plan": "Treaty-body reporting",
    "country_report": "Country analysis and writing",
    "knowledge_check_post": "UPR and treaty-body knowledge",
}
LESSON_LABELS = {  # the lessons in course/, as rated in the programme evaluation
    "un_human_rights_system": "01 The UN human rights system",
    "upr_cycle": "02 The UPR cycle",
    "reading_upr_data": "03 Reading UPR data",
    "drafting_recommendations": "04 Drafting SMART recommendations",
    "stakeholder_submission": "05 The stakeholder submission",
    "lobbying_and_advocacy": "06 Lobbying and advocacy",
    "working_group_dialogue": "07 Working Group dialogue",
    "treaty_bodies": "08 Treaty bodies",
    "follow_up": "09 Follow-up and implementation",
    "safety_of_defenders": "10 Safety of defenders",
    "training_of_trainers": "11 Training of trainers",
    "daily_briefing": "12 The daily briefing",
}
FOLLOW_UP_LEVELS = {"national": "national", "regional": "regional", "un": "UN"}
REPORT_KINDS = {"cohort": "cohort_summary", "transcript": "transcript", "funder": "funder_report"}
GRADED = "graded"


@dataclass(frozen=True)
class CohortTables:
    """Every table a report shows, already pseudonymised (``participant`` column)."""

    scores: (
        pd.DataFrame
    )  # participant, gender, region, assignment, skill, score, max_score, percent, status, reason
    learning_gains: pd.DataFrame  # participant, pre, post, gain (percent points; paired only)
    ratings: pd.DataFrame  # participant, lesson, rating
    open_answers: pd.DataFrame  # participant, question, answer
    follow_up: pd.DataFrame  # participant, level, plan
    participation: pd.DataFrame  # breakdown, group, participants (groups under 3 merged)
    not_graded: pd.DataFrame  # participant, assignment, status, reason

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


@dataclass(frozen=True)
class FunderTables:
    """What the funder report shows and exports: totals only, nobody's own row or words."""

    participation: pd.DataFrame  # breakdown, group, participants (groups under 3 merged)
    scores_by_skill: pd.DataFrame  # skill, graded, mean %, not graded (mean blank under 3)
    learning_gains: pd.DataFrame  # one row: paired, mean pre %, mean post %, mean gain, improved
    ratings: pd.DataFrame  # lesson, label, count, mean, and how many gave each score 1–5
    follow_up: pd.DataFrame  # level, plans (how many were written; never their text)

    items = CohortTables.items


@dataclass(frozen=True)
class ReportResult:
    html: Path
    tables: tuple[Path, ...]
    seconds: float


def _literal(node: ast.AST):
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, dict):
        return {k: (None if v is Ellipsis else v) for k, v in value.items()}
    return None if value is Ellipsis else value


def read_evaluation_answers(notebook_path) -> dict:
    """The programme evaluation's answers, read from the notebook's source without running it.

    Only plain literal assignments (``ratings = {...}``, ``follow_up_un = "..."``) are read, so a
    participant's code is never executed here. Returns {} for a file that is not a notebook.
    """
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    answers = {}
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and not target.id.startswith("_"):
                    answers[target.id] = _literal(statement.value)
    return answers


def _status_of(row) -> tuple[str, str]:
    status = str(row.get("status") or "")
    flags = row.get("flags")
    reason = "; ".join(flags) if isinstance(flags, list | tuple) else str(flags or "")
    if status == GRADED and bool(row.get("needs_manual_grade")):
        return "awaiting manual grade", reason or "a trainer still has to grade the written answers"
    return status, reason


def _evaluation_tables(ws, roster, pseudonyms, with_names):
    ratings, open_answers, follow_up = [], [], []
    for pid in roster["participant_id"]:
        notebook = ws.submitted_dir(pid, "programme_evaluation") / "programme_evaluation.ipynb"
        answers = read_evaluation_answers(notebook) if notebook.exists() else {}
        for lesson, rating in (answers.get("ratings") or {}).items():
            if (
                isinstance(rating, int | float)
                and not isinstance(rating, bool)
                and 1 <= rating <= 5
            ):
                ratings.append({"participant_id": pid, "lesson": lesson, "rating": int(rating)})
        for question in ("most_useful", "to_improve"):
            text = answers.get(question)
            if isinstance(text, str) and text.strip():
                open_answers.append({"participant_id": pid, "question": question, "answer": text})
        for key, level in FOLLOW_UP_LEVELS.items():
            text = answers.get(f"follow_up_{key}")
            if isinstance(text, str) and text.strip():
                follow_up.append({"participant_id": pid, "level": level, "plan": text.strip()})

    def table(rows, columns):
        frame = pd.DataFrame(rows, columns=["participant_id", *columns])
        return pseudonymise(
            frame.merge(roster[["participant_id", "name"]], how="left"),
            pseudonyms,
            with_names=with_names,
        )

    return (
        table(ratings, ["lesson", "rating"]),
        table(open_answers, ["question", "answer"]),
        table(follow_up, ["level", "plan"]),
    )


def collect_cohort_tables(ws, *, with_names: bool = False) -> CohortTables:
    """Read a workshop into report tables (pseudonymised unless ``with_names``)."""
    from uprkit.grading.autograde import gradebook_scores
    from uprkit.workshop.roster import load_roster

    roster = load_roster(ws.roster_path)
    pseudonyms = ensure_pseudonyms(ws.root, roster["participant_id"])
    people = roster[["participant_id", "name", "gender", "region"]].astype(
        {"gender": "object", "region": "object"}
    )
    raw = gradebook_scores(ws)
    scores = raw.merge(people, on="participant_id", how="inner")
    status_reason = scores.apply(_status_of, axis=1, result_type="expand")
    scores["status"], scores["reason"] = status_reason[0], status_reason[1]
    scores["skill"] = scores["assignment"].map(ASSIGNMENT_SKILLS).fillna("")
    graded = scores["status"] == GRADED
    scores["percent"] = (100 * scores["score"] / scores["max_score"]).where(graded).round(1)
    scores["score"] = scores["score"].where(graded)
    scores = scores[
        [
            "participant_id",
            "name",
            "gender",
            "region",
            "assignment",
            "skill",
            "score",
            "max_score",
            "percent",
            "status",
            "reason",
        ]
    ]
    scores = scores.sort_values(["assignment", "participant_id"], kind="stable")

    paired = scores[scores["assignment"].isin(["knowledge_check_pre", "knowledge_check_post"])]
    paired = paired[paired["status"] == GRADED].pivot_table(
        index=["participant_id", "name"], columns="assignment", values="percent"
    )
    gains = pd.DataFrame(columns=["participant_id", "name", "pre", "post", "gain"])
    if {"knowledge_check_pre", "knowledge_check_post"} <= set(paired.columns):
        gains = (
            paired.dropna()
            .reset_index()
            .rename(columns={"knowledge_check_pre": "pre", "knowledge_check_post": "post"})
        )
        gains["gain"] = (gains["post"] - gains["pre"]).round(1)
        gains = gains[["participant_id", "name", "pre", "post", "gain"]]

    ratings, open_answers, follow_up = _evaluation_tables(ws, roster, pseudonyms, with_names)

    participation = []
    for breakdown in ("gender", "region"):
        merged = merge_small_groups(people[breakdown])
        for group, count in merged.value_counts().sort_index().items():
            participation.append({"breakdown": breakdown, "group": group, "participants": count})

    problems = ~scores["status"].isin([GRADED, "not submitted"])
    not_graded = scores.loc[problems, ["participant_id", "name", "assignment", "status", "reason"]]
    if not with_names:
        # Gender and region beside a pseudonym can single a person out (one non-binary
        # participant from one region): breakdowns are only shown merged, in `participation`.
        scores = scores.drop(columns=["gender", "region"])
    return CohortTables(
        scores=pseudonymise(scores, pseudonyms, with_names=with_names),
        learning_gains=pseudonymise(gains, pseudonyms, with_names=with_names),
        ratings=ratings,
        open_answers=open_answers,
        follow_up=follow_up,
        participation=pd.DataFrame(participation, columns=["breakdown", "group", "participants"]),
        not_graded=pseudonymise(not_graded, pseudonyms, with_names=with_names),
    )


def export_tables(
    tables: CohortTables | FunderTables, folder, *, workbook: str = "cohort_tables.xlsx"
) -> tuple[Path, ...]:
    """Write each table as CSV (UTF-8 with BOM, so spreadsheet programs read Arabic names) and all
    of them as sheets of one workbook (``cohort_tables.xlsx`` unless named)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    workbook = folder / workbook
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    written.append(workbook)
    return tuple(written)


def load_tables(folder) -> CohortTables:
    """Read the tables back (what the report templates do)."""
    return _read_tables(folder, CohortTables)


def load_funder_tables(folder) -> FunderTables:
    """Read the funder report's totals back (what its template does)."""
    return _read_tables(folder, FunderTables)


def _read_tables(folder, table_set):
    folder = Path(folder)
    values = {}
    for field in fields(table_set):
        path = folder / f"{field.name}.csv"
        if not path.exists():
            raise WorkshopError(f"{path} is missing; build the report with `uprkit report`")
        values[field.name] = pd.read_csv(
            path, encoding="utf-8-sig", keep_default_na=False, na_values=[""]
        )
    return table_set(**values)


def summarise_scores(scores: pd.DataFrame, by: str = "assignment") -> pd.DataFrame:
    """Per assignment (or skill): graded submissions, mean/min/max percent, and how many were not
    graded. Ungraded submissions are counted apart, never averaged in as zero.

    >>> s = pd.DataFrame({"assignment": ["a", "a", "a"], "percent": [50.0, 100.0, None],
    ...                   "status": ["graded", "graded", "not graded"]})
    >>> summarise_scores(s).to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'assignment': 'a', 'graded': 2, 'mean %': 75.0, 'min %': 50.0, 'max %': 100.0,
      'not graded': 1}]
    """
    frame = scores[scores[by].fillna("").astype(str) != ""]
    graded = frame[frame["status"] == GRADED]
    summary = graded.groupby(by)["percent"].agg(["count", "mean", "min", "max"]).round(1)
    summary.columns = ["graded", "mean %", "min %", "max %"]
    problems = frame[~frame["status"].isin([GRADED, "not submitted"])].groupby(by).size()
    summary = summary.reindex(sorted(set(frame[by]))).fillna({"graded": 0})
    summary["graded"] = summary["graded"].astype(int)
    summary["not graded"] = problems.reindex(summary.index).fillna(0).astype(int)
    return summary.reset_index()


def summarise_gains(gains: pd.DataFrame) -> dict:
    """Mean knowledge-check results before and after, for participants who took both."""
    if gains.empty:
        return {
            "paired": 0,
            "mean pre %": None,
            "mean post %": None,
            "mean gain": None,
            "improved": 0,
        }
    return {
        "paired": int(len(gains)),
        "mean pre %": round(float(gains["pre"].mean()), 1),
        "mean post %": round(float(gains["post"].mean()), 1),
        "mean gain": round(float(gains["gain"].mean()), 1),
        "improved": int((gains["gain"] > 0).sum()),
    }


def summarise_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per lesson: number of ratings, mean, and how many gave each score 1–5."""
    counts = ratings.pivot_table(
        index="lesson", columns="rating", values="participant", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=range(1, 6), fill_value=0)
    summary = ratings.groupby("lesson")["rating"].agg(["count", "mean"]).round(2)
    summary = summary.join(counts).reset_index()
    summary.insert(1, "label", summary["lesson"].map(LESSON_LABELS).fillna(summary["lesson"]))
    return summary.sort_values("label", ignore_index=True)


def score_matrix(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per participant, one column per assignment: "85%" when graded, else the status.

    >>> s = pd.DataFrame({"participant": ["P1", "P1"], "assignment": ["a", "b"],
    ...                   "percent": [85.0, None], "status": ["graded", "not graded"]})
    >>> score_matrix(s).to_dict("records")
    [{'participant': 'P1', 'a': '85%', 'b': 'not graded'}]
    """
    cells = scores["percent"].map(lambda p: f"{p:.0f}%" if pd.notna(p) else "")
    cells = cells.where(scores["status"] == GRADED, scores["status"])
    matrix = scores.assign(cell=cells).pivot_table(
        index="participant", columns="assignment", values="cell", aggfunc="first"
    )
    matrix.columns.name = None
    return matrix.reset_index()


def digest_answers(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Distinct answers with how many people gave them, most frequent first (no one named).

    >>> t = pd.DataFrame({"plan": ["Brief media", "Lobby", "brief media "]})
    >>> digest_answers(t, "plan").to_dict("records")
    [{'answer': 'Brief media', 'people': 2}, {'answer': 'Lobby', 'people': 1}]
    """
    text = table[column].astype(str).str.strip()
    key = text.str.casefold()
    first = text.groupby(key).first()
    counts = key.value_counts()
    digest = pd.DataFrame(
        {"answer": first.reindex(counts.index).to_numpy(), "people": counts.to_numpy()}
    )
    return digest.sort_values(["people", "answer"], ascending=[False, True], ignore_index=True)


def summarise_for_funder(tables: CohortTables) -> FunderTables:
    """The cohort's totals for a funder: counts, means and gains, with no participant's row and
    no answer text. A mean over fewer than three people would be their own result, so it is
    left blank.

    >>> t = CohortTables(
    ...     scores=pd.DataFrame({"participant": ["P1", "P2"], "skill": ["Lobbying"] * 2,
    ...                          "percent": [40.0, 90.0], "status": ["graded"] * 2}),
    ...     learning_gains=pd.DataFrame(columns=["participant", "pre", "post", "gain"]),
    ...     ratings=pd.DataFrame(columns=["participant", "lesson", "rating"]),
    ...     open_answers=pd.DataFrame(columns=["participant", "question", "answer"]),
    ...     follow_up=pd.DataFrame({"participant": ["P1"], "level": ["UN"], "plan": ["Lobby"]}),
    ...     participation=pd.DataFrame(columns=["breakdown", "group", "participants"]),
    ...     not_graded=pd.DataFrame(columns=["participant", "assignment", "status", "reason"]))
    >>> funder = summarise_for_funder(t)
    >>> funder.scores_by_skill.to_dict("records")
    [{'skill': 'Lobbying', 'graded': 2, 'mean %': nan, 'not graded': 0}]
    >>> funder.follow_up.set_index("level")["plans"].to_dict()
    {'national': 0, 'regional': 0, 'UN': 1}
    """
    by_skill = summarise_scores(tables.scores, by="skill")
    by_skill = by_skill[["skill", "graded", "mean %", "not graded"]]
    # a mean over fewer than SMALLEST_GROUP people is one or two people's own result: blank
    by_skill["mean %"] = by_skill["mean %"].where(by_skill["graded"] >= SMALLEST_GROUP)
    gains = summarise_gains(tables.learning_gains)
    if gains["paired"] < SMALLEST_GROUP:
        gains.update({"mean pre %": None, "mean post %": None, "mean gain": None})
    ratings = (
        summarise_ratings(tables.ratings)
        if len(tables.ratings)
        else pd.DataFrame(columns=["lesson", "label", "count", "mean", *range(1, 6)])
    )
    # a lesson rated by one or two people: their mean and score counts are their own ratings
    few = ratings["count"] < SMALLEST_GROUP
    ratings[["mean", *range(1, 6)]] = ratings[["mean", *range(1, 6)]].astype("Float64")
    ratings.loc[few, ["mean", *range(1, 6)]] = pd.NA
    plans = tables.follow_up.groupby("level")["plan"].count()
    follow_up = plans.reindex(list(FOLLOW_UP_LEVELS.values()), fill_value=0)
    return FunderTables(
        participation=tables.participation,
        scores_by_skill=by_skill.reset_index(drop=True),
        learning_gains=pd.DataFrame([gains]),
        ratings=ratings,
        follow_up=pd.DataFrame({"level": follow_up.index, "plans": follow_up.to_numpy()}),
    )


def _ipc_kernel_manager():
    """A jupyter_client kernel manager that talks to its kernel over Unix sockets in /tmp."""
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IpcKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self):  # a private socket path (jupyter_client's is relative to cwd)
            return str(Path(tempfile.gettempdir()) / f"uprkit-report-{uuid.uuid4().hex[:12]}")

    return IpcKernelManager


def render_template(
    template: Path,
    output_dir: Path,
    parameters: dict,
    *,
    kernel_name: str = "python3",
    name: str | None = None,
) -> Path:
    """Run a papermill template and write its HTML (code hidden) beside the executed notebook.

    Both files are called ``name`` (the template's name unless given).
    """
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    name = name or template.stem
    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / f"{name}.ipynb"
    try:
        papermill.execute_notebook(
            str(template),
            str(executed),
            parameters=parameters,
            kernel_name=kernel_name,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(output_dir),
            shutdown_kernel="immediate",
            # Unix sockets, not TCP on localhost: the report's kernel holds participants' data
            # (and ipykernel warns about unencrypted TCP in the trainer's terminal).
            kernel_manager_class=_ipc_kernel_manager(),
        )
    except papermill.PapermillExecutionError as error:
        raise UprkitError(
            f"the report template {template.name} failed in cell {error.exec_count}: "
            f"{error.ename}: {error.evalue} (executed notebook kept in {executed})"
        ) from error
    notebook = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(notebook)
    html = output_dir / f"{name}.html"
    html.write_text(body, encoding="utf-8")
    return html


def remove_cohort_exports(folder: Path) -> None:
    """Delete whole-cohort tables that an earlier uprkit wrote where only a transcript's or the
    funder's tables belong, so that no old export keeps everyone's rows there."""
    for name in [*(f"{field.name}.csv" for field in fields(CohortTables)), "cohort_tables.xlsx"]:
        (folder / name).unlink(missing_ok=True)


def build_report(
    ws, *, kind: str = "cohort", with_names: bool = False, participant: str | None = None
) -> ReportResult:
    """Build one report of ``kind`` (cohort, transcript, funder) into ``<workshop>/reports/``.

    The funder report only shows and exports totals, so ``with_names`` does not apply to it. A
    transcript is one participant's (``participant``); ``uprkit.reports.transcripts.build_transcripts``
    makes everyone's.
    """
    if kind not in REPORT_KINDS:
        raise UprkitError(f"unknown report kind {kind!r}; choose one of: {', '.join(REPORT_KINDS)}")
    if kind == "transcript":
        if participant in (None, "all"):
            raise UprkitError(
                "build_report makes one participant's transcript: give a participant id, "
                "or call uprkit.reports.transcripts.build_transcripts(ws, 'all') for everyone"
            )
        from uprkit.reports.transcripts import build_transcripts

        return build_transcripts(ws, participant, with_names=with_names)[0]
    if participant is not None:
        raise UprkitError(
            f"a participant ({participant!r}) is only chosen for a transcript (--kind "
            f"transcript); the {kind} report covers the whole cohort"
        )
    started = time.perf_counter()
    with_names = with_names and kind != "funder"
    output_dir = ws.reports_dir / (kind + ("-with-names" if with_names else ""))
    tables = collect_cohort_tables(ws, with_names=with_names)
    if kind == "funder":
        remove_cohort_exports(output_dir / "tables")
        funder = summarise_for_funder(tables)
        written = export_tables(funder, output_dir / "tables", workbook="funder_tables.xlsx")
    else:
        written = export_tables(tables, output_dir / "tables")
    template = paths.grading_dir() / "templates" / f"{REPORT_KINDS[kind]}.ipynb"
    parameters = {
        "tables_dir": str(output_dir / "tables"),
        "workshop_name": ws.name,
        "with_names": with_names,
    }
    html = render_template(template, output_dir, parameters)
    return ReportResult(html, written, round(time.perf_counter() - started, 2))
