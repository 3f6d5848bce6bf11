"""The German language of the site and the packages: every sentence, caption, alternative text and
label is made here, from the numbers as displayed.

    numbers   German number format, the value as displayed (``shown``), units
    signs     signs for numbers that are not shown (official statistics), their legend
    names     articles, cases, plurals, declension of area names and nouns
    compare   comparison words from two displayed numbers
    classes   what the classes mean, scales, first sentence, stability, distances
    focus     the Vertiefung of a Fokusquartier: rule, deciding part, contributions
    changes   class changes between editions
    captions  titles, captions, alternative texts and legends of figures
    voice     who speaks; placeholder addresses marked

Pure functions and small frozen records; nothing here reads files or knows pages.
"""
