"""The system settings room: buildings, gateways, buses, meters, the site's defaults, and
the Excel import and export."""
