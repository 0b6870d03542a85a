"""What the formgrader's grading buttons do on a hub: say which of the kit's commands to run.

The trainer's ``nbgrader_config.py`` (:func:`uprkit.hub.exchange.trainer_config`) puts these in
place of nbgrader's own steps, so the formgrader service (and ``nbgrader autograde`` typed in a
terminal) cannot run participants' code outside the sandbox, write feedback pages that quote
hidden tests, or copy links out of the exchange. The converters stop when they make their
exporter, before ``--force`` removes any graded copy. Manual grading in the formgrader is
untouched. Only nbgrader's processes import this module.
"""

from __future__ import annotations

from nbconvert.exporters import NotebookExporter
from nbgrader.converters.base import NbGraderException
from nbgrader.exchange.default import ExchangeCollect, ExchangeReleaseFeedback

__all__ = [
    "RefusePlainCollect",
    "RefusePlainFeedback",
    "RefusePlainReleaseFeedback",
    "RefuseUnsandboxed",
]

_WHY = "on this hub, {what} runs through the kit: `uprkit hub {command} ASSIGNMENT --course COURSE`"


class _Refused(NotebookExporter):
    what = ""
    command = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = _WHY.format(what=self.what, command=self.command)
        self.log.error(message)
        raise NbGraderException(message)


class RefuseUnsandboxed(_Refused):
    """nbgrader's autograde: refused before it touches any folder or runs any cell."""

    what, command = "autograding (in the sandbox)", "grade"


class RefusePlainFeedback(_Refused):
    """nbgrader's feedback pages (they can quote hidden tests): refused."""

    what, command = "feedback", "feedback"


class RefusePlainCollect(ExchangeCollect):
    """nbgrader's collect (follows links a participant planted in inbound/): refused."""

    def start(self):
        self.fail(_WHY.format(what="collecting", command="collect"))


class RefusePlainReleaseFeedback(ExchangeReleaseFeedback):
    """nbgrader's release of its own feedback pages: refused."""

    def start(self):
        self.fail(_WHY.format(what="releasing feedback", command="feedback"))
