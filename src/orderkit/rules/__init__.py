"""The rules of SPEC §1: field rules, order rules and the checks they are built from."""
