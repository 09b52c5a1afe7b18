"""Where orders are kept: the store protocol, SQLite, PostgreSQL, accounts."""
