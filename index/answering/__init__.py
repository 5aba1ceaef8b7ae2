"""Answering: the Answerer seam, extractive selection and composition, the Engine and the one pipeline
(answer, answer_async, answer_events, search) that every surface calls, and the statements read whole from the
served index with questions built from their headings that it answers; questions about a meeting itself and
what an acronym stands for, answered from what the statements say of themselves; and what someone said, answered
with the quotations a statement attributes to them.

May import every layer below it (retrieval, question, store, embedding, text), never index.generation.
"""
