# ruff: noqa: E501 (a table of news sentences, one per line)
"""Wordings from the feed-style tuning sets (live blogs, bulletins, regional outlets, defence
press): each is a real event told the way news tells it and must alert, or must not where the
second table says so. They guard the narrow forms of the rules those sets led to."""

from __future__ import annotations

import pytest

from tests.support.wordings import alerting

# (headline, body, pairs that must alert)
MUST_ALERT = [
    # who calls up is named before the call-up; a place after "In" opens the sentence
    (
        "",
        "In Kyiv, Ukraine's parliament voted to extend martial law and the general mobilisation by another 90 days, the 18th such extension since Russia's invasion.",
        {("mobilization", "UA")},
    ),
    (
        "",
        "In Niamey, the military government issued a decree ordering a general mobilisation and called up former soldiers under the age of 50.",
        {("mobilization", "NE")},
    ),
    # departure orders for embassy employees
    (
        "",
        "The US ordered non-emergency government employees to leave South Sudan as fighting spread in Upper Nile state.",
        {("evacuation", "SS")},
    ),
    # a dateline names where the story is when the lead names nothing else
    (
        "Governor suspends guarantees in Chiriqui, cuts mobile data as strike turns violent",
        "PANAMA CITY - The president declared a state of emergency in the province on Friday after protesters burned buildings.\nThe government also ordered mobile data suspended in the province. Strikers had blocked the highway to the Costa Rican border for weeks.",
        {("comms_blackout", "PA"), ("emergency_rule", "PA")},
    ),
    # embassies attacked: where, not whose
    (
        "",
        "In Kinshasa, protesters set fire to parts of the embassies of Rwanda, France and the United States on Tuesday.",
        {("unrest", "CD")},
    ),
]
MUST_ALERT += [
    # armed forces and parliaments named by their own names
    (
        "Bundeswehr completes withdrawal from Niger",
        "",
        {("withdrawal", "DE"), ("withdrawal", "NE")},
    ),
    (
        "SANDF withdrawal from DRC to start within weeks, minister tells parliament",
        "",
        {("withdrawal", "ZA"), ("withdrawal", "CD")},
    ),
    (
        "Knesset votes to dissolve, sending Israel to early elections",
        "",
        {("government_crisis", "IL")},
    ),
    # a post-election toll or a border post is no social-media post
    (
        "Mozambique restricts internet as post-election protest toll passes 30",
        "",
        {("comms_blackout", "MZ")},
    ),
    (
        "Maputo march: internet throttled in Mozambique; South Africa shuts Lebombo border post",
        "",
        {("comms_blackout", "MZ")},
    ),
    # protests crushed, live coverage banned, foreign broadcasters suspended
    ("Seven dead as Togo protests against new mandate are crushed", "", {("crackdown", "TG")}),
    ("Kenya bans live coverage of protests", "", {("crackdown", "KE")}),
    (
        "Burkina Faso suspends BBC and VOA over report on civilian killings",
        "",
        {("crackdown", "BF")},
    ),
    # dissolving all political parties is a crackdown; a storm of a residence is no disaster
    (
        "",
        "Mali's military government dissolved all political parties by decree on Tuesday.",
        {("crackdown", "ML")},
    ),
    (
        "Sheikh Hasina quits and flees as crowds storm Dhaka residence",
        "Police fired on protesters in Bangladesh, and at least 94 people were killed on Sunday.",
        {("mass_casualties", "BD")},
    ),
    # a border a place lies near is a landmark, not a party; forces named elsewhere are
    (
        "",
        "Militants attacked a checkpoint near the border with Afghanistan, killing 12 Pakistani soldiers.",
        {("armed_conflict", "PK")},
    ),
    (
        "",
        "Gunmen attacked an army post in Niger near the border with Mali on Sunday.",
        {("armed_conflict", "NE")},
    ),
    (
        "",
        "Pakistani jets struck militant hideouts across the border in Afghanistan.",
        {("armed_conflict", "PK"), ("armed_conflict", "AF")},
    ),
    (
        "",
        "Egyptian brigades moved close to the border with Libya amid renewed fighting between rival armed factions around Tripoli.",
        {("armed_conflict", "LY")},
    ),
]

MUST_ALERT += [
    # a review of the exclusions above: the event next to a lapsed, suspended, failed or
    # weather-beaten one still alerts
    (
        "Ethiopia extends Amhara emergency",
        "Ethiopia's parliament extended the state of emergency in Amhara region by four months; officials said it will not be renewed again after that.",
        {("emergency_rule", "ET")},
    ),
    (
        "",
        "Lawmakers in Lima voted to extend the state of emergency in Peru, which would otherwise have lapsed at midnight, by 60 days.",
        {("emergency_rule", "PE")},
    ),
    (
        "Peru declares emergency in Lima",
        "Peru declared a state of emergency in Lima after weeks of protests that had ended in deadly clashes with police.",
        {("emergency_rule", "PE")},
    ),
    (
        "",
        "The Philippines extended martial law powers in Mindanao for another year.",
        {("emergency_rule", "PH")},
    ),
    (
        "Israel, Hamas resume Doha talks",
        "Israeli and Hamas negotiators resumed indirect talks in Doha, weeks after Hamas suspended negotiations over the killing of its leader.",
        {("de_escalation", "IL")},
    ),
    (
        "",
        "Protests planned for Friday in Maputo failed to materialise, but riots broke out in Matola, Mozambique, where crowds torched shops.",
        {("unrest", "MZ")},
    ),
    (
        "",
        "Protesters rallied in Tbilisi, Georgia, demanding the release of activists charged with armed uprising.",
        {("unrest", "GE")},
    ),
    (
        "",
        "Ethiopian troops massed near the Eritrean border, with convoys leaving Mekelle daily.",
        {("troop_massing", "ET")},
    ),
    (
        "",
        "Russia massed troops along the border while its missile strikes battered Ukraine's energy sector.",
        {("troop_massing", "RU")},
    ),
    (
        "",
        "Israeli strikes killed 45 people across Gaza on Tuesday, including families sheltering in tents flooded by torrential rain.",
        {("mass_casualties", "PS")},
    ),
    (
        "",
        "At least 15 people were killed when an Israeli strike caused the collapse of a building in Beirut's southern suburbs, Lebanon.",
        {("mass_casualties", "LB")},
    ),
    (
        "Gaza ceasefire collapses",
        "Israeli airstrikes killed at least 404 Palestinians overnight, the Gaza health ministry said.",
        {("mass_casualties", "PS")},
    ),
    (
        "Floods in northern Nigeria",
        "Boko Haram killed 63 people in Darul Jamal, Nigeria, on Friday.",
        {("mass_casualties", "NG")},
    ),
    (
        "Ukraine sinks Russian landing ship in Crimea",
        "Dozens of sailors were killed, Ukraine's military said.",
        {("mass_casualties", "UA")},
    ),
    (
        "",
        "Russian drones struck Odesa, Ukraine, overnight, hours before a ceasefire kicked in.",
        {("armed_conflict", "RU")},
    ),
    (
        "",
        "Police in Dhaka foiled a plot to storm parliament and arrested 20 opposition figures in Bangladesh.",
        {("crackdown", "BD")},
    ),
    ("Ukraine strikes Russia's Belgorod, Sputnik reports", "", {("armed_conflict", "UA")}),
    ("Israel strikes Lebanon, state news agency says", "", {("armed_conflict", "IL")}),
    (
        "",
        "Russian missiles hit Lviv in Ukraine overnight, and Poland scrambled fighter jets.",
        {("armed_conflict", "RU")},
    ),
    (
        "US sanctions Iran shadow fleet",
        "The US Treasury imposed sanctions on 35 vessels of Iran's shadow fleet, including a sanctioned tanker seized in March.",
        {("sanctions", "IR")},
    ),
]

MUST_ALERT += [
    # a review of the attribution changes: the real place or party next to a landmark, an
    # origin, a residence, a modifier or a venue still counts
    (
        "",
        "Ukrainian drones struck a Russian arms depot in the Tver region overnight, causing huge explosions.",
        {("armed_conflict", "RU")},
    ),
    (
        "Russia strikes Ukrainian arms factories",
        "",
        {("armed_conflict", "RU"), ("armed_conflict", "UA")},
    ),
    ("Turkey strikes Iraq and Syria", "", {("armed_conflict", "IQ"), ("armed_conflict", "SY")}),
    ("Thailand accepts proposal for ceasefire with Cambodia", "", {("de_escalation", "TH")}),
    (
        "",
        "Hundreds of Rwandan soldiers crossed into Congo to support the M23 rebels, UN experts said.",
        {("foreign_intervention", "CD")},
    ),
    (
        "",
        "Russia deployed paratroopers by air to Kazakhstan after the president requested help.",
        {("foreign_intervention", "KZ")},
    ),
    ("Israel closes crossings into Gaza", "", {("border_closure", "PS")}),
    (
        "",
        "Russian forces shelled the humanitarian corridor from Mariupol, Ukraine said.",
        {("armed_conflict", "UA")},
    ),
    (
        "",
        "The US urged Americans living in Lebanon to leave immediately on commercial flights.",
        {("evacuation", "LB")},
    ),
    (
        "",
        "Hundreds of Venezuelans living in Colombia protested against Maduro's re-election.",
        {("unrest", "CO")},
    ),
    (
        "",
        "Satellite images published on Tuesday show new activity near the border with Finland. Dozens of tanks and artillery pieces have been massed at a base 60 km from the frontier.",
        {("troop_massing", "FI")},
    ),
    (
        "",
        "Niger ordered French troops to leave. After weeks of protests, its junta declared a state of emergency.",
        {("emergency_rule", "NE")},
    ),
]

MUST_ALERT += [
    # a third review: real events beside a side phrase that only looks like background, an aim,
    # a denial or a cause
    (
        "",
        "India has deployed thousands of additional troops along the Line of Control to guard against infiltration from Pakistan.",
        {("troop_massing", "IN")},
    ),
    (
        "",
        "Turkey massed troops on the Syrian border planning a new ground operation against the SDF.",
        {("troop_massing", "TR")},
    ),
    (
        "",
        "Armenia and Azerbaijan initialled a peace agreement in Washington and agreed to pursue a deal on transport routes.",
        {("de_escalation", "AM")},
    ),
    (
        "",
        "Lebanon's army deployed to the south after a ceasefire between Israel and Hezbollah took hold.",
        {("de_escalation", "IL")},
    ),
    (
        "",
        "Police arrested 200 protesters in Tbilisi, Georgia, on charges that the opposition said were a complete lie.",
        {("crackdown", "GE")},
    ),
    (
        "",
        "Russia said its strikes on Kyiv were in retaliation for Ukrainian drone attacks on Moscow.",
        {("armed_conflict", "RU")},
    ),
    (
        "",
        "Hamas said it had accepted a truce proposed by Israel on Sunday.",
        {("de_escalation", "IL")},
    ),
    (
        "",
        "Ethiopia deployed 3,000 troops in support of the Somali government against al-Shabaab.",
        {("foreign_intervention", "SO")},
    ),
    (
        "",
        "An Israeli air strike killed 18 Palestinian residents of Jabalia on Tuesday.",
        {("mass_casualties", "PS")},
    ),
    (
        "",
        "Police raided Georgian media outlets and detained three editors on Thursday.",
        {("crackdown", "GE")},
    ),
    (
        "",
        "Security forces killed 45 protesters in Mozambique, and at least three others died in custody, rights groups said.",
        {("mass_casualties", "MZ")},
    ),
    (
        "",
        "Rubble blocked streets in Port-au-Prince, Haiti, as protesters clashed with police for a third day.",
        {("unrest", "HT")},
    ),
    (
        "",
        "Soldiers seized power in Niamey, Niger, overnight and the coup leader named himself head of state.",
        {("coup", "NE")},
    ),
    (
        "",
        "The army seized power in Dhaka, Bangladesh, on Monday following the ouster of the prime minister.",
        {("coup", "BD")},
    ),
    (
        "",
        "The UN deployed 1,000 peacekeepers to southern Lebanon to monitor the ceasefire.",
        {("foreign_intervention", "LB")},
    ),
    (
        "",
        "India airlifted 2,000 troops to Ladakh near the Chinese border by military aircraft.",
        {("troop_massing", "IN")},
    ),
    (
        "",
        "The Knesset was dissolved on Monday; members of the dissolved Knesset will remain in office until the election.",
        {("government_crisis", "IL")},
    ),
    (
        "",
        "After two years of fighting, Sudan's army launched a major offensive to retake Khartoum.",
        {("armed_conflict", "SD")},
    ),
]

MUST_ALERT += [
    # negotiators of the parties themselves are parties
    (
        "",
        "Negotiators from Baku and Yerevan agreed on how to delimit the border near Tavush.",
        {("de_escalation", "AZ"), ("de_escalation", "AM")},
    ),
    (
        "",
        "Fighting between ELN guerrillas and FARC dissidents near the Venezuelan border killed dozens in Colombia.",
        {("armed_conflict", "CO")},
    ),
]

# (headline, body, a pair that must not alert)
MUST_NOT_ALERT = [
    # what a call-up answers is no call-up of its own, wherever it is told
    (
        "",
        "Vilnius has brought back compulsory military service, citing Russia's actions in Ukraine, with the first conscripts due to report in September.",
        ("mobilization", "RU"),
    ),
    (
        "",
        "President Vladimir Putin ordered Russia's first wartime mobilisation since World War Two, calling up 300,000 reservists, and backed a plan to annex swathes of Ukrainian territory.",
        ("mobilization", "UA"),
    ),
    # what a call-up is for
    (
        "",
        "Israel's defence minister approved the call-up of about 60,000 reservists ahead of a planned offensive to take Gaza City, the military said.",
        ("mobilization", "PS"),
    ),
    # a country only across a border is not where a story without other places happens
    (
        "Governor suspends guarantees in Chiriqui, cuts mobile data as strike turns violent",
        "PANAMA CITY - The president declared a state of emergency in the province on Friday after protesters burned buildings.\nThe government also ordered mobile data suspended in the province. Strikers had blocked the highway to the Costa Rican border for weeks.",
        ("comms_blackout", "CR"),
    ),
    (
        "",
        "In Kinshasa, protesters set fire to parts of the embassies of Rwanda, France and the United States on Tuesday.",
        ("unrest", "FR"),
    ),
    # origins, destinations and venues are no place of the event
    (
        "",
        "Militants have for weeks ambushed fuel convoys on the roads from Senegal and Guinea, clashing with Malian army escorts.",
        ("armed_conflict", "SN"),
    ),
    (
        "",
        "Witnesses reached by phone and people who fled to Turkey and Iraq said authorities had cut internet access across the country.",
        ("comms_blackout", "TR"),
    ),
    (
        "Kabul and Islamabad agree truce at Doha talks",
        "The two sides agreed to consolidate the ceasefire and to meet again in Istanbul next month.",
        ("de_escalation", "TR"),
    ),
    (
        "",
        "The Chinese embassy in Dushanbe urged Chinese firms and citizens to leave the border area.",
        ("evacuation", "CN"),
    ),
    # "its" after the event points at what was just named, not at the previous sentence's country
    (
        "Bangladesh premier quits and flees; crowds storm residence",
        "DHAKA - The prime minister resigned and left the country on Monday.\nHer helicopter landed at an air base near Delhi, Indian officials said.\nCrowds stormed the official residence, carrying away furniture and fish from its ponds.",
        ("unrest", "IN"),
    ),
    # grounds of sanctions told in another clause
    (
        "",
        "The Treasury imposed sanctions on a senior minister of Rwanda, accusing him of backing rebels in eastern Congo.",
        ("sanctions", "CD"),
    ),
    # what was ended, lapsed, suspended, rejected or withdrawn
    (
        "",
        "The state of exception decreed in four provinces expired at midnight and will not be renewed, the interior minister said.",
        ("emergency_rule", "EC"),
    ),
    (
        "",
        "Peruvian authorities said the curfew in the border districts therefore also ended on Sunday.",
        ("emergency_rule", "PE"),
    ),
    (
        "",
        "Colombia's president suspended peace talks with the ELN guerrilla after the attacks.",
        ("de_escalation", "CO"),
    ),
    (
        "Harare quiet as called protest fails to materialise",
        "",
        ("unrest", "ZW"),
    ),
    (
        "",
        "Police in Zimbabwe dismissed messages circulating online that officers had been told to shoot protesters on sight.",
        ("shoot_to_kill", "ZW"),
    ),
    (
        "Ecuadorians reject return of foreign military bases",
        "",
        ("withdrawal", "EC"),
    ),
    (
        "",
        "Authorities in Manipur, India, withdrew an order that had authorised security forces to shoot at sight.",
        ("withdrawal", "IN"),
    ),
    (
        "",
        "Azerbaijani media showed columns of Russian military vehicles leaving the main base near the Armenian border.",
        ("troop_massing", "RU"),
    ),
    (
        "",
        "Israeli tanks moved beyond the Golan buffer zone on Sunday, Syrian officials said.",
        ("troop_massing", "IL"),
    ),
    # disasters, treaties, films, festivals
    (
        "",
        "Rivers in Pakistan's Punjab burst their banks after monsoon rains, killing at least 33 people.",
        ("mass_casualties", "PK"),
    ),
    (
        "",
        "Campaigners in Lithuania said the mine-ban treaty has saved tens of thousands of lives.",
        ("mass_casualties", "LT"),
    ),
    (
        "Moroccan short wins 'coup de coeur' prize at Marrakech festival",
        "",
        ("coup", "MA"),
    ),
    (
        "",
        "Lawyers for Brazil's former president appealed against his sentence for plotting a coup.",
        ("coup", "BR"),
    ),
    (
        "",
        "Prosecutors in Georgia's capital Tbilisi said they were investigating an attempt to overthrow the government.",
        ("coup", "GE"),
    ),
    # Kenya's Saba Saba day is no Caribbean island
    (
        "",
        "Kenyan police fired on crowds during the Saba Saba protests, leaving 31 dead.",
        ("unrest", "BQ"),
    ),
    # landmarks
    (
        "",
        "Militants attacked a checkpoint near the border with Afghanistan, killing 12 Pakistani soldiers.",
        ("armed_conflict", "AF"),
    ),
    (
        "",
        "Two soldiers were killed in an ambush in northern Benin near the border with Burkina Faso.",
        ("armed_conflict", "BF"),
    ),
    # parades, powers and where evacuees are taken
    (
        "",
        "Columns of tanks and thousands of troops marched through Red Square as Russia marked Victory Day.",
        ("unrest", "RU"),
    ),
    ("South Korean lawmakers debate curbs on martial law powers", "", ("emergency_rule", "KR")),
    (
        "",
        "India urged its nationals in Iran to leave and began evacuating students from Tehran by land to Armenia.",
        ("evacuation", "AM"),
    ),
    # what stays a plan, a proposal or a wish
    (
        "",
        "Security officials said they had thwarted a plan by former officials to seize power by provoking mass riots in Bishkek, Kyrgyzstan.",
        ("unrest", "KG"),
    ),
    (
        "",
        "An Israeli strike in Doha, Qatar, targeted Hamas leaders who had gathered to discuss a US ceasefire proposal.",
        ("de_escalation", "QA"),
    ),
    (
        "",
        "European governments said they would not lift their own restrictions on Russia before a peace deal.",
        ("de_escalation", "RU"),
    ),
    (
        "",
        "Oman offered to host indirect talks between Iran and the United States, and Saudi Arabia said it supported any diplomatic effort.",
        ("de_escalation", "SA"),
    ),
    # grounds, partners, mediators and weapons' makers are no parties
    (
        "",
        "The EU imposed sanctions on 25 Belarusian officials it accuses of organising the movement of migrants towards the borders of Poland and Lithuania.",
        ("sanctions", "PL"),
    ),
    (
        "",
        "Protesters in Abkhazia, Georgia, stormed the local parliament over an investment deal with Russia.",
        ("unrest", "RU"),
    ),
    (
        "Hundreds killed in Sweida clashes; Israel strikes Damascus before US-brokered ceasefire",
        "",
        ("armed_conflict", "US"),
    ),
    (
        "",
        "Israeli forces began withdrawing from populated areas of Gaza, and aid trucks entered through crossings from Egypt and Israel.",
        ("withdrawal", "EG"),
    ),
    (
        "",
        "North Korean soldiers deployed to Russia have begun fighting alongside Russian forces against Ukrainian troops in the Kursk region.",
        ("foreign_intervention", "UA"),
    ),
    # scrambled jets, raided offices, ended fighting, a sanctioned tanker
    (
        "",
        "In neighbouring Poland, the armed forces scrambled fighter jets as the missiles flew near the border.",
        ("troop_massing", "PL"),
    ),
    (
        "Baku raids Sputnik office, Moscow detains dozens of Azerbaijanis as row deepens",
        "",
        ("armed_conflict", "RU"),
    ),
    (
        "",
        "A ceasefire between Israel and Hezbollah came into force, halting more than a year of cross-border fighting in Lebanon.",
        ("armed_conflict", "IL"),
    ),
    (
        "",
        "Russian warships escorted tankers through the Gulf of Finland, weeks after Estonia's navy tried to stop a sanctioned tanker.",
        ("sanctions", "EE"),
    ),
    # disasters and accidents
    (
        "Myanmar junta declares emergency in six regions after powerful quake",
        "The junta leader said at least 144 people had been confirmed dead and more than 730 injured.",
        ("mass_casualties", "MM"),
    ),
    (
        "",
        "Serbia's prime minister resigned after months of protests over the collapse of a railway station canopy in Novi Sad that killed 15 people.",
        ("mass_casualties", "RS"),
    ),
    # parties dissolved, prisoners freed, rallies for a leader, amnesties, charges
    (
        "",
        "Mali's military government dissolved all political parties by decree on Tuesday.",
        ("government_crisis", "ML"),
    ),
    (
        "",
        "Before his arrest in Bolivia, the general said the army wanted to free political prisoners.",
        ("crackdown", "BO"),
    ),
    ("Thousands rally in Ouagadougou in support of junta leader Traore", "", ("unrest", "BF")),
    (
        "",
        "In Senegal, the amnesty covers acts linked to political protests between 2021 and 2024.",
        ("unrest", "SN"),
    ),
    (
        "",
        "The trial of a former Bolivian army commander accused of armed uprising opened in La Paz.",
        ("unrest", "BO"),
    ),
    # a broadcaster's name is no country; a standing ban is background
    ("Burkina Faso suspends BBC and VOA over report on civilian killings", "", ("crackdown", "US")),
    (
        "",
        "Burkina Faso's government does not publish casualty figures and has suspended several foreign media outlets over their reporting.",
        ("crackdown", "BF"),
    ),
    # background, preparations, aims and the like in long stories (b52-b54)
    (
        "",
        "Four months after Israeli and U.S. strikes on Iran's nuclear programme, analysts are divided over how much Tehran has recovered.",
        ("armed_conflict", "US"),
    ),
    (
        "",
        "Iran launched more than 300 drones and missiles at Israel late on Saturday, in retaliation for a strike on its consulate in Damascus that killed seven officers.",
        ("armed_conflict", "SY"),
    ),
    (
        "",
        "Russia has begun withdrawing equipment from Syria following the overthrow of Bashar al-Assad.",
        ("coup", "SY"),
    ),
    (
        "",
        "Egypt has warned that any forced displacement of Palestinians into Sinai would threaten the peace treaty with Israel.",
        ("de_escalation", "EG"),
    ),
    (
        "",
        "The Houthis have fired missiles at ships, saying they act in solidarity with Palestinians in Gaza.",
        ("armed_conflict", "PS"),
    ),
    (
        "Alberto Fujimori, Peru's former president jailed for rights abuses, dies at 86",
        "",
        ("mass_casualties", "PE"),
    ),
    (
        "",
        "Taiwan sent its own warships to shadow the Chinese vessels near the island.",
        ("foreign_intervention", "CN"),
    ),
    (
        "",
        "Hasina flew by military helicopter to India, landing at an air base near Delhi.",
        ("troop_massing", "IN"),
    ),
    (
        "",
        "Rockslides blocked roads in Hualien, Taiwan, and trapped dozens of people in tunnels.",
        ("unrest", "TW"),
    ),
    ("Gabon coup leader Oligui Nguema wins presidential vote", "", ("coup", "GA")),
    (
        "",
        "The government dismissed the figure as exaggerated, Tanzanian officials said.",
        ("government_crisis", "TZ"),
    ),
    # a parliament dissolving something else
    ("", "Iran's Majlis dissolved a committee on Tuesday.", ("government_crisis", "IR")),
    (
        "",
        "Kyrgyzstan's parliament voted to dissolve the opposition party.",
        ("government_crisis", "KG"),
    ),
    # after the held-back report: aims, rumours, chances, mediators, spies, history, animals
    (
        "",
        "Serbia's prime minister announced his resignation, saying he wanted to calm tensions after weeks of protests.",
        ("de_escalation", "RS"),
    ),
    (
        "Jordan qualifies for World Cup for first time, fans celebrate in Amman",
        "Thousands of fans took to the streets of Amman to celebrate.",
        ("unrest", "JO"),
    ),
    (
        "",
        "Forest officials in India issued a shoot-at-sight order for a tiger blamed for four deaths.",
        ("shoot_to_kill", "IN"),
    ),
    (
        "Ugandan opposition candidate vows to bring troops home from Somalia",
        "",
        ("withdrawal", "SO"),
    ),
    (
        "",
        "Reports spread on Telegram channels that Belarusian tanks were moving toward the Ukrainian border.",
        ("troop_massing", "BY"),
    ),
    (
        "",
        "The coroner in Belfast said British soldiers had opened fire on the marchers without warning.",
        ("shoot_to_kill", "GB"),
    ),
    (
        "",
        "Under the dictatorship that followed in Argentina, a state of siege was imposed and thousands were arrested.",
        ("emergency_rule", "AR"),
    ),
    (
        "",
        "The first war over Karabakh, in the early 1990s, killed some 30,000 people in Azerbaijan and Armenia.",
        ("mass_casualties", "AZ"),
    ),
    ("Analysts see slim chance of Ukraine ceasefire before spring", "", ("de_escalation", "UA")),
    (
        "",
        "Mediators from Egypt and Qatar said they were still trying to revive negotiations on a truce in Gaza.",
        ("de_escalation", "QA"),
    ),
    (
        "",
        "The United States and France, which oversee the truce, urged Israel and Lebanon to respect it.",
        ("de_escalation", "US"),
    ),
    (
        "",
        "Iranian authorities have arrested more than 700 people accused of spying for Israel.",
        ("crackdown", "IL"),
    ),
    (
        "",
        "President Trump signed an order dismantling most US sanctions on Syria.",
        ("sanctions", "SY"),
    ),
    (
        "",
        "The regulator said the brokers had not screened clients against the UK's Russia sanctions list.",
        ("sanctions", "RU"),
    ),
    # a candidate's promise
    (
        "",
        '"When I am president, our soldiers will have orders to shoot first," a candidate in El Salvador told supporters.',
        ("shoot_to_kill", "SV"),
    ),
]


@pytest.mark.parametrize(("title", "text", "pairs"), MUST_ALERT)
def test_news_alerts(title: str, text: str, pairs: set[tuple[str, str]]) -> None:
    found = alerting(title, text)
    assert pairs <= found, f"missing {sorted(pairs - found)}; found {sorted(found)}"


@pytest.mark.parametrize(("title", "text", "pair"), MUST_NOT_ALERT)
def test_look_alikes_do_not(title: str, text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(title, text)
