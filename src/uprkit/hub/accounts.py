"""The hub's accounts: Unix user names from the roster, first-login tokens, the accounts file.

A participant's Unix (and hub, and nbgrader) user name is ``<course>-<participant_id>`` in
lower case: never a person's name, since participants may be at risk and user names end up in
logs, in the hub's database and in the exchange. The token a participant logs in with is
random, printed once for the trainer and kept only as an scrypt hash in ``accounts.json``
inside the hub's state folder (root only).

>>> participant_username("cohort_2027", "P01")
'cohort_2027-p01'
>>> token = new_token()
>>> stored = hash_token(token)
>>> stored.startswith("scrypt$"), verify_token(token, stored), verify_token("wrong", stored)
(True, True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from uprkit.errors import UprkitError

__all__ = [
    "Account",
    "HubAccountError",
    "check_trainer_name",
    "hash_token",
    "load_accounts",
    "new_token",
    "participant_username",
    "save_accounts",
    "verify_token",
]

# Debian's useradd accepts longer names, but `ps`, `ls -l` and many tools cut at 32.
_UNIX_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# scrypt cost: about 50 ms and 16 MiB per login on these machines, nothing for a cohort of 20.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class HubAccountError(UprkitError):
    """An account cannot be made or used (names the roster row, user or file, and the fix)."""


@dataclass
class Account:
    """One hub account as the accounts file keeps it (no person's name, only the hash)."""

    username: str
    course: str
    role: str  # "participant" or "trainer"
    language: str
    token_hash: str
    participant_id: str = ""


def participant_username(course: str, participant_id: str) -> str:
    """The Unix user name of a participant: ``<course>-<participant_id>``, lower case.

    >>> participant_username("c1", "amina/1")
    Traceback (most recent call last):
    ...
    uprkit.hub.accounts.HubAccountError: participant 'amina/1' of course 'c1' cannot ...
    """
    name = f"{course}-{participant_id}".lower()
    if not _UNIX_NAME.match(name):
        raise HubAccountError(
            f"participant {participant_id!r} of course {course!r} cannot have the Unix user name "
            f"{name!r}: it must be at most 32 lower-case letters, digits, '-' or '_' in all; "
            "use a shorter course id or participant ids"
        )
    return name


def check_trainer_name(name: str) -> str:
    """Return ``name`` if it can be the trainer's Unix user name, else raise.

    >>> check_trainer_name("trainer1")
    'trainer1'
    """
    if not _UNIX_NAME.match(name) or name in {"root", "nobody"}:
        raise HubAccountError(
            f"trainer name {name!r} is not usable as a Unix user name: use at most 32 lower-case "
            "letters, digits, '-' or '_', starting with a letter (a handle, not a person's name)"
        )
    return name


def new_token() -> str:
    """A random first-login token (about 96 bits), easy to read out or copy."""
    return secrets.token_urlsafe(12)


def hash_token(token: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` for ``token`` (hashlib.scrypt, a fresh salt by default)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(token.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_token(token: str, stored: str) -> bool:
    """Whether ``token`` matches the hash ``stored`` (constant-time comparison)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hashlib.scrypt(
            token.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again.hex(), digest)


def load_accounts(path: Path) -> dict[str, Account]:
    """The accounts file (``{}`` when there is none yet); a damaged file is an error, not empty."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {name: Account(**entry) for name, entry in raw["accounts"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise HubAccountError(
            f"{path}: the hub's accounts file is damaged ({exc}); restore it from a backup"
        ) from exc


def save_accounts(path: Path, accounts: dict[str, Account]) -> None:
    """Write the accounts file atomically, readable by root only (mode 600)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(
            {"accounts": {n: asdict(a) for n, a in sorted(accounts.items())}}, handle, indent=1
        )
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
