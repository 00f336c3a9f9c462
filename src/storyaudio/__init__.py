"""storyaudio: turn written stories into narrated, chaptered podcast episodes.

The pipeline, one public function per stage::

    read_story(path)                  -> Story
    write_script(story)               -> Script
    synthesize(segments, engine)      -> list[Clip]
    assemble(script, clips, folder)   -> Episode
    publish_episode(out, show, episode, folder)
                                      -> the episode, feed.xml, index.html, player pages

:func:`build` runs them all for a list of story files.
"""

from . import (
    build,  # the module, callable as build(): storyaudio.build.plan_stories names it too
    publish,  # the package, callable as publish(); storyaudio.publish.check is its module
)
from ._version import __version__ as __version__
from .assemble import assemble
from .build import BuildProgress
from .cache import CacheError, ClipCache
from .engines import Engine, create_engine
from .errors import (
    AudioError,
    BuildFailures,
    HeldBack,
    PublishError,
    StoryAudioError,
    StoryError,
    SynthesisError,
    VoiceError,
)
from .executors import ExecutorError
from .lexicon import LexiconError
from .models import (
    Chapter,
    ChapterMark,
    Clip,
    Cue,
    Episode,
    Paragraph,
    Script,
    ScriptChapter,
    Segment,
    Story,
)
from .publish import load_catalog, publish_episode
from .read import find_stories, read_story
from .read.urls import BadURL
from .read.web import FetchError, RobotsForbid
from .script import split_sentences, write_script
from .settings import AudioSettings, Pauses, Show, ShowError, load_show
from .synthesize import synthesize
from .voices import VoiceProfile, list_voices, load_voice

__all__ = [
    "BuildFailures",
    "HeldBack",
    "publish_episode",
    "AudioError",
    "AudioSettings",
    "BadURL",
    "CacheError",
    "ExecutorError",
    "FetchError",
    "LexiconError",
    "RobotsForbid",
    "ShowError",
    "BuildProgress",
    "Chapter",
    "ChapterMark",
    "Clip",
    "ClipCache",
    "Cue",
    "Engine",
    "Episode",
    "Paragraph",
    "Pauses",
    "PublishError",
    "Script",
    "ScriptChapter",
    "Segment",
    "Show",
    "Story",
    "StoryAudioError",
    "StoryError",
    "SynthesisError",
    "VoiceError",
    "VoiceProfile",
    "assemble",
    "build",
    "create_engine",
    "find_stories",
    "list_voices",
    "load_catalog",
    "load_show",
    "load_voice",
    "publish",
    "read_story",
    "split_sentences",
    "synthesize",
    "write_script",
]
