"""The country gazetteer: ISO codes, names, demonyms, capitals, metonyms, regions, look-alikes.

Data lives in ``rules/data/countries.yaml``, ``regions.yaml`` and ``lookalikes.yaml``; this module
loads and indexes it. Lookups are case- and form-insensitive through ``rules.text.normalise``.
"""

from __future__ import annotations

import difflib
import pathlib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from rules.text import expand_phrase, normalise

__all__ = ["AliasKind", "Country", "Gazetteer", "load_gazetteer"]

DATA_DIR = pathlib.Path(__file__).parent / "data"

AliasKind = str
"""Where an alias comes from: ``"name"``, ``"demonym"``, ``"capital"`` or ``"metonym"``."""


@dataclass(frozen=True, slots=True)
class Country:
    """One country (or territory) of ISO 3166-1 and the ways news text names it."""

    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    part_of: str | None = None  # a territory's sovereign state ("NC" is part of "FR")

    def aliases(self) -> Iterator[tuple[str, AliasKind]]:
        """Every surface form with its kind (names, demonyms, capitals, metonyms)."""
        for kind, values in (
            ("name", self.names),
            ("demonym", self.demonyms),
            ("capital", self.capitals),
            ("metonym", self.metonyms),
        ):
            for value in values:
                for form in expand_phrase(value):
                    yield form, kind


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """An alias that is also an ordinary word: needs context, and is off near ``unless`` words."""

    code: str
    unless: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    """Countries by ISO code, regions by id, and the look-alike data the matcher needs."""

    countries: Mapping[str, Country]
    regions: dict[str, frozenset[str]]
    region_names: Mapping[str, str] = field(default_factory=dict)
    guards: tuple[str, ...] = ()
    ambiguous: Mapping[str, Ambiguity] = field(default_factory=dict)
    context_words: frozenset[str] = frozenset()
    neighbours: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for country in self.countries.values():
            self._index.setdefault(country.code.lower(), country.code)
            for alias, kind in country.aliases():
                if kind in ("name", "demonym"):
                    self._index.setdefault(normalise(alias), country.code)
                    self._index.setdefault(alias.lower(), country.code)

    def lookup(self, name: str) -> Country | None:
        """The country called ``name`` (name, alias, demonym or ISO code), or ``None``."""
        key = normalise(name).strip(" .")
        if key.startswith("the "):
            key = key[4:]
        code = (
            self._index.get(name.strip().lower())
            or self._index.get(normalise(name))
            or self._index.get(key)
        )
        return self.countries[code] if code else None

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` country names close to ``name``, for "did you mean ...?" replies."""
        key = normalise(name)
        close = difflib.get_close_matches(key, list(self._index), n=n * 3, cutoff=0.6)
        names: list[str] = []
        for alias in close:
            country_name = self.countries[self._index[alias]].name
            if country_name not in names:
                names.append(country_name)
        return names[:n]

    def country(self, code: str) -> Country:
        """The country with ISO code ``code``; ``KeyError`` if there is none."""
        return self.countries[code.upper()]

    def name(self, code: str) -> str:
        """Display name of ISO code ``code`` (the code itself if unknown)."""
        country = self.countries.get(code.upper())
        return country.name if country else code

    def resolve(self, term: str) -> frozenset[str]:
        """ISO codes for a country or region (id or name); empty when ``term`` is unknown."""
        key = normalise(term).replace(" ", "_")
        if key in self.regions:
            return self.regions[key]
        region = self.region_names.get(normalise(term))
        if region is not None:
            return self.regions[region]
        country = self.lookup(term)
        return frozenset({country.code}) if country else frozenset()

    def borders(self, first: str, second: str) -> bool:
        """Whether the two countries are neighbours (a land border or a narrow sea between)."""
        return second in self.neighbours.get(first, ())

    def aliases(self) -> Iterator[tuple[str, str, AliasKind]]:
        """Every (alias, ISO code, kind) for building the matcher."""
        for country in self.countries.values():
            for alias, kind in country.aliases():
                yield alias, country.code, kind


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return tuple(value)


def _read(folder: pathlib.Path, name: str) -> Any:
    with (folder / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def _part_of(value: object, code: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 2 or not value.isupper():
        raise ValueError(f"{code}.part_of must be an ISO 3166-1 alpha-2 code")
    return value


def load_gazetteer(data_dir: pathlib.Path = DATA_DIR) -> Gazetteer:
    """Load the gazetteer (cached: it is immutable data).

    ``data_dir`` holds ``countries.yaml``, ``regions.yaml``, ``lookalikes.yaml`` and (optionally)
    ``neighbours.yaml``; the shipped data unless given (tests pin a frozen copy).
    """
    raw_countries = _read(data_dir, "countries.yaml")
    countries: dict[str, Country] = {}
    for code, entry in raw_countries.items():
        names = _strings(entry.get("names"), f"{code}.names")
        countries[code] = Country(
            code=code,
            name=names[0],
            names=names,
            demonyms=_strings(entry.get("demonyms"), f"{code}.demonyms"),
            capitals=_strings(entry.get("capitals"), f"{code}.capitals"),
            metonyms=_strings(entry.get("metonyms"), f"{code}.metonyms"),
            part_of=_part_of(entry.get("part_of"), code),
        )
    regions: dict[str, frozenset[str]] = {}
    region_names: dict[str, str] = {}
    for region_id, entry in _read(data_dir, "regions.yaml").items():
        codes = frozenset(_strings(entry.get("countries"), f"{region_id}.countries"))
        unknown = codes - countries.keys()
        if unknown:
            raise ValueError(f"region {region_id}: unknown codes {sorted(unknown)}")
        regions[region_id] = codes
        for region_name in _strings(entry.get("names"), f"{region_id}.names"):
            region_names[normalise(region_name)] = region_id
    neighbours = _neighbours(data_dir, countries.keys())
    lookalikes = _read(data_dir, "lookalikes.yaml")
    ambiguous: dict[str, Ambiguity] = {}
    for code, entry in lookalikes["ambiguous"].items():
        unless = frozenset(normalise(w) for w in _strings(entry.get("unless"), code))
        for alias in _strings(entry.get("aliases"), code):
            ambiguous[normalise(alias)] = Ambiguity(code, unless)
    return Gazetteer(
        countries=countries,
        regions=regions,
        region_names=region_names,
        guards=tuple(normalise(g) for g in _strings(lookalikes["guards"], "guards")),
        ambiguous=ambiguous,
        context_words=frozenset(normalise(w) for w in _strings(lookalikes["context"], "context")),
        neighbours=neighbours,
    )


def _neighbours(data_dir: pathlib.Path, known: Collection[str]) -> dict[str, frozenset[str]]:
    """``neighbours.yaml`` made symmetric (none when the folder has no such file)."""
    if not (data_dir / "neighbours.yaml").is_file():
        return {}
    pairs: dict[str, set[str]] = {}
    for code, entry in _read(data_dir, "neighbours.yaml").items():
        for other in _strings(entry, f"neighbours {code}"):
            unknown = {code, other} - set(known)
            if unknown:
                raise ValueError(f"neighbours {code}: unknown codes {sorted(unknown)}")
            pairs.setdefault(code, set()).add(other)
            pairs.setdefault(other, set()).add(code)
    return {code: frozenset(others) for code, others in pairs.items()}
