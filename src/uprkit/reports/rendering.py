"""Papermill runs of the report templates in ``grading/templates/``, exported to HTML without code.

papermill, nbconvert and nbformat are imported inside :func:`render_template`: together they
take 0.8-1.0 s to import on top of what ``import uprkit.reports.briefing`` loads (0.4 s; measured
with ``python -X importtime``), which every importer of the reports (lesson 12's briefing cells,
the report templates' own kernels) would otherwise pay without rendering anything.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from uprkit import paths
from uprkit.errors import UprkitError
from uprkit.grading.bidi import isolate_in_html
from uprkit.i18n.messages import check_language, text_direction
from uprkit.templating import offline_html_exporter

__all__ = [
    "REPORT_KINDS",
    "ReportResult",
    "report_template",
    "render_template",
]

# The report kinds and their papermill templates (``grading/templates/<name>.ipynb``).
REPORT_KINDS = {"cohort": "cohort_summary", "transcript": "transcript", "funder": "funder_report"}


@dataclass(frozen=True)
class ReportResult:
    html: Path
    tables: tuple[Path, ...]
    seconds: float


def report_template(name: str) -> Path:
    """The papermill template called ``name`` (a report kind, or a template's own name)."""
    return paths.grading_dir() / "templates" / f"{REPORT_KINDS.get(name, name)}.ipynb"


def _ipc_kernel_manager():
    """A jupyter_client kernel manager that talks to its kernel over Unix sockets in /tmp."""
    # jupyter_client's manager: about 0.1 s of import, paid only when a report is rendered
    # (papermill has loaded it by then, so here it costs nothing).
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IpcKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self):  # a private socket path (jupyter_client's is relative to cwd)
            return str(Path(tempfile.gettempdir()) / f"uprkit-report-{uuid.uuid4().hex[:12]}")

    return IpcKernelManager


def right_to_left_page(body: str, language: str) -> str:
    """An nbconvert page laid out right to left, its keys, symbols, dates and numbers isolated.

    >>> right_to_left_page('<html lang="ar"><p>12 [OHCHR-MEMB]</p></html>', "ar")
    '<html lang="ar" dir="rtl"><p><bdi>12</bdi> <bdi>[OHCHR-MEMB]</bdi></p></html>'
    """
    tag = f'<html lang="{language}">'
    return isolate_in_html(body).replace(tag, f'<html lang="{language}" dir="rtl">', 1)


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
    # papermill (~0.45 s) and nbconvert (~0.4 s) of import, nbformat with them: see the module's
    # docstring; only a render pays for them.
    import nbformat
    import papermill

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
    exporter = offline_html_exporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    language = check_language(parameters.get("language") or "en")
    exporter.language_code = language
    body, _ = exporter.from_notebook_node(notebook)
    if text_direction(language) == "rtl":
        body = right_to_left_page(body, language)
    html = output_dir / f"{name}.html"
    html.write_text(body, encoding="utf-8")
    return html
