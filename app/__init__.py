"""Prepaid Energy Manager: prepaid electricity for commercial buildings."""

__version__ = "0.1.0"
