"""Online self-purchase (issue #16): orders, payment providers, crediting, reconciliation."""
