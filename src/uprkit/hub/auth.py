"""The hub's authenticator: user name + first-login token from the cohort's roster.

Why the kit's own and not jupyterhub-firstuseauthenticator: that one lets whoever logs in first
with a name choose its password, so a participant who is late can find their account taken;
here the trainer hands each participant a random token made by ``uprkit hub add-cohort``, the
hub keeps only its scrypt hash (``accounts.json`` in the hub's state folder, root only), and
nobody can create an account by logging in. The token stays the account's password; a lost
one is replaced by running ``add-cohort`` again with ``--new-tokens``.
"""

from __future__ import annotations

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from uprkit.hub.accounts import load_accounts, verify_token

__all__ = ["RosterAuthenticator"]


class RosterAuthenticator(Authenticator):
    """Log in with the user name and the token printed for the trainer at ``add-cohort``."""

    accounts_file = Unicode(
        help="The hub's accounts file (uprkit.hub.accounts), with each account's token hash."
    ).tag(config=True)

    def _account(self, username: str):
        return load_accounts(self.accounts_file).get(username)

    async def authenticate(self, handler, data):
        username = (data.get("username") or "").strip().lower()
        token = (data.get("password") or "").strip()
        account = self._account(username)
        if account is None or not token or not verify_token(token, account.token_hash):
            # the same answer for an unknown name and a wrong token: nothing to probe. JupyterHub
            # logs what was typed as the name (its log is root-only: <prefix>/log, mode 700)
            return None
        return {"name": username}

    async def check_allowed(self, username, authentication=None):
        """Only accounts in the accounts file may use the hub (nobody is added by logging in)."""
        return self._account(username) is not None
