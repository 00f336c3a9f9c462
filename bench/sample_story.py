"""An original long story of any length, for benchmarks (no real text is copied)."""

from __future__ import annotations

SENTENCES = [
    "The ferry left the jetty just after nine, its single lamp swinging above the bow.",
    "Grace counted the vaccine boxes twice before she let herself sit down.",
    "On the far bank, a line of torches showed where the families were waiting.",
    "Nobody spoke much during the crossing; the river was loud enough for everyone.",
    "By midnight the clinic had seen fourteen children and two mothers in labour.",
    "The pilot said the water was higher than it had been in twenty years.",
    "When the rain stopped, the frogs started, and the night felt a little shorter.",
    "She wrote every name in the ledger, because every name mattered to someone.",
]


def make_story(words: int) -> str:
    """An original story of about *words* words: paragraphs of four sentences, chapters of five."""
    lines = ["# The long crossing", ""]
    count, sentence, paragraph = 0, 0, 0
    while count < words:
        if paragraph % 5 == 0:
            lines += [f"## Part {paragraph // 5 + 1}", ""]
        chosen = [SENTENCES[(sentence + k) % len(SENTENCES)] for k in range(4)]
        chosen[0] = f"Night {paragraph + 1}. {chosen[0]}"  # every paragraph unique
        sentence += 4
        paragraph += 1
        text = " ".join(chosen)
        count += len(text.split())
        lines += [text, ""]
    return "\n".join(lines)
