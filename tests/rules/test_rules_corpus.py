"""The team's labelled corpus: the engine's scores are held at (or above) the level reached.

``dev.jsonl`` and ``core.jsonl`` are what the rules were tuned on (``core.jsonl`` after its first,
blind, score); ``holdout.jsonl`` was the honest estimate until it had been reported on, and has
been tuning material since (a new blind set takes its place). Raise the floors when the engine gets
better; never lower them to make a change pass.

Once, on purpose (2026-11-29, sixth session), recall, F1 and core-F1 floors were re-set lower: an
event told once in passing deep in a story about something else no longer alerts
(``rules.background.drop_passing``; ``passing_mentions=True`` restores it). On eight sets written
blind by helpers that session (t1-t8, ``blind80``-``blind86``) and on blind70/72 as they stood
before tuning, such mentions were false alarms about three times in four; on this corpus, tuned
over many sessions, they were hits three times in five. No precision floor went down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rules import load_engine
from rules.evaluation import EvalReport, evaluate, parse_labelled

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# As `riskbot eval` runs it: an undated article is read as written in the current year (fixed
# here, so the figures do not move at New Year).
ENGINE = load_engine(undated_year=2026).engine

# Floors: the figures reached (2026-11-29), rounded down with a small margin. (Holdout precision
# was 0.852 before the core-trigger tuning and 0.848 after it; holdout became tuning material once
# it had been reported on, and reached 0.908 / 0.878 after the attribution work. dev.jsonl gained
# 60 items on the core triggers, written before the engine was run on them. blind2.jsonl was scored
# once blind (P .904 R .899 F1 .901; shoot_to_kill F1 .862) and is tuning material since.
# blind3.jsonl was scored once blind (P .893 R .827 F1 .858; troop_massing F1 .895, shoot_to_kill
# .805, withdrawal .893) and is tuning material since. blind4.jsonl was scored once blind after
# that (P .882 R .852 F1 .867; troop_massing .824, shoot_to_kill .952, withdrawal .953) and is
# tuning material since: it reached P .925 R .890 F1 .907, troop_massing .952. blind5.jsonl (150
# items) was scored once blind after that: P .972 R .956 F1 .964; not tuned on, so its floor only
# guards against regressions. blind6.jsonl (160 items) and blind7.jsonl (140 items) were then
# scored once blind: blind6 P .780 R .855 F1 .816 (troop_massing .811, shoot_to_kill .962,
# withdrawal .896), blind7 P .895 R .884 F1 .890 (troop_massing .846, shoot_to_kill .884,
# withdrawal .976). Both became tuning material (fixes by cause: undated past events, models and
# games, datelines, onlookers and co-signers, venues of signings, comparisons, more massing and
# intervention wording) and reached blind6 P .912 R .936 F1 .924 (troop_massing .947,
# shoot_to_kill 1.000, withdrawal .969), blind7 P .981 R .890 F1 .933 (troop_massing .917,
# shoot_to_kill .952, withdrawal .976). blind8.jsonl (170 items) was then scored once blind: P .870
# R .889 F1 .879 (troop_massing .919, shoot_to_kill .931, withdrawal .931); after fixes by cause
# (undated articles read as written this year, headline sources such as "- US official", "would
# have", "has called up", urging or calling on someone to act, mediators named after "brokered
# by") it reached P .920 R .889 F1 .904, and blind6 P .920, blind4 P .938, holdout P .915, dev P
# .964, with no hit lost anywhere. blind10.jsonl (150 items, foreign-desk style, away from the
# usual theatres) was then scored once blind: P .859 R .876 F1 .868 (troop_massing .878,
# shoot_to_kill .960, withdrawal .857); only seasons of a past year ("in the spring of 1999")
# were fixed after it, so its floor mostly guards against regressions. It became tuning
# material in the next round and reached P .954 R .912. Then six more sets were written blind
# and each scored once with the engine as it stood before being tuned on (first figures, micro
# P / R): blind12 .829/.865, blind11 .866/.764, blind13 .804/.885, blind15 .820/.896, blind14
# .720/.904 (long wire stories), blind16 .724/.931 (long wire stories, scored last); the floors
# below are the figures reached after fixes by cause. Then blind17 (100 long wire stories) and
# blind18 (100 long round-ups, live blogs and analyses) were written blind and scored once:
# blind17 P .692 R .934, blind18 P .702 R .857; tuned on after that. blind20 (100 seed-like
# agency stories, half of them dated) was scored once blind later: P .746 R .864; tuned on after.
# blind19 (a news day, written with blind17/18) was scored at the start of that work (P .707
# R .886) and again, blind, with the engine at ae88c3c (P .770 R .886); blind21 (a week's feed:
# long stories, medium items, RSS summaries) was scored once with that engine: P .874 R .884.
# Neither was tuned on then; both became tuning material on 2026-11-29.) On 2026-11-29 five more
# sets were written blind (blind22: long agency stories; blind23: a feed of long, medium and RSS
# items; blind24: stories heavy with background and reactions; blind27: 160 items, military and
# security wire copy plus multi-strand stories and round-ups; blind29: 160 items, seed-like stories
# on the core triggers plus a feed mix) and first scored with the engine of the session's start
# (f4c90d8): blind22 P .729 R .863, blind23 .801/.850, blind24 .616/.932, blind27 .812/.899 and
# .822/.860 (its two halves), blind29 .749/.877 and .876/.828. All five were tuned on after that;
# the floors below are the figures reached. blind25 (100 seed-like agency stories, dated) and
# blind26 (100 items of a week's feeds) were written at the same time and held back, never tuned
# on; scored with the session's first engine (f4c90d8): blind25 P .716 R .852, blind26 P .797
# R .806; and at the end (427f26e): blind25 P .762 R .861, blind26 P .821 R .817 (together P .787
# R .841). They became tuning material after that report. blind31 (140 items: 70 agency stories
# and a 70-item feed mix), written blind at the end of the session and never tuned on, was scored
# once with the engine at 2208730: P .842 R .922 F1 .880 (with the session's first engine,
# f4c90d8: P .829 R .905); its floors only guard against regressions. On 2026-11-29 (a second
# session) blind31 became tuning material, and five more sets were written blind, first scored
# with the engine of that session's start (ee81636), then tuned on: blind33 (b33: seed-like agency
# stories, P .795 R .913; b34: a feed reader's mix, .794/.741) and blind36 (b36: regional outlets,
# .848/.718; b37: defence and security reporting, .773/.669; b40: terse feed items and round-ups,
# .879/.860). Floors below are the figures reached after fixes by cause and two regression reviews.
# blind35 (b35: core-trigger stories and briefs; b38: seed-like stories and a feed mix; b39: medium
# wire stories; 220 items) was held back through all of that and scored once at the end: with
# ee81636 P .844 R .876 F1 .860, with 65d5d02 P .876 R .876 F1 .876 (core F1 .942, .985, .887). It
# became tuning material after that report (a few fixes by cause: P .905). On 2026-11-29 (a third
# session) six more sets were written blind and first scored with the engine of that session's
# start (791eb5a), then tuned on: blind44 (b44: regional outlets, P .818 R .772; b45: live blogs
# and feed items, .957/.817; b46: defence, NGO and court reporting, .897/.850) and blind47 (b47:
# multi-country war reporting, .866/.811; b48: short wire briefs, .918/.982; b49: unrest and
# crackdowns, .885/.826). Floors below are the figures reached after fixes by cause and two
# regression reviews. blind52 (b52: long seed-like stories heavy with background, P .754 R .881;
# b53: Africa, .782/.830; b54: Latin America and Asia, .830/.848 with that start engine) was
# written later the same session and tuned on after its first score. blind41 (b41: wire stories
# on all triggers; b42: the core triggers and their hard negatives; b43: analysis pieces and
# briefings) and blind50 (b50: a morning's mixed world news; b51: the core triggers), 380 items
# in all, were held back through all of that and scored once at the end: with 791eb5a P .891
# R .843 F1 .866, with 99470d4 P .899 R .845 F1 .871 (core F1 .908, .947, .934). Their floors
# only guard against regressions. They were tuned on after that report, and blind55 (b55: a risk
# desk's mix; b56: the core triggers; b57: crackdowns, sanctions, closures, evacuations,
# de-escalation, coups and crises), 240 items written meanwhile and held back, was scored once
# at the very end: with 791eb5a P .842 R .879 F1 .860, with 6977722 P .860 R .888 F1 .874 (core
# F1 .909, .962, .843). Its floors only guard against regressions.
# The next session (start c477afb) had helpers write blind59 (b59: the core triggers and their
# hard negatives, P .863 R .822 with that start engine; b60: analysis pieces, explainers,
# briefings and live blogs, .887/.866; together .875/.842), tuned on it after its first score.
# blind62 (b62: wire copy from the Middle East, Asia-Pacific and Europe, .881/.934; b63:
# peacekeeping, deployments, departures and evacuations, .764/.784; together .823/.859 with
# c477afb) was written later that session and tuned on after its first score, and so was
# blind66 (b66: trigger words whose event is elsewhere, earlier, hoped for or denied, half of them
# beside real events, .734/.827; b67: Africa and Middle East wire and regional press, .838/.858;
# together .787/.844 with c477afb). blind68 (b68: domestic politics and security in Europe, the
# Americas and Asia, .825/.869; b69: the core triggers told in new ways, .938/.906; together
# .876/.887 with c477afb) came last and was tuned on lightly after its first score. blind58
# (b58: a risk desk's overnight feed; b61: regional outlets and translated wire) and blind64 (b64:
# a regional morning digest; b65: crises inside one country told over a day), 320 items, were
# held back through all of that and scored once at the end: with c477afb P .860 R .879 F1 .870,
# with 238ea37 P .871 R .883 F1 .877 (core F1 .822, .905, .973). Tuned on lightly after that.
# The next session (start c83f508) held back blind70 (b70: wire stories across all triggers;
# b71: the core triggers and their hard negatives) and blind72 (b72: analysis, briefings and
# live blogs; b73: a morning's mixed feed), 320 items, from its first minute and scored them once
# at the end: with c83f508 P .811 R .924 F1 .864, with 1e1fc05 P .814 R .931 F1 .869 (core F1
# .955, .923, .909). Their floors are those end figures.
# The seventh session (start afba412) held back blind88 (b88: wire copy; b89: regional outlets)
# and blind90 (b90: briefings, newsletters and live blogs; b91: an aggregator's feed), 320 items,
# from its first minutes and scored them once with the engine frozen at a28e868: with afba412
# P .907 R .884 F1 .895, with a28e868 P .913 R .890 F1 .901 (core F1 .925, .943, .944). Sixteen
# tuning sets of 80 (t9-t24, blind92-blind106) were written blind the same way; each was scored
# before being tuned on. All floors below are the figures reached at a28e868 (none lowered).
FLOORS = {
    "blind106.jsonl": {"precision": 0.935, "recall": 0.895, "f1": 0.915},
    "blind104.jsonl": {"precision": 0.925, "recall": 0.915, "f1": 0.920},
    "blind102.jsonl": {"precision": 0.940, "recall": 0.890, "f1": 0.915},
    "blind100.jsonl": {"precision": 0.950, "recall": 0.905, "f1": 0.930},
    "blind98.jsonl": {"precision": 0.945, "recall": 0.925, "f1": 0.935},
    "blind96.jsonl": {"precision": 0.920, "recall": 0.865, "f1": 0.890},
    "blind94.jsonl": {"precision": 0.935, "recall": 0.885, "f1": 0.910},
    "blind92.jsonl": {"precision": 0.945, "recall": 0.925, "f1": 0.935},
    "blind90.jsonl": {"precision": 0.890, "recall": 0.890, "f1": 0.890},
    "blind88.jsonl": {"precision": 0.935, "recall": 0.885, "f1": 0.910},
    "blind74.jsonl": {"precision": 0.905, "recall": 0.885, "f1": 0.895},
    "blind76.jsonl": {"precision": 0.870, "recall": 0.880, "f1": 0.875},
    "blind80.jsonl": {"precision": 0.910, "recall": 0.870, "f1": 0.890},
    "blind82.jsonl": {"precision": 0.910, "recall": 0.880, "f1": 0.895},
    "blind84.jsonl": {"precision": 0.890, "recall": 0.835, "f1": 0.860},
    "blind86.jsonl": {"precision": 0.860, "recall": 0.840, "f1": 0.850},
    "blind72.jsonl": {"precision": 0.915, "recall": 0.910, "f1": 0.910},
    "blind70.jsonl": {"precision": 0.915, "recall": 0.925, "f1": 0.920},
    "blind58.jsonl": {"precision": 0.890, "recall": 0.865, "f1": 0.875},
    "blind64.jsonl": {"precision": 0.930, "recall": 0.890, "f1": 0.910},
    "blind68.jsonl": {"precision": 0.945, "recall": 0.860, "f1": 0.900},
    "blind66.jsonl": {"precision": 0.915, "recall": 0.830, "f1": 0.870},
    "blind62.jsonl": {"precision": 0.900, "recall": 0.860, "f1": 0.880},
    "blind59.jsonl": {"precision": 0.940, "recall": 0.850, "f1": 0.895},
    "blind55.jsonl": {"precision": 0.935, "recall": 0.855, "f1": 0.890},
    "blind50.jsonl": {"precision": 0.950, "recall": 0.830, "f1": 0.885},
    "blind41.jsonl": {"precision": 0.940, "recall": 0.800, "f1": 0.865},
    "blind52.jsonl": {"precision": 0.895, "recall": 0.840, "f1": 0.865},
    "blind47.jsonl": {"precision": 0.975, "recall": 0.845, "f1": 0.905},
    "blind44.jsonl": {"precision": 0.980, "recall": 0.830, "f1": 0.900},
    "blind35.jsonl": {"precision": 0.940, "recall": 0.885, "f1": 0.910},
    "blind36.jsonl": {"precision": 0.950, "recall": 0.725, "f1": 0.820},
    "blind33.jsonl": {"precision": 0.980, "recall": 0.825, "f1": 0.895},
    "blind31.jsonl": {"precision": 0.955, "recall": 0.935, "f1": 0.945},
    "blind29.jsonl": {"precision": 0.955, "recall": 0.875, "f1": 0.915},
    "blind27.jsonl": {"precision": 0.910, "recall": 0.880, "f1": 0.895},
    "blind26.jsonl": {"precision": 0.925, "recall": 0.830, "f1": 0.875},
    "blind25.jsonl": {"precision": 0.875, "recall": 0.875, "f1": 0.875},
    "blind24.jsonl": {"precision": 0.915, "recall": 0.935, "f1": 0.925},
    "blind23.jsonl": {"precision": 0.920, "recall": 0.875, "f1": 0.900},
    "blind22.jsonl": {"precision": 0.905, "recall": 0.895, "f1": 0.900},
    "blind21.jsonl": {"precision": 0.935, "recall": 0.895, "f1": 0.915},
    "blind20.jsonl": {"precision": 0.935, "recall": 0.925, "f1": 0.930},
    "blind19.jsonl": {"precision": 0.945, "recall": 0.915, "f1": 0.930},
    "blind18.jsonl": {"precision": 0.930, "recall": 0.925, "f1": 0.925},
    "blind17.jsonl": {"precision": 0.940, "recall": 0.960, "f1": 0.950},
    "blind16.jsonl": {"precision": 0.935, "recall": 0.930, "f1": 0.930},
    "blind15.jsonl": {"precision": 0.950, "recall": 0.920, "f1": 0.935},
    "blind14.jsonl": {"precision": 0.930, "recall": 0.920, "f1": 0.925},
    "blind13.jsonl": {"precision": 0.960, "recall": 0.905, "f1": 0.930},
    "blind12.jsonl": {"precision": 0.970, "recall": 0.885, "f1": 0.925},
    "blind11.jsonl": {"precision": 0.970, "recall": 0.805, "f1": 0.880},
    "blind10.jsonl": {"precision": 0.975, "recall": 0.900, "f1": 0.935},
    "blind8.jsonl": {"precision": 0.960, "recall": 0.870, "f1": 0.910},
    "blind7.jsonl": {"precision": 0.990, "recall": 0.910, "f1": 0.950},
    "blind6.jsonl": {"precision": 0.945, "recall": 0.865, "f1": 0.905},
    "blind5.jsonl": {"precision": 0.985, "recall": 0.970, "f1": 0.980},
    "blind4.jsonl": {"precision": 0.980, "recall": 0.900, "f1": 0.940},
    "blind3.jsonl": {"precision": 0.990, "recall": 0.960, "f1": 0.975},
    "blind2.jsonl": {"precision": 0.980, "recall": 0.940, "f1": 0.960},
    "holdout.jsonl": {"precision": 0.935, "recall": 0.890, "f1": 0.910},
    "dev.jsonl": {"precision": 0.970, "recall": 0.945, "f1": 0.960},
    "core.jsonl": {"precision": 0.955, "recall": 0.975, "f1": 0.965},
}
CORE_F1 = {
    "blind106.jsonl": {"troop_massing": 0.855, "shoot_to_kill": 0.950, "withdrawal": 0.905},
    "blind104.jsonl": {"troop_massing": 0.905, "shoot_to_kill": 0.975, "withdrawal": 0.935},
    "blind102.jsonl": {"troop_massing": 0.945, "shoot_to_kill": 0.930, "withdrawal": 0.920},
    "blind100.jsonl": {"troop_massing": 0.925, "shoot_to_kill": 0.995, "withdrawal": 0.935},
    "blind98.jsonl": {"troop_massing": 0.895, "shoot_to_kill": 0.930, "withdrawal": 0.995},
    "blind96.jsonl": {"troop_massing": 0.930, "shoot_to_kill": 0.995, "withdrawal": 0.985},
    "blind94.jsonl": {"troop_massing": 0.970, "shoot_to_kill": 0.995, "withdrawal": 0.980},
    "blind92.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.930, "withdrawal": 0.985},
    "blind90.jsonl": {"troop_massing": 0.920, "shoot_to_kill": 0.950, "withdrawal": 0.950},
    "blind88.jsonl": {"troop_massing": 0.925, "shoot_to_kill": 0.930, "withdrawal": 0.930},
    "blind74.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.870, "withdrawal": 0.840},
    "blind76.jsonl": {"troop_massing": 0.885, "shoot_to_kill": 0.940, "withdrawal": 0.880},
    "blind80.jsonl": {"troop_massing": 0.780, "shoot_to_kill": 0.855, "withdrawal": 0.995},
    "blind82.jsonl": {"troop_massing": 0.935, "shoot_to_kill": 0.885, "withdrawal": 0.935},
    "blind84.jsonl": {"troop_massing": 0.810, "shoot_to_kill": 0.905, "withdrawal": 0.920},
    "blind86.jsonl": {"troop_massing": 0.935, "shoot_to_kill": 0.920, "withdrawal": 0.775},
    "blind72.jsonl": {"troop_massing": 0.900, "shoot_to_kill": 0.995, "withdrawal": 0.905},
    "blind70.jsonl": {"troop_massing": 0.955, "shoot_to_kill": 0.975, "withdrawal": 0.935},
    "blind58.jsonl": {"troop_massing": 0.910, "shoot_to_kill": 0.995, "withdrawal": 0.965},
    "blind64.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.995, "withdrawal": 0.995},
    "blind68.jsonl": {"troop_massing": 0.915, "shoot_to_kill": 0.995, "withdrawal": 0.920},
    "blind66.jsonl": {"troop_massing": 0.930, "shoot_to_kill": 0.995, "withdrawal": 0.930},
    "blind62.jsonl": {"troop_massing": 0.860, "shoot_to_kill": 0.995, "withdrawal": 0.895},
    "blind59.jsonl": {"troop_massing": 0.880, "shoot_to_kill": 0.950, "withdrawal": 0.925},
    "blind55.jsonl": {"troop_massing": 0.935, "shoot_to_kill": 0.975, "withdrawal": 0.905},
    "blind50.jsonl": {"troop_massing": 0.940, "shoot_to_kill": 0.975, "withdrawal": 0.985},
    "blind41.jsonl": {"troop_massing": 0.875, "shoot_to_kill": 0.915, "withdrawal": 0.895},
    "blind52.jsonl": {"troop_massing": 0.750, "shoot_to_kill": 0.885, "withdrawal": 0.880},
    "blind47.jsonl": {"troop_massing": 0.895, "shoot_to_kill": 0.820, "withdrawal": 0.905},
    "blind44.jsonl": {"troop_massing": 0.930, "shoot_to_kill": 0.950, "withdrawal": 0.955},
    "blind35.jsonl": {"troop_massing": 0.975, "shoot_to_kill": 0.980, "withdrawal": 0.915},
    "blind36.jsonl": {"troop_massing": 0.885, "shoot_to_kill": 0.995, "withdrawal": 0.905},
    "blind33.jsonl": {"troop_massing": 0.905, "shoot_to_kill": 0.965, "withdrawal": 0.855},
    "blind31.jsonl": {"troop_massing": 0.985, "shoot_to_kill": 0.970, "withdrawal": 0.980},
    "blind29.jsonl": {"troop_massing": 0.925, "shoot_to_kill": 0.995, "withdrawal": 0.985},
    "blind27.jsonl": {"troop_massing": 0.935, "shoot_to_kill": 0.995, "withdrawal": 0.945},
    "blind26.jsonl": {"troop_massing": 0.885, "shoot_to_kill": 0.895, "withdrawal": 0.885},
    "blind25.jsonl": {"troop_massing": 0.945, "shoot_to_kill": 0.995, "withdrawal": 0.940},
    "blind24.jsonl": {"troop_massing": 0.880, "shoot_to_kill": 0.995, "withdrawal": 0.925},
    "blind23.jsonl": {"troop_massing": 0.905, "shoot_to_kill": 0.870, "withdrawal": 0.885},
    "blind22.jsonl": {"troop_massing": 0.960, "shoot_to_kill": 0.995, "withdrawal": 0.970},
    "blind21.jsonl": {"troop_massing": 0.955, "shoot_to_kill": 0.935, "withdrawal": 0.950},
    "blind20.jsonl": {"troop_massing": 0.940, "shoot_to_kill": 0.965, "withdrawal": 0.960},
    "blind19.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.995, "withdrawal": 0.920},
    "blind18.jsonl": {"troop_massing": 0.970, "shoot_to_kill": 0.965, "withdrawal": 0.880},
    "blind17.jsonl": {"troop_massing": 0.980, "shoot_to_kill": 0.995, "withdrawal": 0.980},
    "blind16.jsonl": {"troop_massing": 0.970, "shoot_to_kill": 0.995, "withdrawal": 0.970},
    "blind15.jsonl": {"troop_massing": 0.975, "shoot_to_kill": 0.975, "withdrawal": 0.915},
    "blind14.jsonl": {"troop_massing": 0.955, "shoot_to_kill": 0.970, "withdrawal": 0.975},
    "blind13.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.965, "withdrawal": 0.935},
    "blind12.jsonl": {"troop_massing": 0.965, "shoot_to_kill": 0.970, "withdrawal": 0.980},
    "blind11.jsonl": {"troop_massing": 0.870, "shoot_to_kill": 0.945, "withdrawal": 0.965},
    "blind10.jsonl": {"troop_massing": 0.965, "shoot_to_kill": 0.975, "withdrawal": 0.995},
    "blind8.jsonl": {"troop_massing": 0.925, "shoot_to_kill": 0.945, "withdrawal": 0.915},
    "blind7.jsonl": {"troop_massing": 0.935, "shoot_to_kill": 0.950, "withdrawal": 0.995},
    "blind6.jsonl": {"troop_massing": 0.915, "shoot_to_kill": 0.995, "withdrawal": 0.965},
    "blind5.jsonl": {"troop_massing": 0.990, "shoot_to_kill": 0.995, "withdrawal": 0.985},
    "blind4.jsonl": {"troop_massing": 0.950, "shoot_to_kill": 0.950, "withdrawal": 0.995},
    "blind3.jsonl": {"troop_massing": 0.995, "shoot_to_kill": 0.985, "withdrawal": 0.995},
    "blind2.jsonl": {"troop_massing": 0.980, "shoot_to_kill": 0.980, "withdrawal": 0.990},
    "holdout.jsonl": {"troop_massing": 0.995, "shoot_to_kill": 0.995, "withdrawal": 0.995},
    "dev.jsonl": {"troop_massing": 0.995, "shoot_to_kill": 0.975, "withdrawal": 0.980},
    "core.jsonl": {"troop_massing": 0.975, "shoot_to_kill": 0.995, "withdrawal": 0.995},
}


def score(name: str) -> EvalReport:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return evaluate(ENGINE, [parse_labelled(line, n) for n, line in enumerate(lines, 1) if line])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_micro_scores_hold(name: str) -> None:
    report = score(name)
    assert report.items >= 100  # every file holds at least 100 items
    floor = FLOORS[name]
    assert report.micro.precision >= floor["precision"], report.false_alarms
    assert report.micro.recall >= floor["recall"], report.misses
    assert report.micro.f1 >= floor["f1"]


@pytest.mark.parametrize("name", sorted(CORE_F1))
def test_core_triggers_hold(name: str) -> None:
    report = score(name)
    for trigger, floor in CORE_F1[name].items():
        assert report.per_trigger[trigger].f1 >= floor, trigger


def test_corpus_covers_every_trigger_with_negatives() -> None:
    items = [
        parse_labelled(line, n)
        for name in FLOORS
        for n, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines(), 1)
        if line
    ]
    assert len(items) >= 600
    from rules.taxonomy import TRIGGERS

    positives = {t: sum(1 for i in items if any(p[0] == t for p in i.gold)) for t in TRIGGERS}
    assert min(positives.values()) >= 14, positives
    assert sum(1 for i in items if not i.gold) >= 100
