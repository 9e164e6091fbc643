"""Domain tables in one place: labels, synonyms, aliases, boilerplate.

Rules look strings up here by key instead of hard-coding Chinese text (see
../shared/domain.md for the sources of every label).
"""
