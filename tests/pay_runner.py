"""The payment service alone in its own process (kill -9 test): ``python -m tests.pay_runner DIR``.

The buses belong to a collector (job rows); the provider is the test double
(every refund accepted). Prints "pay service up" once it ticks.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(data_dir: str) -> None:
    from app.paths import SitePaths
    from app.services.payments import registry
    from app.services.payments.pay_service import PayService
    from app.services.site import Site
    from tests.pay_helpers import DoubleProvider

    registry.install("wechat", DoubleProvider())
    site = Site(SitePaths(Path(data_dir))).open().start(poll=False, role="cli", serve=False)
    service = PayService(site)
    print("pay service up", flush=True)
    while True:
        service.tick()
        time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1])
