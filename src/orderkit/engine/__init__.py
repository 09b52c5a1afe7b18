"""The pipeline: assemble orders, check, group, validate files and frames, upload."""
