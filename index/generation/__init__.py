"""Opt-in LLM answering: settings, llama-index clients, prompt files, and the verifier that removes every
generated sentence its cited sources do not support. LLMAnswerer implements the answering.base seam.

May import index.answering.base and the layers below it.
"""
