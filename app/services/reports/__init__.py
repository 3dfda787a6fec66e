"""The report centre's services (issue #14): sales, shift closing, energy, and their tables.

No Qt here. Every figure is computed from integers (fen, 0.01 kWh) and every
grouping of a report is a sum of the same base cells, so totals add up to the
fen whichever way the report is cut.
"""
