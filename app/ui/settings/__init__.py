"""The system settings window: buildings, gateways, buses, meters (and the site's defaults)."""
