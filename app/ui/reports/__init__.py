"""The report centre (issue #14): sales and energy report windows, shift closing, drill-down."""
