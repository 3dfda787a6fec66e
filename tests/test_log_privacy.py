"""``-v`` never writes password hashes, PIN hashes or phone numbers to the log (issue #6, 10).

Runs in a fresh interpreter with the program's own ``setup_logging(verbose=True)``
(debug logging to stderr, as ``main.py -v`` does), creates an operator and a
tenant, logs in, searches, and then looks for the secrets in everything logged.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
from app.logconfig import setup_logging
setup_logging(verbose=True)
from app.models import Operator, Tenant, open_database
from app.services.auth import AuthService
from app.services.tenants import TenantInfo, create_tenant, search_tenants
import os
from pathlib import Path
from app.services.chain_rekey import open_chains
open_database(sys.argv[1], create=True)
open_chains(os.urandom(32), Path(sys.argv[1]).parent / "master.key")
auth = AuthService()
admin = auth.create_first_admin("admin", "s3cret-admin")
auth.login("admin", "s3cret-admin")
info = TenantInfo("Zhang San", phone="13912345678", id_number="ID-440301", pin="2468")
create_tenant(admin, info)
search_tenants(admin, "1391234")
print(Operator.get().password_hash)
print(Tenant.get().pin_hash)
"""


def test_verbose_log_hides_parameters_of_operator_and_tenant_tables(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "site.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    password_hash, pin_hash = done.stdout.split()
    log = done.stderr
    assert 'INSERT INTO "operator"' in log and 'FROM "tenant"' in log  # debug SQL is on
    assert "parameters not logged" in log
    for secret in (password_hash, pin_hash, "13912345678", "1391234", "ID-440301"):
        assert secret not in log
    for part in (password_hash.split("$")[-1], pin_hash.split("$")[-1]):
        assert part not in log  # not even the hash without its prefix
    # Other tables keep their parameters (what makes a debug log useful).
    assert "login.ok" in log and "'tenant.create'" in log
