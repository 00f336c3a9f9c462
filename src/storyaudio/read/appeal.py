"""The appeal after the story: on a charity's or newsroom's page the story is followed by a call to
give, sign up or partner ("You can help...", "Your monthly gift..."), which listeners came not to hear.

It is recognised by its shape, not by any one site's words (in English,
Spanish, French, German, Italian and Portuguese): a run of
paragraphs at the end of the page, each asking something of the reader
(words of giving, joining or signing up, said to "you" and calling for it
now or next, or short labels),
with no two paragraphs in a row between them that ask nothing ("Together,
we can end this."). It
is at most half of the page's words, so a story is never taken for its own
appeal. Readers mark those paragraphs ``appeal``; the script leaves them out
of the narration unless the show reads them (``[show] read_appeals = true``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..models import Chapter, Paragraph

_ASKING_ELSEWHERE = (
    # Spanish, French, German, Italian and Portuguese: giving, joining, signing, subscribing
    r"don[aeo]\w*|dons?|doe|doar|doaç\w+|colabor\w+|apoy\w+|apoi[eoa]\w*|soci[oa]s?|suscr[ií]b\w*|bolet[ií]n|"
    r"boletim|únete|voluntari\w*|bénévol\w*|volontari\w*|ehrenamt\w*|firm[ae]r?|assin[ae]\w*|cuota|mensual\w*|"
    r"mensuel\w*|monatlich\w*|mensile|soutien\w*|souten\w+|sostegn\w+|sosten\w+|unterstütz\w*|\w*spende\w*|"
    r"\w*mitglied\w*|adh[ée]r\w*|abonn\w*|inscri\w*|iscri\w*|newsletter|pétition|petición|petizione|petição|"
    r"rejoign\w*|unisciti|junte-se|mitmachen|aidez-nous|ayúdanos|aiutaci|ajude-nos|reçu fiscal|spendenquittung|"
    r"5x1000|contribu\w+|partag\w+|comparte|condividi|compartilhe|partilhe|teilen")
_ASKING = re.compile(
    r"\b(?:" + _ASKING_ELSEWHERE + r"|donat\w*|give|giving|gifts?|support(?:er)?s?|monthly|sign(?:ing)?[ -]?up|"
    r"sign in|subscribe\w*|"
    r"newsletters?|join|partners?|portal|tax|updates?|e-?mails?|fundrais\w*|sponsor\w*|register|volunteer\w*|"
    r"get involved|make a difference|help us|you can help|act now|petition|follow us|share (?:this|our)|"
    r"privacy|cookies?|contact (?:us|info)|receipts?|log in|login|make the most impact)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your|yours|you['’](?:ll|re|ve|d)|tú|tu|tus|usted|ustedes|te|contigo|vuestr[oa]s?|"
                  r"vous|votre|vos|toi|Sie|Ihr|Ihre[nmrs]?|Ihnen|dein\w*|dich|dir|tuo|tua|tuoi|voi|"
                  r"vostr[oaie]|você|vocês|seu|sua|teu)\b", re.IGNORECASE)
_CALL = re.compile(r"\b(?:hoy|ahora|ya|por favor|puedes|puede|podéis|aujourd'hui|maintenant|s'il vous plaît|"
                   r"pouvez|peux|heute|jetzt|bitte|können|kannst|werden sie|oggi|ora|adesso|per favore|puoi|potete|"
                   r"hoje|agora|pode|podes|dona|donne[zr]?|doe|spenden|únete|hazte|faites|werde|unisciti|"
                   r"junte-se|today|now|please|join|sign|donate|give|subscribe|become|register|monthly|"
                   r"you(?:['’]ll| can| could| will| would)|(?:will|can|could) help|help (?:us|send|save|fund)|"
                   r"make (?:a|the|your))\b", re.IGNORECASE)
"""Words that ask for something now or next: "Your gifts paid for the boats" reports, it does not ask."""
MAX_APPEAL_SHARE = 0.5
"""An appeal is at most this share of the page's words."""


SHORT_LABEL_WORDS = 8
"""A line this short with a word of asking is a button or a link ("Donor Portal", "sign up")."""


_CONTACT = re.compile(r"\+?\d[\d ().-]{6,}\d|https?://|\bwww\.|\b[\w.+-]+@[\w-]+\.\w")
"""A telephone number, a web address or an e-mail address."""


def asks_the_reader(text: str) -> bool:
    """True for a paragraph that asks the reader to give, join or sign up: a word of asking said to
    "you" with a word that calls for it now or next, or a short label, or a short line of contact
    details (a helpline's number, a donation page's address). A story's own "with the support of
    partners" asks nobody, nor does "your gifts paid for the boats"."""
    if is_label(text) and _CONTACT.search(text):
        return True
    if not _ASKING.search(text):
        return False
    if is_label(text):
        return True
    return bool(_YOU.search(text)) and bool(_CALL.search(text))


SENTENCE_END = re.compile(r"[.!?…:\"'”’)\]]$")
"""How a line that is a sentence (or leads into one) ends; a label, button or link does not."""


def is_label(text: str, most_words: int = SHORT_LABEL_WORDS) -> bool:
    """A button, link or menu line: at most *most_words* words, and no sentence ends in it (the
    appeal's and the plain-text footer's one rule)."""
    text = text.strip()
    return bool(text) and len(text.split()) <= most_words and not SENTENCE_END.search(text)


def _heads_the_appeal(text: str) -> bool:
    """The appeal's own heading before it: a short line that calls or speaks to the reader
    ("You Can Help Today.", "Stand With Farmers Today")."""
    return len(text.split()) <= SHORT_LABEL_WORDS and bool(_CALL.search(text) or _YOU.search(text))


def appeal_start(paragraphs: Sequence[str]) -> int:
    """Index of the first paragraph of the appeal that ends *paragraphs* (``len`` when there is none)."""
    start = len(paragraphs)
    index = len(paragraphs) - 1
    while index >= 0:
        if asks_the_reader(paragraphs[index]):
            start = index
        elif not (start < len(paragraphs) and index > 0 and asks_the_reader(paragraphs[index - 1])):
            break  # the story itself; one quiet paragraph inside the appeal is passed over
        index -= 1
    if 0 < start < len(paragraphs) and _heads_the_appeal(paragraphs[start - 1]):
        start -= 1
    total = sum(len(text.split()) for text in paragraphs)
    appeal = sum(len(text.split()) for text in paragraphs[start:])
    return start if appeal <= total * MAX_APPEAL_SHARE else len(paragraphs)


def mark_appeal(chapters: Sequence[Chapter]) -> list[Chapter]:
    """*chapters* with the appeal that ends the page marked ``appeal``, across chapters (the
    HTML and plain-text readers both call this: an appeal under its own heading is still one)."""
    texts = [paragraph.text for chapter in chapters for paragraph in chapter.paragraphs]
    start = appeal_start(texts)
    marked: list[Chapter] = []
    index = 0
    for chapter in chapters:
        paragraphs = []
        for paragraph in chapter.paragraphs:
            paragraphs.append(Paragraph(paragraph.text, "appeal") if index >= start else paragraph)
            index += 1
        marked.append(replace(chapter, paragraphs=tuple(paragraphs)))
    return marked
