# ruff: noqa: E501 (a table of news sentences, one per line)
"""Wordings a review of the engine's precision work turned up: each is a real event told the way
news tells it, and must still alert (or must not, where the second list says so).

They guard the narrow forms of this session's rules: headlines about markets and makers, massing
"kilometres away from" a border, "after the coup" as news, "would" with a participle, denials near
"false flag", a shared border spoken of by one side, and the like.
"""

from __future__ import annotations

import pytest

from tests.support.wordings import alerting

# (headline, body, pairs that must alert)
MUST_ALERT = [
    # a headline about markets or a maker does not silence the news under it
    (
        "Markets slide as North Korea fires missiles",
        "North Korea fired a ballistic missile into South Korea's waters.",
        {("armed_conflict", "KP")},
    ),
    (
        "Investors shrug off Venezuela tensions",
        "Venezuela has massed troops near the border with Guyana, satellite images show.",
        {("troop_massing", "VE"), ("troop_massing", "GY")},
    ),
    (
        "Film festival cancelled in Niamey",
        "Soldiers detained President Mohamed Bazoum and closed the country's borders.",
        {("coup", "NE")},
    ),
    (
        "Russia and Belarus begin war games near Ukraine",
        "Russia has moved about 30,000 troops into Belarus near the Ukrainian border, NATO says.",
        {("troop_massing", "RU")},
    ),
    # build-ups near, away from and into places at a border
    ("Russian troops are massing 20 miles away from the border with Ukraine.", "", {("troop_massing", "RU")}),
    ("Russia has massed troops 50 km back from the border with Ukraine, officials said.", "", {("troop_massing", "RU")}),
    ("Columns of Russian tanks moved into the Belgorod region near the Ukrainian border on Monday.", "", {("troop_massing", "RU")}),
    ("Britain deployed Typhoon fighter jets and troops to Estonia near the Russian border.", "", {("troop_massing", "GB")}),
    ("Rwanda has deployed troops along the shores of Lake Kivu near the Congolese border.", "", {("troop_massing", "RW")}),
    # sending troops after others left
    ("Russia sent troops to Mali after French forces left the country.", "", {("foreign_intervention", "ML")}),
    ("Chad sent troops to Niger as France began to leave the Sahel.", "", {("foreign_intervention", "NE")}),
    # "after the <event>" told as news
    ("Residents fled after the army shelled villages near the border with Armenia.", "", {("armed_conflict", "AM")}),
    ("Soldiers patrolled the streets of Niamey a day after the coup.", "", {("coup", "NE")}),
    ("Niger closed its borders and airspace following the coup.", "", {("border_closure", "NE")}),
    ("Hundreds of people were arrested after the protests in Tbilisi.", "", {("crackdown", "GE")}),
    # armed clashes and ambushes
    ("Deadly clashes broke out between Armenian and Azerbaijani troops overnight.", "", {("armed_conflict", "AM"), ("armed_conflict", "AZ")}),
    ("Deadly clashes erupted on the Kyrgyz-Tajik border on Thursday.", "", {("armed_conflict", "KG")}),
    ("North Korean troops fighting alongside Russian forces clashed with Ukrainian units in Kursk.", "", {("armed_conflict", "RU")}),
    ("Al-Shabaab militants ambushed Somali troops and clan militia near Mogadishu.", "", {("armed_conflict", "SO")}),
    ("Separatists ambushed a military bus carrying soldiers in Cameroon's North-West region.", "", {("armed_conflict", "CM")}),
    ("Russian forces attacked Ukrainian positions near Bakhmut overnight.", "", {("armed_conflict", "RU"), ("armed_conflict", "UA")}),
    # announcements with participles, future talks, once, floated
    ("Remaining French troops would leave Niger by the end of the year, the ministry said.", "", {("withdrawal", "NE")}),
    ("Departing French troops would hand the last base in Chad to the Chadian army on Friday.", "", {("withdrawal", "TD")}),
    ("Armenia and Azerbaijan signed a peace agreement in Washington and agreed to hold future talks on border demarcation.", "", {("de_escalation", "AM")}),
    ("France said it will withdraw its troops from Niger once a timetable is agreed with the junta.", "", {("withdrawal", "NE")}),
    ("Russia massed troops near Kharkiv and floated the idea of a buffer zone.", "", {("troop_massing", "RU")}),
    # a false flag warned of is no denial
    (
        "The Pentagon described reports of Russian forces massing near Ukraine as credible and warned Moscow could stage a false flag attack.",
        "",
        {("troop_massing", "RU")},
    ),
    # dated asides do not date the news
    ("Protesters stormed parliament in Nairobi on Tuesday over the 2024 finance bill, prompting the government to impose a curfew.", "", {("emergency_rule", "KE")}),
    ("Azerbaijani forces, breaking a 2020 truce that ended the war, shelled Armenian border villages on Tuesday.", "", {("armed_conflict", "AM")}),
    ("M23 rebels, who captured Goma in January 2026, launched an offensive on Bukavu.", "", {("armed_conflict", "CD")}),
    # pack exclusions kept narrow
    ("Ecuador's president declared a state of emergency after the previous one expired, citing gang violence.", "", {("emergency_rule", "EC")}),
    ("Police fired tear gas at a demonstration of the opposition in Tbilisi.", "", {("unrest", "GE")}),
    ("Myanmar's military seized power on Monday and detained Aung San Suu Kyi, as anti-coup protests spread to Yangon.", "", {("coup", "MM")}),
    ("The US lifted most of its sanctions on Syria but imposed new sanctions on Russia's oil sector.", "", {("sanctions", "RU")}),
    ("The US will withdraw troops from Syria and sell its bases to the Kurdish administration.", "", {("withdrawal", "SY")}),
    # attribution
    ("Kyrgyzstan says Tajik troops shelled its villages along their common border.", "", {("armed_conflict", "KG"), ("armed_conflict", "TJ")}),
    ("Poland says Russian and Belarusian troops are massing near the border.", "", {("troop_massing", "PL")}),
    ("Kyrgyzstan says Tajik troops are massing along their common border.", "", {("troop_massing", "KG")}),
    ("Fighters who fled Mali and Niger regrouped in Burkina Faso, where they attacked an army post.", "", {("armed_conflict", "BF")}),
    ("Israel's army spokesman said troops had launched a ground offensive in Gaza.", "", {("armed_conflict", "IL")}),
    ("The US imposed new sanctions on Russian exports of oil and gas.", "", {("sanctions", "RU")}),
    ("Rebels launched an offensive on Bria, a town in the Central African nation's east, the UN said.", "", {("armed_conflict", "CF")}),
    # counts
    ("Those killed in the Kharkiv strike included 14 children and dozens of people were injured.", "", {("mass_casualties", "UA")}),
    # a second review: threats with conditions, wars that go on, asides with dates, attempts
    ("Putin threatened that if the West supplied long-range missiles, Russia would strike Ukraine's government quarter in Kyiv.", "", {("armed_conflict", "RU")}),
    ("Tokayev threatened that, if the riots continued, he would impose a nationwide state of emergency in Kazakhstan.", "", {("emergency_rule", "KZ")}),
    ("Israeli troops have been fighting Hamas militants in Khan Younis for weeks.", "", {("armed_conflict", "IL")}),
    ("More than 500 people have been arrested since the protests erupted last week in Tbilisi.", "", {("unrest", "GE")}),
    ("Thousands protesting the 2025 finance law that raised taxes clashed with police in Nairobi.", "", {("unrest", "KE")}),
    ("Ecuador extended the state of emergency declared in January 2026 by 60 days.", "", {("emergency_rule", "EC")}),
    ("Witnesses said they had seen dozens of bodies following the air strike on the market in El Fasher, Sudan.", "", {("armed_conflict", "SD")}),
    ("Ukrainian forces were trying to repel an attack near Pokrovsk, the general staff said.", "", {("armed_conflict", "UA")}),
    ("France is working to evacuate its nationals from Niger, the foreign ministry said.", "", {("evacuation", "NE")}),
    ("Chad sends troops to Niger as France withdraws its forces from the Sahel.", "", {("foreign_intervention", "NE")}),
    ("Taiwan's defence ministry said on Saturday it had tracked 21 Chinese navy vessels gathering in waters south-west of the island.", "", {("troop_massing", "TW"), ("troop_massing", "CN")}),
    # a third review
    ("The US imposed sanctions on Russia's largest commercial banks on Friday.", "", {("sanctions", "RU")}),
    ("Amid jihadist surge Chad deploys 2,000 troops to Niger", "", {("foreign_intervention", "NE")}),
    ("During last month's protests in Kenya, police shot dead 23 demonstrators.", "", {("unrest", "KE")}),
    ("Georgian lawmakers impeach President Zourabichvili", "", {("government_crisis", "GE")}),
    ("Pakistan says Afghan Taliban forces attacked its posts overnight.", "", {("armed_conflict", "PK")}),
]  # fmt: skip

MUST_NOT_ALERT = [
    ("Pakistan deployed troops to Karachi after protests over Afghan refugees.", "", ("foreign_intervention", "PK")),
    ("Colombia deploys 5,000 troops to Catatumbo after ELN guerrillas based in Venezuela killed dozens.", "", ("foreign_intervention", "CO")),
    ("Chad's army chief said troops had been sent to Lake Chad after Boko Haram attacks from Nigeria.", "", ("foreign_intervention", "TD")),
    ("Sending troops to Niger would be a mistake, the Algerian foreign minister said.", "", ("foreign_intervention", "NE")),
    ("Rebel lawmakers ambushed the prime minister in a no-confidence vote in Kathmandu.", "", ("armed_conflict", "NP")),
    ("Moscow floated a ceasefire proposal as Russian troops massed on the border.", "", ("de_escalation", "RU")),
    ("Thailand says Myanmar's military launched air strikes on rebel-held Myawaddy.", "", ("armed_conflict", "TH")),
    ("Unilever exits Russian unit in a $500 million sale.", "", ("withdrawal", "RU")),
    ("Georgia sends National Guard troops to Texas border mission", "", ("troop_massing", "GE")),
    ("Poland opens archives on 1981 martial law crackdown", "", ("emergency_rule", "PL")),
    ("Turkish army rushes troops to quake-hit Hatay near Syrian border", "", ("troop_massing", "TR")),
    ("Peace talks between Sudan's army and the RSF broke down in Jeddah on Saturday.", "", ("de_escalation", "SD")),
    ("Ukraine's military said it was studying a new ceasefire proposal from Russia.", "", ("de_escalation", "UA")),
    ("Moscow mobilises reservists in response to Russia's military build-up, Kyiv claims, in a reversal.", "", ("mobilization", "UA")),
]  # fmt: skip


@pytest.mark.parametrize(("title", "text", "pairs"), MUST_ALERT)
def test_news_still_alerts(title: str, text: str, pairs: set[tuple[str, str]]) -> None:
    found = alerting(title, text)
    assert pairs <= found, f"missing {sorted(pairs - found)}; found {sorted(found)}"


@pytest.mark.parametrize(("title", "text", "pair"), MUST_NOT_ALERT)
def test_look_alikes_do_not(title: str, text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(title, text)
