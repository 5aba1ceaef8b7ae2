"""The answer-quality eval: a dataset written from the statements, metrics and a CI gate."""
