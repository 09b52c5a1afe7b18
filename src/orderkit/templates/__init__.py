"""Seller templates: loading, mapping a sheet, drafting, built-in layouts."""
