"""Online payments in the main window (issue #16): reconciliation with the providers."""
