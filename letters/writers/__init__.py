"""Writers: each walks the document tree and returns one output format."""
