"""The tariff room: the tariff list and editor, assigning to meters, parameters not in sync."""
