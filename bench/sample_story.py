"""An original long story of any length, for benchmarks (no real text is copied).

Every sentence is different, so the clip cache cannot make a cold build look
faster than it is.
"""

from __future__ import annotations

WHO = ["Grace", "The pilot", "An old fisherman", "The nurse", "A boy with a lantern", "The ferryman's daughter",
       "The night clerk", "A woman from the market", "The teacher", "Her brother", "The doctor", "A stranger"]
DID = ["counted", "carried", "mended", "searched for", "remembered", "painted", "lost", "found",
       "guarded", "wrapped", "sold", "borrowed", "followed", "described"]
WHAT = ["the vaccine boxes", "a torn map of the river", "the brass bell", "three loaves of bread",
        "the ledger of names", "a bundle of dry reeds", "the broken oar", "a letter from the city",
        "the blue umbrella", "a jar of honey", "the radio", "a basket of limes", "the spare lamp",
        "a pair of boots", "the key to the clinic", "a sleeping goat", "the long rope"]
WHERE = ["before dawn", "by the jetty", "under the bridge", "near the fish market", "in the rain",
         "behind the school", "at the edge of the village", "on the crowded deck", "beside the well"]


def sentence(index: int) -> str:
    """The index-th sentence; distinct for the first several thousand indices."""
    who = WHO[index % len(WHO)]
    did = DID[(index // len(WHO)) % len(DID)]
    what = WHAT[(index // (len(WHO) * len(DID))) % len(WHAT)]
    where = WHERE[(index * 7) % len(WHERE)]
    return f"{who} {did} {what} {where}."


def make_story(words: int) -> str:
    """A Markdown story of about *words* words: paragraphs of four sentences, chapters of five."""
    lines = ["# The long crossing", ""]
    count, index, paragraph = 0, 0, 0
    while count < words:
        if paragraph % 5 == 0:
            lines += [f"## Part {paragraph // 5 + 1}", ""]
        text = " ".join(sentence(index + k) for k in range(4))
        index += 4
        paragraph += 1
        count += len(text.split())
        lines += [text, ""]
    return "\n".join(lines)
