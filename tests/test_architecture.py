"""The package's shape: floors that follow the pipeline, one home for the output's names,
a build() that reads as the stages, an error tree that is complete, and a version written once."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
from pathlib import Path

import pytest

import storyaudio
import storyaudio.errors
from storyaudio import layout

PACKAGE = Path(storyaudio.__file__).parent

LEVELS: list[tuple[str, ...]] = [
    # Settings, values, layout and errors at the bottom; the stages in pipeline order; cli on top.
    ("_version", "errors", "layout", "cache_layout", "categories", "models", "words", "settings", "atomic", "ffmpeg",
     "voices", "executors"),
    ("read",),
    ("lexicon", "normalise", "script"),
    ("engines", "cache", "synthesize", "casting", "sample", "download", "voice_catalogue"),
    ("assemble",),
    ("publish",),
    ("build", "init", "quality", "listen"),
    ("cli", "__init__", "__main__"),
]
"""A module may import its own floor or the floors below it, never one above."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def level(module: str) -> int:
    top = module.split(".")[0]
    for number, names in enumerate(LEVELS):
        if top in names:
            return number
    raise AssertionError(f"{module} is on no floor of LEVELS: add it where it belongs")


def imports(module: str) -> set[str]:
    """The storyaudio modules *module* imports, TYPE_CHECKING imports included."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base_parts = package.split(".") if package else []
            base_parts = base_parts[: len(base_parts) - (node.level - 1)] if node.level > 1 else base_parts
            base = ".".join(part for part in [*base_parts, node.module or ""] if part)
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if candidate in MODULES else (base or "__init__"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyaudio"):
            found.add(node.module.removeprefix("storyaudio").lstrip(".") or "__init__")
    return {name for name in found if name in MODULES}


def test_every_module_is_on_a_floor_and_imports_none_above_it() -> None:
    wrong = [f"{module} (floor {level(module)}) imports {imported} (floor {level(imported)})"
             for module in MODULES for imported in sorted(imports(module)) if level(imported) > level(module)]
    assert wrong == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = {module: imports(module) - {module} for module in MODULES}
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, module, imported]))
            if imported not in state:
                visit(imported, [*trail, module])
        state[module] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [])


LAYOUT_NAMES = [value for name, value in vars(layout).items()
                if name.isupper() and isinstance(value, str) and value != layout.EPISODES_DIR
                ] + [f"{layout.EPISODES_DIR}/"]
"""Every file name of the output, and the episodes folder as a path (a bare word "episodes" is also
a CSS class and a JSON key)."""


def spelled_names(tree: ast.AST) -> list[str]:
    """String constants of the code (docstrings apart) that spell an output file or folder name."""
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [name for name in LAYOUT_NAMES if name in (node.value, *node.value.split("/"))
                      or (name.endswith("/") and name in node.value)]
    return found


def test_the_output_names_are_spelled_only_in_layout() -> None:
    assert {"feed.xml", "episode.json", "transcript.vtt", "show.json", ".publishing.json"} <= set(LAYOUT_NAMES)
    spelled = {module: names for module, path in MODULES.items()
               if module != "layout" and (names := spelled_names(ast.parse(path.read_text())))}
    assert spelled == {}
    for template in (PACKAGE / "templates").glob("*.html"):
        text = template.read_text()
        assert not [name for name in LAYOUT_NAMES if re.search(rf"[\"'/]{re.escape(name)}[\"']", text)], template


def test_spelled_names_finds_a_name_outside_layout() -> None:
    """The check above can fail: a path literal is found, a docstring is not."""
    tree = ast.parse('"""Writes feed.xml."""\nPATH = out / "episodes/" + slug + "/episode.json"\n')
    assert set(spelled_names(tree)) == {"episodes/", "episode.json"}


def test_build_reads_as_the_stages_in_order() -> None:
    from storyaudio.build import _build_plans, build

    for function, steps in ((build, ("_read_web(", "plan_stories(", "_build_plans(", "_prune(")),
                            (_build_plans, ("_make_episode(", "_publish("))):
        source = inspect.getsource(function)
        assert len(source.splitlines()) < 60
        body = source[source.index('"""', source.index('"""') + 3):]
        stages = [body.index(word) for word in steps]
        assert stages == sorted(stages)


def test_the_error_tree_names_every_error_class() -> None:
    import storyaudio.build
    import storyaudio.cache
    import storyaudio.executors
    import storyaudio.lexicon
    import storyaudio.read.web
    import storyaudio.settings

    classes = {cls for module in (storyaudio.errors, storyaudio.settings, storyaudio.cache, storyaudio.lexicon,
                                  storyaudio.executors, storyaudio.build, storyaudio.read.web)
               for cls in vars(module).values()
               if isinstance(cls, type) and issubclass(cls, storyaudio.StoryAudioError)}
    tree = storyaudio.errors.__doc__ or ""
    assert sorted(cls.__name__ for cls in classes if cls.__name__ not in tree) == []
    assert storyaudio.BuildFailures.__bases__ == (storyaudio.StoryAudioError,)


def test_build_failures_say_which_kinds_failed() -> None:
    failures = storyaudio.BuildFailures(
        [("a.md: the voice failed", storyaudio.SynthesisError("x")),
         ("b.md: ffmpeg failed", storyaudio.AudioError("y"))], [])
    assert failures.kinds == ["AudioError", "SynthesisError"]
    assert str(failures) == "a.md: the voice failed\nb.md: ffmpeg failed"
    assert not isinstance(failures, storyaudio.SynthesisError)


def test_version_comes_from_the_installed_metadata() -> None:
    assert storyaudio.__version__ == importlib.metadata.version("storyaudio")
    pyproject = (PACKAGE.parents[1] / "pyproject.toml").read_text()
    assert f'version = "{storyaudio.__version__}"' in pyproject
    sources = [path for path in PACKAGE.rglob("*.py") if re.search(r'__version__\s*=\s*"\d+\.\d+', path.read_text())]
    assert sources == []


@pytest.mark.parametrize(("language", "family"), [("en", "en"), ("en-GB", "en"), ("en_US", "en"), ("de", "de"),
                                                   ("fr-CA", "fr"), ("pt-BR", "pt-br"), ("pt_PT", "pt"), ("sw", None)])
def test_a_language_gets_one_rule_list(language: str, family: str | None) -> None:
    from storyaudio.normalise import ENGLISH_RULES, NEUTRAL_RULES, RULES, rules_for

    expected = RULES[family] if family else NEUTRAL_RULES
    assert rules_for(language) is expected
    english_only = set(ENGLISH_RULES) - set(NEUTRAL_RULES)
    for rule in english_only:
        assert not re.search(r'[!=]= "en"', inspect.getsource(rule)), rule.__name__  # no language gate


def test_emoji_removal_keeps_every_symbol_english_speaks() -> None:
    from storyaudio.normalise.english.tables import SYMBOLS
    from storyaudio.normalise.words import SPOKEN_SYMBOLS

    assert {ch for symbol in SYMBOLS for ch in symbol if not ch.isalnum()} <= SPOKEN_SYMBOLS


def test_emoji_removal_keeps_every_sign_the_european_rules_read() -> None:
    import unicodedata

    from storyaudio.normalise import WORDS
    from storyaudio.normalise.words import SPOKEN_SYMBOLS

    signs = {ch for words in WORDS.values() for table in (words.units, words.currencies) for symbol in table
             for ch in symbol if unicodedata.category(ch) in ("So", "Sk")}
    assert signs <= SPOKEN_SYMBOLS


def test_page_dates_need_no_platform_specific_directive() -> None:
    from datetime import datetime

    from storyaudio.publish.pages import human_date

    assert human_date(datetime(2026, 3, 5)) == "5 March 2026"
    for path in PACKAGE.rglob("*.py"):  # no strftime("%-d") nor f"{date:%-d}" anywhere
        assert not re.search(r"(strftime\(|\{[^}\n]*:)[^)}\n]*%-", path.read_text()), path
