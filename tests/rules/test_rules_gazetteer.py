"""The gazetteer: every ISO country, lookups, suggestions, regions, look-alike guards."""

from __future__ import annotations

import pathlib
import shutil

import pytest

from rules import Article, load_engine
from rules.gazetteer import DATA_DIR, load_gazetteer

GAZ = load_gazetteer()
ENGINE = load_engine().engine

# ISO 3166-1 alpha-2 codes in use (249).
ISO = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI
LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE
NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split()  # noqa: SIM905


def test_every_iso_country_is_present() -> None:
    assert len(ISO) == 249
    assert set(ISO) <= set(GAZ.countries)
    assert GAZ.name("NO") == "Norway"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kazakhstan", "KZ"),
        ("kazakh", "KZ"),
        ("KZ", "KZ"),
        ("kz", "KZ"),
        ("the Netherlands", "NL"),
        ("Holland", "NL"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("uk", "GB"),
        ("Britain", "GB"),
        ("Türkiye", "TR"),
        ("Ivory Coast", "CI"),
        ("Burma", "MM"),
        ("DRC", "CD"),
        ("Swaziland", "SZ"),
    ],
)
def test_lookup(name: str, code: str) -> None:
    country = GAZ.lookup(name)
    assert country is not None
    assert country.code == code


def test_lookup_unknown_and_suggest() -> None:
    assert GAZ.lookup("Atlantis") is None
    assert GAZ.lookup("NATO") is None
    assert "Kazakhstan" in GAZ.suggest("Kazakstn")
    assert len(GAZ.suggest("Ukriane", n=2)) <= 2


def test_country_and_regions() -> None:
    assert GAZ.country("ua").name == "Ukraine"
    with pytest.raises(KeyError):
        GAZ.country("QQ")
    assert GAZ.resolve("central_asia") == frozenset({"KZ", "KG", "TJ", "TM", "UZ"})
    assert GAZ.resolve("Central Asia") == GAZ.regions["central_asia"]
    assert GAZ.resolve("baltics") == frozenset({"EE", "LV", "LT"})
    assert GAZ.resolve("Kyiv") == frozenset()  # a capital is not a subscription name
    assert GAZ.resolve("Ukraine") == frozenset({"UA"})
    assert GAZ.resolve("nowhere") == frozenset()
    for region in (
        "caucasus",
        "balkans",
        "sahel",
        "horn_of_africa",
        "middle_east",
        "gulf",
        "eastern_europe",
    ):
        assert GAZ.regions[region] <= set(GAZ.countries)


def _countries(text: str, trigger: str = "unrest") -> set[str]:
    return {s.country for s in ENGINE.scan(Article("t", "", text)) if s.trigger == trigger}


@pytest.mark.parametrize(
    "text",
    [
        "Protesters clashed with police in Atlanta, Georgia on Saturday.",
        "The Georgia governor said protesters clashed with police in the state capitol.",
        "Michael Jordan watched as protesters clashed with police outside the arena.",
        "Chad said protesters clashed with police outside his house.",
        "Protesters clashed with police at the turkey farm, the Thanksgiving organisers said.",
        "Protesters clashed with police over oil spills in the Niger Delta.",
    ],
)
def test_lookalikes_are_not_countries(text: str) -> None:
    assert _countries(text) & {"GE", "JO", "TD", "TR", "NE"} == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Protesters clashed with police in Tbilisi as Georgia's parliament debated.", "GE"),
        ("Protesters clashed with police in Chad's capital after the election.", "TD"),
        ("Protesters clashed with police in Turkey as the government raised prices.", "TR"),
        ("Protesters clashed with police in Niger's capital.", "NE"),
    ],
)
def test_real_countries_that_have_lookalikes(text: str, code: str) -> None:
    assert code in _countries(text)


def test_organisations_are_not_countries() -> None:
    found = _countries("NATO, the EU, the UN and ECOWAS said protesters clashed with police.")
    assert found == set()


def test_territories_name_their_sovereign() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.country("NC").part_of == "FR"
    assert gazetteer.country("BV").part_of == "NO"  # (YAML would read a bare NO as false)
    assert gazetteer.country("HK").part_of == "CN"
    assert gazetteer.country("FR").part_of is None
    for country in gazetteer.countries.values():
        assert country.part_of is None or country.part_of in gazetteer.countries


def test_a_bad_sovereign_code_is_reported(tmp_path: pathlib.Path) -> None:
    for source in DATA_DIR.iterdir():
        shutil.copy(source, tmp_path / source.name)
    countries = tmp_path / "countries.yaml"
    text = countries.read_text(encoding="utf-8").replace('part_of: "FR"}', "part_of: France}", 1)
    countries.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="part_of must be an ISO 3166-1 alpha-2 code"):
        load_gazetteer(tmp_path)
