"""Understanding a question before any search: validation, the plan (years, comparison, answer type, key terms),
the words that frame a question, which statements it points at, spelling against the corpus vocabulary,
everyday words mapped to the statements' terms, the statements' names found in a question, and what a
follow-up turn of a conversation asks.

May import index.text and index.models only.
"""
