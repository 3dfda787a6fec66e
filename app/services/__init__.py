"""Use cases (billing, accounts, control, reports, site wiring); no Qt widgets."""
