"""Charts drawn with pyqtgraph (issue #14): a meter's daily energy, the load curve of one day,
its balance over time with the recharges, a building's daily total; hover values and PNG export.

The data come from ``app.services.meter_history`` (no Qt); these widgets only draw them.
"""
