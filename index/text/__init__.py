"""Words: tokenising, stemming, the one list of stop words and edit distance.

Every other part of index/ reads text through these; this package imports nothing from index/.
"""
