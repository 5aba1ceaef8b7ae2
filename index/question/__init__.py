"""Understanding a question before any search: validation, the plan (years, comparison, answer type, key terms),
the words that frame a question, which statements it points at, spelling against the corpus vocabulary,
everyday words mapped to the statements' terms, the statements' names found in a question, what it asks of
people (whose words, which office, advice for the asker), what a count counts, what is wrapped around a question
(greetings, asides), and what a follow-up turn of a conversation asks.

May import index.text and index.models only.
"""
