"""``template``: write the empty Excel template a site is described in (issue #11).

Sheets for buildings, gateways, buses, meters and (optional) tenants, headers
in Chinese and English, Excel's lists where Excel can offer them, and a sheet
of instructions. Needs no site. Exit 0: written; 2: the file cannot be written.
"""

from __future__ import annotations

import argparse

NAME = "template"
HELP = "write the empty Excel template for describing a site (then: import FILE)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="the .xlsx file to write, e.g. site.xlsx")


def run(args) -> int:
    from app.services.site_workbook import write_template

    write_template(args.out)  # an OSError is main.py's exit 2 with one sentence
    print(f"template written to {args.out}")
    print("fill it in, then: python main.py import " + str(args.out))
    return 0
