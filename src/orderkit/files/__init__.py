"""Reading and writing files: detect, safety scan, xlsx, csv, sheets, failure file."""
