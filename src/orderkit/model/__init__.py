"""Value types, fields (order- or line-level), problems, codes, messages and errors."""
