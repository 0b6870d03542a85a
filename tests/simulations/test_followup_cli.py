"""``uprkit followup new/check/merge``: one library call each, one clear line on an error."""

from __future__ import annotations

from click.testing import CliRunner

from uprkit.cli import main
from uprkit.simulations.followup import read_matrix, write_matrix


def _run(*args: str):
    return CliRunner().invoke(main, ["followup", *args])


def test_new_check_merge_from_the_kit(tmp_path):
    made = _run("new", str(tmp_path), "--state", "KEN", "--cycle", "4")
    assert made.exit_code == 0, made.output
    assert "36 recommendations in" in made.output
    xlsx = tmp_path / "followup-KEN-cycle4.xlsx"
    assert xlsx.exists() and (tmp_path / "followup-KEN-cycle4.csv").exists()
    assert _run("check", str(xlsx)).output.strip().endswith("valid")

    a, b = read_matrix(xlsx), read_matrix(xlsx)
    a.loc[0, "status"], b.loc[0, "status"] = "implemented", "regressed"
    paths = [str(write_matrix(a, tmp_path / "a.xlsx")), str(write_matrix(b, tmp_path / "b.csv"))]
    merged = _run("merge", str(tmp_path / "m.xlsx"), *paths, "--base", str(xlsx))
    assert merged.exit_code == 0, merged.output
    assert "2 conflicting versions in 1 rows to decide" in merged.output


def test_nothing_is_overwritten_without_force(tmp_path):
    assert _run("new", str(tmp_path), "--state", "KEN", "--cycle", "4").exit_code == 0
    again = _run("new", str(tmp_path), "--state", "KEN", "--cycle", "4")
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    forced = _run("new", str(tmp_path), "--state", "KEN", "--cycle", "4", "--force")
    assert forced.exit_code == 0


def test_errors_are_one_clear_line(tmp_path):
    wrong = _run("new", str(tmp_path), "--state", "KEN", "--cycle", "2")
    assert wrong.exit_code == 1 and "Traceback" not in wrong.output
    assert "no recommendations to KEN in cycle 2" in wrong.output
    assert len(wrong.output.strip().splitlines()) == 1


def test_check_lists_each_fault_and_exits_1_without_showing_private_text(tmp_path):
    _run("new", str(tmp_path), "--state", "KEN", "--cycle", "4")
    path = tmp_path / "followup-KEN-cycle4.csv"
    table = read_matrix(path)
    table.loc[2, ["status", "evidence", "due_date"]] = ["done", "Amina said so", "1/2/27"]
    write_matrix(table, path)
    checked = _run("check", str(path))
    assert checked.exit_code == 1
    assert "followup-KEN-cycle4.csv, row 4, column status: 'done' is not a status" in checked.output
    assert "row 4, column due_date" in checked.output and "Amina" not in checked.output
