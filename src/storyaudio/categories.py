"""Apple Podcasts' categories and subcategories, spelled exactly as Apple requires."""

from __future__ import annotations

import difflib

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition",
                         "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
                                "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
               "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
               "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}


def category_problem(category: str, subcategory: str = "") -> str | None:
    """Why *category* / *subcategory* is not in Apple's list (with the closest match), or None."""
    if category not in APPLE_CATEGORIES:
        return f"category {category!r} is not one of Apple's{_closest(category, APPLE_CATEGORIES)}"
    if subcategory and subcategory not in APPLE_CATEGORIES[category]:
        allowed = APPLE_CATEGORIES[category]
        if not allowed:
            return f"category {category!r} has no subcategories"
        return f"subcategory {subcategory!r} is not in {category!r}{_closest(subcategory, allowed)}"
    return None


def _closest(value: str, choices: object) -> str:
    names = list(choices)  # type: ignore[call-overload]
    folded = {name.casefold(): name for name in names}
    if value.casefold() in folded:
        return f"; did you mean {folded[value.casefold()]!r}?"
    matches = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
    return f"; did you mean {matches[0]!r}?" if matches else ""
