"""ID3 tags and chapters, written with mutagen.

Podcast apps read ID3v2.3 most reliably, so that is the default. Chapters
follow the ID3v2 chapter addendum: one top-level, ordered CTOC listing every
CHAP in time order; each CHAP carries its title in a TIT2 sub-frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    PRIV,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    TXXX,
    WXXX,
    CTOCFlags,
    Frame,
    PictureType,
)

from ..models import ChapterMark

_NO_OFFSET = 0xFFFFFFFF
"""CHAP byte offsets are optional; this value says "not given"."""


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    artist: str | None
    album: str
    year: str | None = None
    description: str | None = None
    genre: str = "Podcast"
    cover: bytes | None = None
    """JPEG front cover."""

    credits: tuple[str, ...] = ()
    """Who reads it: "Read by a synthetic voice: Piper ... (licence)", one line per voice."""


XMP_OWNER = "XMP"
"""The owner of the ``PRIV`` frame that carries an XMP packet in ID3 (as Adobe's tools write it)."""
TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
"""IPTC's digital source type for media made by a trained model: a synthetic voice's narration."""


def synthetic_voice_xmp(credits: Sequence[str]) -> bytes:
    """An XMP packet saying, in a form programs read (EU AI Act, Art. 50), that the audio was made by
    a trained model: IPTC ``DigitalSourceType`` ``trainedAlgorithmicMedia``, ``storyaudio`` as the
    creator tool, and the voices named in ``dc:description``."""
    voices = escape("\n".join(credits))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        f'Iptc4xmpExt:DigitalSourceType={quoteattr(TRAINED_ALGORITHMIC_MEDIA)} xmp:CreatorTool="storyaudio">'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{voices}</rdf:li></rdf:Alt></dc:description>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="r"?>'
    ).encode()


def write_tags(path: Path, tags: EpisodeTags, chapters: tuple[ChapterMark, ...],
               chapter_images: Sequence[bytes | None] = ()) -> None:
    """Replace every tag in the MP3 at *path* with *tags* and *chapters*.

    A chapter's link becomes a ``WXXX`` frame in its ``CHAP``, and its
    picture (JPEG bytes in *chapter_images*, in chapter order) an ``APIC``.
    """
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    if tags.artist:
        id3.add(TPE1(encoding=3, text=[tags.artist]))
    id3.add(TALB(encoding=3, text=[tags.album]))
    id3.add(TCON(encoding=3, text=[tags.genre]))
    if tags.year:
        id3.add(TDRC(encoding=3, text=[tags.year]))
    if tags.description:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=[tags.description]))
    if tags.credits:
        # The credit travels with the file wherever it is shared: a comment players show, and a
        # named text frame that says plainly the narration is synthetic.
        id3.add(COMM(encoding=3, lang="eng", desc="Voice", text=["\n".join(tags.credits)]))
        id3.add(TXXX(encoding=3, desc="Voice", text=list(tags.credits)))
        id3.add(PRIV(owner=XMP_OWNER, data=synthetic_voice_xmp(tags.credits)))
    if tags.cover:
        id3.add(APIC(encoding=3, mime="image/jpeg", type=PictureType.COVER_FRONT, desc="Cover",
                     data=tags.cover))
    ids = [f"chp{index}" for index in range(len(chapters))]
    if chapters:
        _add_tables_of_contents(id3, ids, [chapter.part_of for chapter in chapters])
    images = list(chapter_images) + [None] * (len(chapters) - len(chapter_images))
    for element_id, chapter, image in zip(ids, chapters, images, strict=False):
        sub_frames: list[Frame] = [TIT2(encoding=3, text=[chapter.listed_title])]
        if chapter.url:
            sub_frames.append(WXXX(encoding=3, desc="chapter url", url=chapter.url))
        if image:
            sub_frames.append(APIC(encoding=3, mime="image/jpeg", type=PictureType.OTHER, desc="chapter image",
                                   data=image))
        id3.add(CHAP(
            element_id=element_id,
            start_time=chapter.start_ms,
            end_time=chapter.end_ms,
            start_offset=_NO_OFFSET,
            end_offset=_NO_OFFSET,
            sub_frames=sub_frames,
        ))
    id3.save(path, v2_version=3)


MAX_TOC_ENTRIES = 255


def _add_nested_tables(id3: ID3, ids: list[str], parts: list[str | None], title: Sequence[Frame]) -> None:
    entries: list[str] = []  # the top level: a table per story, or a chapter that is part of none
    groups: list[tuple[str, str, list[str]]] = []
    for element_id, part in zip(ids, parts, strict=True):
        if part is None:
            entries.append(element_id)
        elif groups and groups[-1][1] == part and groups[-1][0] == entries[-1]:
            groups[-1][2].append(element_id)
        else:
            groups.append((f"toc{len(groups) + 1}", part, [element_id]))
            entries.append(groups[-1][0])
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                 child_element_ids=entries[:MAX_TOC_ENTRIES], sub_frames=list(title)))
    for name, part, children in groups:
        id3.add(CTOC(element_id=name, flags=CTOCFlags.ORDERED, child_element_ids=children[:MAX_TOC_ENTRIES],
                     sub_frames=[TIT2(encoding=3, text=[part])]))
"""A CTOC frame counts its entries in one byte."""


def _add_tables_of_contents(id3: ID3, ids: list[str], parts: Sequence[str | None] = ()) -> None:
    """One top-level, ordered CTOC; past 255 chapters it lists ordered sub-tables of 255 each.

    Chapters that are *parts* of a story (an episode of several) are nested: the top-level
    table lists one ordered table per story, titled with the story's title, holding its chapters.
    """
    title = [TIT2(encoding=3, text=["Chapters"])]
    if any(parts):
        _add_nested_tables(id3, ids, list(parts), title)
        return
    if len(ids) <= MAX_TOC_ENTRIES:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                     child_element_ids=ids, sub_frames=title))
        return
    groups = [ids[start:start + MAX_TOC_ENTRIES] for start in range(0, len(ids), MAX_TOC_ENTRIES)]
    names = [f"toc{number}" for number in range(len(groups))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                 child_element_ids=names, sub_frames=title))
    for name, group in zip(names, groups, strict=False):
        id3.add(CTOC(element_id=name, flags=CTOCFlags.ORDERED, child_element_ids=group,
                     sub_frames=[TIT2(encoding=3, text=[f"Chapters {group[0][3:]} on"])]))
