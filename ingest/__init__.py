"""Turn statement files into cleaned, sectioned, sentence-level units for the index."""
