"""The rule domain: taxonomy, rule packs, gazetteer, matcher and engine (pure, no I/O at import
beyond ``rules.native`` choosing between the compiled and the plain-Python engine)."""

from rules import native as native  # first: it decides how the modules below load
from rules.engine import Engine
from rules.gazetteer import Country, Gazetteer, load_gazetteer
from rules.model import ALERTING_MODALITIES, Article, Modality, Severity, Signal
from rules.packs import LoadedEngine, PackProblem, load_engine
from rules.taxonomy import TRIGGERS

__all__ = [
    "ALERTING_MODALITIES",
    "TRIGGERS",
    "Article",
    "Country",
    "Engine",
    "Gazetteer",
    "LoadedEngine",
    "Modality",
    "PackProblem",
    "Severity",
    "Signal",
    "load_engine",
    "load_gazetteer",
]
