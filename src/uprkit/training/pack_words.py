"""What the offline pack's install scripts say, in the workshop's language (en, fr, es, ar).

The messages are the kit's gettext catalogs' (French, Spanish and Arabic are team translations,
not reviewed by a native speaker). Each is made safe for where it is printed: inside double
quotes of a POSIX shell ``echo``, or after a ``cmd.exe`` ``echo`` (whose ``( ) & | < > ^ %``
would otherwise end a block or run something).

>>> words = install_words("fr", ["3.12", "3.13"])
>>> words["no_python"]
'Ce dossier a besoin de Python 3.12 ou 3.13, et cet ordinateur ne l’a pas.'
>>> bat_echo("a (b) & 50%")
'a ^(b^) ^& 50%%'
>>> sh_echo('say "$HOME"')
'say \\\\"\\\\$HOME\\\\"'
"""

from __future__ import annotations

import re

from uprkit.i18n import N_, gettext

MESSAGES = {
    "or": N_("{earlier} or {last}"),
    "no_python": N_("This folder needs Python {versions}, and this computer does not have it."),
    "get_python_sh": N_(
        "Install Python {version} (from python.org, or with your system's package manager), "
        "then run this again: sh install.sh"
    ),
    "get_python_bat": N_(
        'Install Python {version} from python.org, tick "Add python.exe to PATH", '
        "then run install.bat again."
    ),
    "stopped": N_(
        "The installation stopped. If pip says a file does not match its hash, this copy of "
        "the folder was changed or damaged: copy it again from the original (check with: "
        "{verify})."
    ),
    "not_served": N_(
        "If pip found no matching file, this computer is not one this folder was made for: "
        "targets.txt lists the computers and Pythons it serves."
    ),
    "installed": N_("Installed. Start the course with: {command}"),
    "opening": N_("Opening the course now (close the browser tab and press Ctrl+C here to stop)."),
    "summary": N_(
        "This folder installs the uprkit training kit without internet. On Windows, run "
        "install.bat; on macOS or Linux, run: sh install.sh."
    ),
}


# The computers a pack serves (``wheel_targets.PLATFORMS``), as INSTALL.txt lists them.
_PLATFORM_WORDS = (
    (
        re.compile(r"^Linux with glibc (?P<version>\S+) or later \((?P<machine>[^()]+)\)$"),
        N_("Linux with glibc {version} or later ({machine})"),
    ),
    (
        re.compile(r"^macOS (?P<version>\d+) or later on Apple silicon \((?P<machine>[^()]+)\)$"),
        N_("macOS {version} or later on Apple silicon ({machine})"),
    ),
    (
        re.compile(r"^macOS (?P<version>\d+) or later on Intel \((?P<machine>[^()]+)\)$"),
        N_("macOS {version} or later on Intel ({machine})"),
    ),
)


def platform_in_words(label: str, language: str = "en") -> str:
    """A platform's label (``wheel_targets.PLATFORMS``) in ``language``.

    >>> platform_in_words("Linux with glibc 2.28 or later (x86_64)", "es")
    'Linux con glibc 2.28 o posterior (x86_64)'
    """
    for pattern, message in _PLATFORM_WORDS:
        match = pattern.match(label)
        if match:
            return gettext(language)(message).format(**match.groupdict())
    return label


def versions_in_words(versions: list[str], language: str = "en") -> str:
    """``3.11, 3.12 or 3.13`` in ``language``."""
    if len(versions) == 1:
        return versions[0]
    return gettext(language)(MESSAGES["or"]).format(
        earlier=", ".join(versions[:-1]), last=versions[-1]
    )


def install_words(language: str, versions: list[str]) -> dict[str, str]:
    """Every message of the install scripts, translated, placeholders filled (oldest first)."""
    _ = gettext(language)
    newest = versions[-1]
    return {
        "no_python": _(MESSAGES["no_python"]).format(
            versions=versions_in_words(versions, language)
        ),
        "get_python_sh": _(MESSAGES["get_python_sh"]).format(version=newest),
        "get_python_bat": _(MESSAGES["get_python_bat"]).format(version=newest),
        "stopped_sh": _(MESSAGES["stopped"]).format(verify="python3 verify.py"),
        "stopped_bat": _(MESSAGES["stopped"]).format(verify="python verify.py"),
        "not_served": _(MESSAGES["not_served"]),
        "installed_sh": _(MESSAGES["installed"]).format(command=".venv/bin/jupyter lab course/"),
        "installed_bat": _(MESSAGES["installed"]).format(
            command=".venv\\Scripts\\jupyter lab course\\"
        ),
        "opening": _(MESSAGES["opening"]),
        "summary": _(MESSAGES["summary"]) if language != "en" else "",
    }


def sh_echo(text: str) -> str:
    """``text`` safe inside double quotes in a POSIX shell."""
    return re.sub(r'([\\"$`])', r"\\\1", text)


def bat_echo(text: str) -> str:
    """``text`` safe after ``echo`` in a ``.bat`` file, inside a parenthesised block or not."""
    return re.sub(r"([()&|<>^])", r"^\1", text).replace("%", "%%")
