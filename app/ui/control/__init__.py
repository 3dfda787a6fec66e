"""Remote control of meters from the grid (maintenance): relay commands."""
