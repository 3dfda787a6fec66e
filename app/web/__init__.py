"""The tenants' mobile site (issue #15): a Starlette app over the tenant service, no Qt.

``app.create_app`` builds it; ``serve`` runs it with uvicorn (``main.py portal``
or inside the collection service). Only tenant routes exist here: the
operators' side is not reachable from it at all.
"""
