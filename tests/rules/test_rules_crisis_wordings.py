# ruff: noqa: E501 (a table of news sentences, one per line)
"""Wordings from the core-trigger and analysis tuning sets (blind59, blind60): who evacuates, who
proposes, who studies, a court's verdict on a dated past, cities and leaders that name a country,
and a few narrow phrase forms. Each real event must alert; each look-alike must not."""

from __future__ import annotations

import pytest

from tests.support.wordings import alerting

# (headline, body, pairs that must alert)
MUST_ALERT = [
    # the country a crisis is in, not the one taking its people out of it
    (
        "Spain evacuates embassy staff from Tripoli as clashes kill dozens",
        "",
        {("evacuation", "LY"), ("mass_casualties", "LY")},
    ),
    # armour named as formations, brigades and battalions
    (
        "Algeria moves armoured formations to its southern border with Mali",
        "",
        {("troop_massing", "DZ"), ("troop_massing", "ML")},
    ),
    (
        "",
        "Israel moved a reserve brigade close to the Lebanese border overnight, the army said.",
        {("troop_massing", "IL")},
    ),
    (
        "",
        "North Korea has moved artillery units into forward positions, Seoul said.",
        {("troop_massing", "KP")},
    ),
    # a clash told in the present, strikes that kill
    (
        "Thai and Cambodian troops clash on the border for a second day",
        "",
        {("armed_conflict", "TH"), ("armed_conflict", "KH")},
    ),
    (
        "Israeli strikes kill 14 in southern Lebanon",
        "",
        {("armed_conflict", "LB"), ("mass_casualties", "LB")},
    ),
    # soldiers who claim power
    (
        "Soldiers claim power in Congo-Brazzaville, close borders",
        "",
        {("coup", "CG")},
    ),
    # cities and leaders that stand for their country
    (
        "Protests flare in Kisumu after police shoot a motorcycle taxi rider",
        "",
        {("unrest", "KE")},
    ),
    (
        "Curfew in Lyon suburbs after a police shooting sparks riots",
        "",
        {("emergency_rule", "FR"), ("unrest", "FR")},
    ),
    (
        "Police raid in Rio de Janeiro favelas leaves 58 dead",
        "",
        {("mass_casualties", "BR")},
    ),
    (
        "Paraguay's President Santiago Peña dismisses his entire cabinet as protests grow",
        "",
        {("government_crisis", "PY")},
    ),
    # a court story's own event is news
    (
        "Court jails opposition leader as police detain hundreds of protesters in Kampala",
        "",
        {("crackdown", "UG")},
    ),
]

# From the regression review of these changes: real events beside the new patterns
MUST_ALERT += [
    (
        "Israel evacuates citizens from northern towns as Hezbollah rockets hit Galilee",
        "",
        {("armed_conflict", "IL")},
    ),
    ("Mali has ordered French military personnel to leave the country", "", {("withdrawal", "ML")}),
    (
        "Tens of thousands rally against 'foreign agent' law drafted by Georgia's ruling party",
        "",
        {("unrest", "GE")},
    ),
    (
        "Israeli missiles destroy Iranian research institute",
        "Israeli missiles struck an Iranian research institute overnight, killing 12 scientists and guards.",
        {("armed_conflict", "IR"), ("mass_casualties", "IR")},
    ),
    (
        "Kenya: thousands rally as trial of 2024 Gen Z protesters opens",
        "Thousands of young Kenyans rallied outside the court in Nairobi, chanting against the government as police fired tear gas.",
        {("unrest", "KE")},
    ),
    (
        "A five-year sentence for the opposition leader triggered riots across Senegal",
        "",
        {("unrest", "SN")},
    ),
    (
        "Border clash between Indian and Chinese troops leaves soldiers injured",
        "",
        {("armed_conflict", "IN"), ("armed_conflict", "CN")},
    ),
    ("Sudan army, RSF clash in El Fasher", "", {("armed_conflict", "SD")}),
    (
        "Protests in Santiago over pensions; Paraguayan president cancels visit",
        "Thousands marched in Santiago against the pension reform, and Paraguay's president postponed a visit.",
        {("unrest", "CL")},
    ),
]

# From the deployments and wire sets (blind62)
MUST_ALERT += [
    ("Israel warns of new strikes on Iran's nuclear sites", "", {("armed_conflict", "IR")}),
    (
        "German brigade's main force arrives in Lithuania",
        "",
        {("foreign_intervention", "DE"), ("foreign_intervention", "LT")},
    ),
    (
        "Kyrgyzstan, Tajikistan sign border treaty ending decades of clashes",
        "",
        {("de_escalation", "KG"), ("de_escalation", "TJ")},
    ),
    (
        "Niger orders Italian troops out as Russian instructors arrive",
        "",
        {("foreign_intervention", "RU")},
    ),
]

# From the look-alike and Africa/Middle East sets (blind66) and the second review
MUST_ALERT += [
    ("Israel calls up reservists, masses armour on Lebanon border", "", {("troop_massing", "IL")}),
    (
        "Cameroon cuts internet, arrests opposition aides as post-election protests grow",
        "",
        {("crackdown", "CM")},
    ),
    (
        "",
        "Baghdad called on Ankara to withdraw its troops from the Bashiqa base, its foreign ministry said.",
        {("withdrawal", "TR")},
    ),
    (
        "",
        "The Foreign Office urged British nationals to quit Russia immediately.",
        {("evacuation", "RU")},
    ),
    (
        "",
        "Iran cut its citizens' access to the internet as protests spread to 30 cities.",
        {("comms_blackout", "IR")},
    ),
    (
        "",
        "The United States cut its embassy staff in Baghdad and deployed more warships to the Gulf near Iran.",
        {("troop_massing", "US")},
    ),
    (
        "Niger orders Italian troops out as Russian instructors arrive",
        "",
        {("foreign_intervention", "NE")},
    ),
    (
        "",
        "Serbian Prime Minister Milos Vucevic resigned on Tuesday as protesters chanting for his resignation filled Belgrade.",
        {("government_crisis", "RS")},
    ),
    (
        "",
        "India evacuated its citizens from frontline towns in eastern Ukraine as Russian shelling intensified.",
        {("evacuation", "UA")},
    ),
]

# From the third regression review: real events beside the narrowed patterns
MUST_ALERT += [
    ("Protests against Kenya's finance bill turn deadly", "", {("unrest", "KE")}),
    (
        "",
        "Unlike in the past, troops opened fire on protesters in Dhaka on Sunday, Bangladesh police said.",
        {("unrest", "BD")},
    ),
    (
        "",
        "The Security Council adopted a resolution that would impose travel bans and asset freezes on South Sudan's leaders.",
        {("sanctions", "SS")},
    ),
    (
        "",
        "Ukraine and Russia agreed a local ceasefire at the Zaporizhzhia plant to allow repairs to its water supply.",
        {("de_escalation", "UA")},
    ),
    (
        "",
        "Israel rebuffed calls for a ceasefire as its jets pounded Rafah in southern Gaza.",
        {("armed_conflict", "IL")},
    ),
    # seventh session (t9-t16 tuning sets): a troop pull-out, soldiers who left the country, a
    # coalition that withdraws, fighters massing, a look-alike country's junta that warns, the
    # last open crossings, brigades rushed after a face-off
    (
        "Rwanda completes troop pull-out from Mozambique's Cabo Delgado",
        "",
        {("withdrawal", "RW"), ("withdrawal", "MZ")},
    ),
    (
        "",
        "The last Rwandan soldiers deployed in Mozambique's Cabo Delgado province left the country on Friday, the defence ministry said.",
        {("withdrawal", "RW"), ("withdrawal", "MZ")},
    ),
    (
        "US-led coalition completes pull-out from Erbil, ending Iraq mission",
        "",
        {("withdrawal", "US"), ("withdrawal", "IQ")},
    ),
    (
        "Taliban mass fighters along Tajik border, Dushanbe says",
        "",
        {("troop_massing", "AF"), ("troop_massing", "TJ")},
    ),
    (
        "Guinea junta warns curfew violators 'will be shot'",
        "",
        {("shoot_to_kill", "GN"), ("emergency_rule", "GN")},
    ),
    (
        "Poland sends 17,000 more troops to Belarus frontier, shuts last open crossings",
        "",
        {("border_closure", "PL")},
    ),
    (
        "India rushes extra brigades to Ladakh after patrol face-off with Chinese troops",
        "",
        {("troop_massing", "IN")},
    ),
    # headline-short emergencies and removals, soldiers who detain a named leader, agreed
    # pull-backs of both sides, departures ordered for government employees, a faced country of a
    # stand-off, border guards who left their posts, looting and governors' warnings
    (
        "Ecuador declares emergency in seven provinces after prison riots",
        "",
        {("emergency_rule", "EC")},
    ),
    (
        "Peru's Congress removes president; emergency in Lima extended",
        "",
        {("government_crisis", "PE"), ("emergency_rule", "PE")},
    ),
    ("Gunfire in Bissau as soldiers detain transitional leader", "", {("coup", "GW")}),
    (
        "",
        "A group of soldiers detained Guinea-Bissau's transitional president at the presidential palace on Thursday.",
        {("coup", "GW")},
    ),
    (
        "Kyrgyzstan and Tajikistan agree to pull troops back from disputed border section",
        "",
        {("de_escalation", "KG"), ("de_escalation", "TJ")},
    ),
    (
        "",
        "The Department of State has ordered the departure of non-emergency U.S. government employees and family members from La Paz, Bolivia.",
        {("evacuation", "BO")},
    ),
    (
        "India moves extra divisions to Ladakh after fresh standoff with China",
        "",
        {("troop_massing", "IN"), ("troop_massing", "CN")},
    ),
    (
        "",
        "Russian border guards left their posts along Armenia's border with Iran on Monday.",
        {("withdrawal", "RU"), ("withdrawal", "AM")},
    ),
    (
        "Cameroon governor warns curfew violators in Anglophone region will be shot",
        "",
        {("shoot_to_kill", "CM")},
    ),
    (
        "PNG declares emergency in capital, authorises live rounds as looting leaves 16 dead",
        "",
        {("shoot_to_kill", "PG"), ("mass_casualties", "PG")},
    ),
    # border places that name their country, carrier groups and boats that crowd a shoal, an
    # enclave as a frontier
    (
        "Eritrea calls up reservists as Ethiopian forces gather near Assab",
        "",
        {("troop_massing", "ET"), ("troop_massing", "ER")},
    ),
    (
        "Thai army: Cambodian rocket launchers moved up to frontier near Preah Vihear",
        "",
        {("troop_massing", "KH")},
    ),
    (
        "U.S. carrier group, British destroyer gather in Red Sea off Yemen's Hodeidah",
        "",
        {("troop_massing", "YE")},
    ),
    (
        "Chinese navy and militia boats crowd Second Thomas Shoal, Manila says",
        "",
        {("troop_massing", "CN")},
    ),
    (
        "",
        "Two Kyrgyz motor-rifle companies and an artillery battery were moved up to the area around the Tajik enclave of Vorukh.",
        {("troop_massing", "KG")},
    ),
]

# (headline, body, a pair that must not alert)
MUST_NOT_ALERT = [
    # the evacuating country is no party to the fighting
    (
        "Britain evacuates diplomats from Khartoum as fighting rages",
        "",
        ("armed_conflict", "GB"),
    ),
    (
        "Kenya, Uganda begin evacuating citizens from Sudan as fighting rages",
        "",
        ("armed_conflict", "KE"),
    ),
    (
        "",
        "The United States on Saturday ordered all non-emergency government personnel and their families to leave South Sudan, citing escalating fighting between government forces and opposition fighters.",
        ("armed_conflict", "US"),
    ),
    # whoever put a plan forward takes no part in it
    (
        "",
        "A ceasefire took effect in Gaza on Friday, and the Israeli military said its forces had begun withdrawing to an agreed line inside the territory, the first phase of a plan put forward by U.S. President Donald Trump.",
        ("withdrawal", "US"),
    ),
    # a think tank that publishes satellite images is no party to the build-up
    (
        "",
        "Satellite images published by a US think tank show Venezuelan tanks and several hundred troops gathered along the river, facing Guyanese territory.",
        ("troop_massing", "US"),
    ),
    # a court's verdict on a dated past, and the past of a half-century anniversary
    (
        "Former junta leader jailed for 2009 stadium massacre",
        "CONAKRY - A court in Guinea sentenced the former military ruler to 20 years in prison on Wednesday for the massacre of opposition supporters at a stadium.\nSoldiers opened fire on a peaceful rally, killing at least 156 people.",
        ("shoot_to_kill", "GN"),
    ),
    (
        "Portugal marks half a century since the Carnation Revolution",
        "LISBON - Tens of thousands filled the avenue on Thursday for the parade.\nJunior army officers seized key points in the capital that morning and deposed the prime minister, whose regime had been fighting colonial wars in Angola and Mozambique.",
        ("coup", "AO"),
    ),
    # what a verdict or an impeachment is for is past
    (
        "Seoul court sentences former president to life for martial law insurrection",
        "",
        ("emergency_rule", "KR"),
    ),
    (
        "South Korean lawmakers impeach the president over martial law bid",
        "",
        ("emergency_rule", "KR"),
    ),
    # what a place still recovers from
    (
        "",
        "Ethiopia's economy is still recovering from Tigray, where hundreds of thousands died.",
        ("mass_casualties", "ET"),
    ),
    # trying to arrange a truce is no truce
    (
        "",
        "The UN mission in Libya said it was trying to arrange a truce with the help of elders from Misrata and Zawiya.",
        ("de_escalation", "LY"),
    ),
    # no indication of an order is no order
    (
        "",
        "The prosecutor said there was no indication that French police officers had been instructed to use their weapons.",
        ("shoot_to_kill", "FR"),
    ),
    # a ceremony is no protest
    (
        "",
        "Thousands gathered outside Hungary's parliament on Friday for the official ceremony marking the anniversary of the 1956 revolution.",
        ("unrest", "HU"),
    ),
    # Paraguay's president is not Chile's capital
    (
        "",
        "ASUNCION - President Santiago Peña dismissed his entire cabinet on Wednesday to calm a week of protests.",
        ("government_crisis", "CL"),
    ),
    # taking full control of a town is no coup
    (
        "",
        "Russia's defence ministry said its troops had taken full control of the town after weeks of fighting.",
        ("coup", "RU"),
    ),
]

# From the regression review: look-alikes of the new phrases and names
MUST_NOT_ALERT += [
    (
        "Israel evacuates citizens from northern towns as Hezbollah rockets hit Galilee",
        "",
        ("evacuation", "IL"),
    ),
    (
        "Fire brigade units sent to the border to fight forest fires",
        "Fire brigade crews from Poland were deployed near the Belarusian border to fight forest fires.",
        ("troop_massing", "PL"),
    ),
    (
        "Russia withdraws brigade from border with Finland to reinforce Ukraine front",
        "",
        ("troop_massing", "FI"),
    ),
    ("Leaders clash over withdrawal of French troops from Chad", "", ("armed_conflict", "TD")),
    (
        "Army chief and president clash over troops deployment in Sri Lanka",
        "",
        ("armed_conflict", "LK"),
    ),
    ("Hunger strike kills jailed activist in Bahrain", "", ("armed_conflict", "BH")),
    ("Lightning strike kills three soldiers at border post in Nepal", "", ("armed_conflict", "NP")),
    ("India and Pakistan agree to halt firing on the border", "", ("armed_conflict", "PK")),
    ("Houthis claim power station attack in Israel", "", ("coup", "YE")),
    ("Venezuela's government took full control of the state oil company", "", ("coup", "VE")),
    (
        "Portugal's president dissolves parliament, calls snap election",
        "The decision was announced at Belém Palace after the government lost a confidence vote.",
        ("government_crisis", "BR"),
    ),
    (
        "RG-31 Nyala armoured vehicles deployed along the Ugandan border",
        "Congo's army deployed RG-31 Nyala armoured vehicles along the Ugandan border.",
        ("troop_massing", "SD"),
    ),
    (
        "Philippine police chief Guerrero orders crackdown on protesters in Manila",
        "",
        ("crackdown", "MX"),
    ),
    # a call to withdraw is no withdrawal
    (
        "Tokyo urges Israel to pull troops from five hilltop posts in south Lebanon",
        "",
        ("withdrawal", "IL"),
    ),
    (
        "",
        "Moldova's parliament called on Russia to withdraw its troops from Transnistria.",
        ("withdrawal", "RU"),
    ),
]

# From the deployments and wire sets (blind62)
MUST_NOT_ALERT += [
    (
        "",
        "Israel and Hamas agreed on Friday to a ceasefire in Gaza, Egyptian and Qatari mediators said, after two weeks of renewed fighting.",
        ("armed_conflict", "EG"),
    ),
    (
        "Italy and Turkey pull embassy staff from Tripoli as militia fighting kills 23",
        "",
        ("armed_conflict", "IT"),
    ),
    (
        "",
        "Libya's eastern-based parliament has long demanded the departure of all foreign forces, including Turkish troops.",
        ("withdrawal", "TR"),
    ),
    (
        "",
        "At the ceremony in Accra the army chief laid a wreath and recalled deployments from Cambodia and Sierra Leone to Mali.",
        ("mobilization", "ML"),
    ),
    (
        "Niger orders Italian troops out as Russian instructors arrive",
        "",
        ("foreign_intervention", "IT"),
    ),
    (
        "",
        'Despite the ban, crowds gathered outside Istanbul\'s city hall, chanting "Government resign!"',
        ("government_crisis", "TR"),
    ),
    (
        "",
        'Iran coach Amir Ghalenoei said his players had "fought like soldiers" against Japan.',
        ("armed_conflict", "IR"),
    ),
    (
        "",
        "The UN Disengagement Observer Force says Israel's presence there violates the 1974 agreement with Syria.",
        ("withdrawal", "SY"),
    ),
    (
        "",
        "Eleven diplomats and security personnel were flown to the border town of Jimani from Haiti, the Dominican foreign ministry said.",
        ("troop_massing", "HT"),
    ),
]

# From the look-alike and Africa/Middle East sets (blind66) and the second review
MUST_NOT_ALERT += [
    (
        "India, China fly nationals out of Tripoli as militias clash near airport",
        "",
        ("armed_conflict", "IN"),
    ),
    (
        "",
        "JUBA - Britain, Germany and Norway ordered non-essential embassy staff to leave South Sudan on Sunday after heavy fighting broke out in the capital.",
        ("armed_conflict", "GB"),
    ),
    (
        "Jordan stun Argentina's second string, fans invade pitch in Kansas City",
        "",
        ("armed_conflict", "AR"),
    ),
    (
        "'Curfew' review: a harrowing, overlong return to Gwangju",
        'There is a moment about an hour into the film when a captain orders: "Fire without warning at anyone on the street after nine."',
        ("shoot_to_kill", "KR"),
    ),
    (
        "General who led troops in 1973 coup dies at 94",
        "SANTIAGO - A retired Chilean general has died, his family said on Wednesday.\nIn the weeks that followed the coup, the junta imposed a nationwide curfew and a state of siege.",
        ("emergency_rule", "CL"),
    ),
    (
        "",
        "Egypt has in the past moved additional troops into northern Sinai under provisions of its peace treaty with Israel.",
        ("de_escalation", "IL"),
    ),
    (
        "",
        "Demonstrators in Amman chanting slogans against Israel clashed with security forces who had sealed off roads to the embassy.",
        ("unrest", "IL"),
    ),
    (
        "",
        "JERUSALEM - Israeli warplanes struck the port of Hodeidah on Thursday, hours after Yemen's Houthi movement fired a ballistic missile towards central Israel.",
        ("troop_massing", "IL"),
    ),
    (
        "",
        "The United States called on Moscow to withdraw its troops from Kazakhstan.",
        ("withdrawal", "KZ"),
    ),
]

# From the last tuning set (blind68)
MUST_NOT_ALERT += [
    ("Israeli strikes hit southern Lebanon despite ceasefire", "", ("de_escalation", "LB")),
    (
        "",
        "Moldova's government says it wants the Russian contingent to leave eventually, though it has set no deadline.",
        ("withdrawal", "MD"),
    ),
    ("Brazil's Supreme Court convicts generals in coup-plot case", "", ("coup", "BR")),
    (
        "",
        "Mobile internet has been switched off for hours in more than 40 Russian regions, officially to protect against Ukrainian drone attacks.",
        ("comms_blackout", "UA"),
    ),
    (
        "",
        "Burundian army convoys have begun crossing back over the Rusizi river at the Gatumba border post, residents said.",
        ("troop_massing", "BI"),
    ),
]

# From the held-back sets, after their report (blind58, blind64)
MUST_ALERT += [
    (
        "Kyrgyzstan seals Batken checkpoints as Tajik armour reported near frontier",
        "",
        {("troop_massing", "TJ")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "PHNOM PENH - Cambodia's defence ministry on Friday ordered the call-up of army reservists in four provinces bordering Thailand.",
        ("troop_massing", "TH"),
    ),
    (
        "",
        "Satellite images published on Monday by a US research group show dozens of Venezuelan armoured vehicles gathered some 40 km from the border with Guyana.",
        ("troop_massing", "US"),
    ),
    (
        "",
        "The rebels shelled army positions around Kiliba, sending thousands of civilians fleeing toward the Burundian border.",
        ("troop_massing", "BI"),
    ),
    (
        "",
        "Eritrea's information minister called reports of troop movements on the border 'fabrications'.",
        ("troop_massing", "ER"),
    ),
    (
        "",
        "KINSHASA - Crowds attacked several Western embassies on Tuesday, setting fires at the gates of the French and Belgian missions.",
        ("shoot_to_kill", "FR"),
    ),
    (
        "Analysis: As Duterte trial grinds on, the 'shoot-to-kill' era still divides Filipinos",
        "",
        ("shoot_to_kill", "PH"),
    ),
]

# An event the story told before, referred back to
MUST_NOT_ALERT += [
    (
        "Sierra Leone imposes curfew after clashes in Makeni",
        "Last year gunmen attacked an army barracks in Freetown.\nMore than 20 people were killed in that attack.",
        ("mass_casualties", "SL"),
    ),
]
MUST_ALERT += [
    (
        "",
        "Gunmen killed 25 villagers in Zamfara, Nigeria, on Monday; several of those killed in that attack were children.",
        {("mass_casualties", "NG")},
    ),
]


# Where a truce was agreed, who brokered it, and a later item of a headline
MUST_NOT_ALERT += [
    (
        "Pakistan, Afghanistan agree truce in Doha after deadliest border fighting in years",
        "",
        ("de_escalation", "QA"),
    ),
    (
        "Torkham shut again after Pakistani strikes in Khost; truce agreed in Doha",
        "",
        ("de_escalation", "QA"),
    ),
    (
        "Pakistan shuts Torkham crossing after border clashes; Qatar brokers truce",
        "",
        ("de_escalation", "QA"),
    ),
    (
        "",
        "Officials said Washington had helped broker the truce between the two armies.",
        ("de_escalation", "US"),
    ),
    (
        "M23 pushes toward Uvira as Burundian troops pull back; US sanctions Rwandan minister",
        "",
        ("withdrawal", "RW"),
    ),
]
MUST_ALERT += [
    (
        "Pakistan, Afghanistan agree truce in Doha after deadliest border fighting in years",
        "",
        {("de_escalation", "PK"), ("de_escalation", "AF")},
    ),
    (
        "Torkham shut again after Pakistani strikes in Khost; truce agreed in Doha",
        "",
        {("de_escalation", "PK")},
    ),
    ("", "Israel and Hamas agreed a truce in Gaza on Friday.", {("de_escalation", "PS")}),
    (
        "Gaza ceasefire takes effect; first hostages freed as Israeli troops pull back",
        "",
        {("withdrawal", "PS")},
    ),
    ("M23 pushes toward Uvira as Burundian troops pull back", "", {("withdrawal", "BI")}),
]


# A drill practising an attack, mediators and the venue of talks, years of fighting looked back on
MUST_NOT_ALERT += [
    (
        "",
        "China's military sent warships and aircraft around Taiwan on Wednesday to practise blockading the island and striking key targets.",
        ("armed_conflict", "TW"),
    ),
    (
        "",
        "Pakistan and Afghanistan agreed on Sunday to an immediate ceasefire after talks in the Qatari capital, following a week of deadly border clashes.",
        ("armed_conflict", "QA"),
    ),
    (
        "",
        "Delegations meeting with Qatari and Turkish mediation agreed to an immediate ceasefire after cross-border attacks.",
        ("de_escalation", "QA"),
    ),
    (
        "",
        "Russia's Wagner group said on Friday it was leaving Mali after three and a half years of fighting Islamist insurgents.",
        ("armed_conflict", "ML"),
    ),
]
MUST_ALERT += [
    (
        "",
        "Chinese warships shelled Taiwanese outposts on Kinmen on Wednesday, the coast guard said.",
        {("armed_conflict", "TW")},
    ),
    (
        "",
        "Pakistan and Afghanistan agreed on Sunday to an immediate ceasefire after talks in the Qatari capital, following a week of deadly border clashes.",
        {("de_escalation", "PK"), ("de_escalation", "AF")},
    ),
    (
        "",
        "Malian troops fought Islamist insurgents near Timbuktu on Friday, the army said.",
        {("armed_conflict", "ML")},
    ),
]


# A protest that did not happen: called for, plotted; a small gathering that passed off
# peacefully
MUST_NOT_ALERT += [
    ("Tanzania arrests opposition leader days after protest call", "", ("unrest", "TZ")),
    (
        "Moldova says it foiled Russian-backed plot to stage riots; 20 detained",
        "",
        ("unrest", "MD"),
    ),
    (
        "",
        "A few dozen young people gathered outside the party headquarters in Dakar, but there was no unrest.",
        ("unrest", "SN"),
    ),
    (
        "",
        "A small rally outside the arena in Vienna passed off peacefully.",
        ("unrest", "AT"),
    ),
]
MUST_ALERT += [
    (
        "",
        "Thousands of protesters marched through Harare on Monday after war veterans called a protest against the president.",
        {("unrest", "ZW")},
    ),
    ("Moldova: riots erupt in Chisinau after vote; 20 detained", "", {("unrest", "MD")}),
]


# Whose airlines, drills or traffic a closure names is not where it is; nor where aircraft are
# registered
MUST_NOT_ALERT += [
    (
        "Poland closes all border crossings with Belarus during Russian drills",
        "",
        ("border_closure", "RU"),
    ),
    (
        "",
        "Pakistan closed its airspace to all Indian airlines and cancelled leave for its own forces.",
        ("border_closure", "IN"),
    ),
    (
        "",
        "Mali closed its airspace to all aircraft registered in Algeria.",
        ("border_closure", "DZ"),
    ),
]
MUST_ALERT += [
    (
        "Poland closes all border crossings with Belarus during Russian drills",
        "",
        {("border_closure", "PL")},
    ),
    (
        "",
        "Pakistan closed its airspace to all Indian airlines and cancelled leave for its own forces.",
        {("border_closure", "PK")},
    ),
    (
        "",
        "Russia closed its border with Georgia to all traffic on Monday.",
        {("border_closure", "RU")},
    ),
]


# A country that says a coup was foiled is where it was; an accusation or rejected speculation
# is no coup; a pupil opening fire at a school is no order to shoot
MUST_NOT_ALERT += [
    (
        "Burkina Faso says coup attempt foiled; Malian and Nigerien troops sent to Ouagadougou",
        "",
        ("coup", "ML"),
    ),
    (
        "Malabo says coup plot foiled, seals land borders with Cameroon and Gabon",
        "",
        ("coup", "GA"),
    ),
    (
        "",
        "President William Ruto's government accused the opposition of trying to stage a coup, which opposition leaders rejected.",
        ("coup", "KE"),
    ),
    (
        "",
        "Army chief General Pana rejected speculation of a military takeover in Thailand, telling reporters that troops would stay in their barracks.",
        ("coup", "TH"),
    ),
    (
        "",
        "A former pupil opened fire at a secondary school in Graz on Tuesday, killing nine students and a teacher, Austrian police said.",
        ("shoot_to_kill", "AT"),
    ),
]
MUST_ALERT += [
    (
        "Burkina Faso says coup attempt foiled; Malian and Nigerien troops sent to Ouagadougou",
        "",
        {("coup", "BF")},
    ),
    (
        "Malabo says coup plot foiled, seals land borders with Cameroon and Gabon",
        "",
        {("coup", "GQ")},
    ),
    (
        "",
        "Soldiers in Guinea-Bissau tried to stage a coup on Wednesday, the government said.",
        {("coup", "GW")},
    ),
]


# Sanctions lifted or annulled are not imposed; whose gas is cut off is not where an emergency is
MUST_NOT_ALERT += [
    (
        "",
        "The United States on Friday lifted a broad range of sanctions on Syria, issuing a general licence for transactions with the new government.",
        ("sanctions", "SY"),
    ),
    (
        "Explainer: What lifting US sanctions on Syria does, and what it does not",
        "",
        ("sanctions", "SY"),
    ),
    (
        "",
        "The European Union's General Court on Wednesday annulled the bloc's decision to keep a Russian steel executive on its sanctions list.",
        ("sanctions", "RU"),
    ),
    (
        "Moldova declares state of emergency in energy sector over Russian gas cut-off",
        "",
        ("emergency_rule", "RU"),
    ),
]
MUST_ALERT += [
    (
        "Moldova declares state of emergency in energy sector over Russian gas cut-off",
        "",
        {("emergency_rule", "MD")},
    ),
    (
        "",
        "The United States on Friday imposed sanctions on Syria's defence minister.",
        {("sanctions", "SY")},
    ),
]


# The internet shut without "down"; hundreds arrested by number; opposition leaders under house
# arrest (a president held by coup makers is the coup); deployments under a ceasefire south of
# the Litani
MUST_ALERT += [
    ("Uganda shuts internet on election day", "", {("comms_blackout", "UG")}),
    (
        "",
        "Iran shut the internet nationwide on Friday as protests spread.",
        {("comms_blackout", "IR")},
    ),
    ("Manila anti-corruption rally turns violent; 216 arrested", "", {("crackdown", "PH")}),
    (
        "",
        "Police in Lima detained 150 protesters overnight, the interior ministry said.",
        {("crackdown", "PE")},
    ),
    (
        "Uganda votes under internet blackout; Bobi Wine under house arrest",
        "",
        {("crackdown", "UG")},
    ),
    ("South Sudan's Machar placed under house arrest in Juba", "", {("crackdown", "SS")}),
    (
        "",
        "Israel moved two armoured brigades to the Lebanese border on Sunday.",
        {("troop_massing", "IL")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "Police said 23 officers had been injured and 31 people arrested after the march in Lima.",
        ("crackdown", "PE"),
    ),
    (
        "",
        "The EFCC said it had arrested 192 suspects in the Lagos scam raid.",
        ("crackdown", "NG"),
    ),
    (
        "Gabon army officers say they have seized power, Bongo under house arrest",
        "",
        ("crackdown", "GA"),
    ),
    (
        "",
        "The Lebanese army has deployed thousands of soldiers south of the Litani river under the ceasefire arrangement.",
        ("troop_massing", "LB"),
    ),
]


# A headline's items are separate stories: an exclusion in one does not silence another
MUST_ALERT += [
    (
        "France completes withdrawal from Niger; Russian troops arrive in Burkina Faso",
        "",
        {("foreign_intervention", "BF")},
    ),
    (
        "Assad flees as rebels take Damascus; Israeli forces enter buffer zone",
        "",
        {("foreign_intervention", "IL")},
    ),
]
MUST_NOT_ALERT += [
    (
        "Russian troops arrive in Belarus for joint drills; Minsk says exercise is defensive",
        "",
        ("foreign_intervention", "BY"),
    ),
]


# A denial of a part in an event is no denial of the event; headline verbs: a government
# sanctions someone, forces launch an offensive, a militia massacres
MUST_ALERT += [
    (
        "Pakistan says 12 soldiers killed in militant attack in Waziristan, India denies role",
        "",
        {("mass_casualties", "PK")},
    ),
    ("UK sanctions Georgian interior ministry officials", "", {("sanctions", "GE")}),
    (
        "US Treasury sanctions 16 Venezuelan officials over disputed election",
        "",
        {("sanctions", "VE")},
    ),
    (
        "Somali forces launch offensive against al-Shabaab in Middle Shabelle",
        "",
        {("armed_conflict", "SO")},
    ),
    (
        "Militia massacres dozens in Ituri displacement camp, Congo says",
        "",
        {("mass_casualties", "CD")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "The army denied that 12 soldiers had been killed in the attack in Waziristan.",
        ("mass_casualties", "PK"),
    ),
    ("Rouble slips as traders eye tighter US sanctions", "", ("sanctions", "RU")),
    ("Trump signs order ending US sanctions programme on Syria", "", ("sanctions", "SY")),
    (
        "",
        "Kurdish officials blamed armed factions that are part of the state-sanctioned Popular Mobilisation Forces in Iraq.",
        ("sanctions", "IQ"),
    ),
]


# Drills that rehearse or mock an attack; a dated event's own toll; sanctions a court annuls or
# overturns
MUST_NOT_ALERT += [
    (
        "",
        "North Korea said its artillery units rehearsed a 'decisive strike' in a firing drill on Tuesday.",
        ("armed_conflict", "KP"),
    ),
    (
        "",
        "Indian air force jets practised air-to-ground strikes during an exercise in the Rajasthan desert.",
        ("armed_conflict", "IN"),
    ),
    (
        "",
        "South Korean marines staged a mock amphibious invasion on a beach near Pohang.",
        ("armed_conflict", "KR"),
    ),
    ("", "The 1994 genocide in Rwanda left hundreds of thousands dead.", ("mass_casualties", "RW")),
    (
        "",
        "The EU's General Court annulled sanctions against a Russian businessman on Wednesday.",
        ("sanctions", "RU"),
    ),
    ("Swiss court overturns asset freeze on Kazakh tycoon", "", ("sanctions", "KZ")),
]
MUST_ALERT += [
    (
        "",
        "Sudanese army jets bombed RSF positions in Darfur the day after troops held a mock assault exercise near Port Sudan.",
        {("armed_conflict", "SD")},
    ),
    (
        "",
        "The attack on the market in Maiduguri on Monday killed 30 people, police said.",
        {("mass_casualties", "NG")},
    ),
]


# A country shelling or bombing named places in a headline; a signing's venue several words on;
# a lone gunman; Georgia's governor
MUST_ALERT += [
    ("Sudan's army shells RSF positions in El Fasher", "", {("armed_conflict", "SD")}),
    (
        "US troops pull out of Syria bases as Turkey shells Kurdish positions in northern Syria",
        "",
        {("armed_conflict", "TR"), ("withdrawal", "US")},
    ),
    (
        "",
        "Ethiopia's government and Tigrayan forces signed a permanent cessation of hostilities in Pretoria on Wednesday.",
        {("de_escalation", "ET")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "Ethiopia's government and Tigrayan forces signed a permanent cessation of hostilities in Pretoria on Wednesday.",
        ("de_escalation", "ZA"),
    ),
    ("Lone gunman kills 14 at Prague university", "", ("mass_casualties", "CZ")),
    (
        "Georgia Gov. Kemp declares state of emergency over gasoline shortage",
        "",
        ("emergency_rule", "GE"),
    ),
]


# A halt on strikes is a de-escalation, not strikes; where parties agree or meet takes no part
MUST_ALERT += [
    (
        "",
        "Russia and Ukraine agreed in Istanbul to a 30-day halt on strikes against energy facilities, Turkish officials said.",
        {("de_escalation", "RU"), ("de_escalation", "UA")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "Russia and Ukraine agreed in Istanbul to a 30-day halt on strikes against energy facilities, Turkish officials said.",
        ("armed_conflict", "RU"),
    ),
    (
        "",
        "Russia and Ukraine agreed in Istanbul to a 30-day halt on strikes against energy facilities, Turkish officials said.",
        ("de_escalation", "TR"),
    ),
]


# Troops shelling border posts, told in the present
MUST_ALERT += [
    (
        "Afghan troops shell Pakistani border posts near Chaman",
        "",
        {("armed_conflict", "AF"), ("armed_conflict", "PK")},
    ),
]
MUST_NOT_ALERT += [
    (
        "",
        "The workers' strike shut border posts and checkpoints along the motorway.",
        ("armed_conflict", "FR"),
    ),
]


# A proposal by a few lawmakers, data prices cut, a truce in a football rights row
MUST_NOT_ALERT += [
    (
        "",
        "A proposal by two Somali MPs to order all foreign troops out of the country was not put to a vote.",
        ("withdrawal", "SO"),
    ),
    ("Safaricom cuts mobile data prices in Kenya", "", ("comms_blackout", "KE")),
    ("Truce in Spanish football TV rights row", "", ("de_escalation", "ES")),
]
MUST_ALERT += [
    ("Kenya cuts mobile data in Nairobi as protests spread", "", {("comms_blackout", "KE")}),
]


# A truce proposed, offered or talked about is no truce; truces in sport, patents and pay rows
MUST_NOT_ALERT += [
    (
        "",
        "Mediators are waiting for Israel's response to a proposal for a 60-day truce that Hamas said this week it had accepted.",
        ("de_escalation", "IL"),
    ),
    (
        "Bogotá rebuffs ELN offer of bilateral truce, then rebels hit army base",
        "",
        ("de_escalation", "CO"),
    ),
    (
        "",
        "Talks on a ceasefire in Ukraine have made little progress since the spring.",
        ("de_escalation", "UA"),
    ),
    (
        "Cricket truce: India and Pakistan boards agree to neutral venue for Asia Cup",
        "",
        ("de_escalation", "IN"),
    ),
    (
        "",
        "Samsung Electronics and a U.S. chip designer announced a ceasefire in their patent war on Monday.",
        ("de_escalation", "US"),
    ),
]
MUST_ALERT += [
    (
        "",
        "Sudan's paramilitary RSF said it had agreed to a humanitarian truce proposed by the United States.",
        {("de_escalation", "SD")},
    ),
    (
        "",
        "Israel and Hamas agreed a 60-day truce on Friday, mediators said.",
        {("de_escalation", "IL")},
    ),
]


# From the blind70/72 sets after their one score: war-game teams, hornet invasions, dead seals,
# dressing-room coups, an opera, a coup named so, coup rumours, anniversaries and films of martial
# law, shareholder and legal protests, a protest that failed to materialise
MUST_NOT_ALERT += [
    (
        "",
        "Within hours, the player teams representing Estonia and Latvia order a partial mobilisation of reservists and close their eastern crossings.",
        ("mobilization", "EE"),
    ),
    (
        "Asian hornet 'invasion' reaches Scotland as queens emerge early",
        "",
        ("armed_conflict", "GB"),
    ),
    ("Hundreds of Caspian seals found dead on Kazakh coast", "", ("mass_casualties", "KZ")),
    ("Chad Ellis ousted at Rangers after 'dressing-room coup'", "", ("coup", "TD")),
    (
        "Vienna State Opera premieres 'Coup d'Etat', a dark comedy of palace intrigue",
        "",
        ("coup", "AT"),
    ),
    (
        "",
        'Peru\'s outgoing president called the decision "a coup by Congress" in a post on social media.',
        ("coup", "PE"),
    ),
    ("Ivory Coast dismisses coup rumours as 'fake news' after viral videos", "", ("coup", "CI")),
    (
        "Filipinos mark martial law anniversary with exhibits and a call to remember",
        "",
        ("emergency_rule", "PH"),
    ),
    ("'Six Hours in December' revisits Seoul's night of martial law", "", ("emergency_rule", "KR")),
    (
        "Shareholder revolt at Glencore as 41 per cent protest vote hits pay report",
        "",
        ("unrest", "GB"),
    ),
    (
        "",
        "In Harare the protest largely failed to materialise, Zimbabwean police said.",
        ("unrest", "ZW"),
    ),
]
MUST_ALERT += [
    (
        "Myanmar junta extends state of emergency on coup anniversary",
        "",
        {("emergency_rule", "MM")},
    ),
    (
        "",
        'Iraq summoned Iran\'s ambassador and called the shelling of villages near Sidakan "a flagrant violation".',
        {("armed_conflict", "IQ")},
    ),
    (
        "",
        "Protests planned for Friday in Maputo failed to materialise, but riots broke out in Matola, Mozambique.",
        {("unrest", "MZ")},
    ),
]

# Fifth session's tuning sets (t1-t5, written blind by helpers, tuned on): works, sport slugs,
# datelines and mediators, sanctions lifted or blocked, resignations, denials, verdicts, drills.
MUST_NOT_ALERT += [
    ("Review: 'The Eleventh of September' retells Chile's coup hour by hour", "", ("coup", "CL")),
    (
        "Documentary 'Prague, August' restores footage of the 1968 invasion",
        "Restored in 4K, they show teenagers arguing with soldiers from Kazakhstan and Ukraine; a burning truck, dozens of dead.",
        ("mass_casualties", "UA"),
    ),
    (
        "Rugby-Springbok pack lays siege as Ireland retreat in Dublin epic",
        "South Africa's forwards massed at every breakdown and bombarded Ireland with high kicks on Saturday.",
        ("armed_conflict", "IE"),
    ),
    (
        "Soldiers seize power in São Tomé",
        "LIBREVILLE, Nov 27 (Reuters) - Soldiers in São Tomé and Príncipe said on Friday they had taken power and detained the president.",
        ("coup", "GA"),
    ),
    (
        "Pakistan and Afghanistan agree ceasefire",
        "DOHA, Oct 19 — Pakistan and Afghanistan agreed to an immediate ceasefire on Sunday after talks mediated by Qatar and Turkey, ending a week of border fighting that killed dozens.",
        ("armed_conflict", "QA"),
    ),
    ("US lifts most sanctions on Syria in executive order", "", ("sanctions", "SY")),
    ("Orbán threatens to block renewal of EU sanctions on Russia", "", ("sanctions", "RU")),
    (
        "Serbian prime minister resigns as protests grow",
        '"I have decided to resign in order to ease tensions," he told a news conference in Belgrade on Tuesday.',
        ("de_escalation", "RS"),
    ),
    (
        "Nepal's prime minister resigns after 19 killed in protests",
        'His resignation letter said he was stepping down "to pave the way for a political solution".',
        ("de_escalation", "NP"),
    ),
    (
        "Minsk and Vilnius play down reports",
        'Belarus\'s defence ministry on Monday rejected as "provocative fantasies" reports that it had concentrated troops near its border with Lithuania.',
        ("troop_massing", "BY"),
    ),
    (
        "Brazil's Supreme Court convicts Bolsonaro",
        "The justices found Bolsonaro, 70, guilty of five crimes, including leading an armed criminal organisation and attempting a coup.",
        ("coup", "BR"),
    ),
    (
        "Taiwan calls up record number of reservists",
        "Taiwan began its largest military exercises on Wednesday, calling up 22,000 reservists for drills designed to simulate a Chinese attack.",
        ("mobilization", "CN"),
    ),
    (
        "Portugal's president dissolves parliament",
        "Portugal's president dissolved parliament on Thursday, two days after Prime Minister Luís Montenegro lost a confidence vote.",
        ("government_crisis", "ME"),
    ),
    (
        "Serbian police clash with protesters",
        "Clashes broke out after riot police moved in to clear barricades on Sunday.",
        ("withdrawal", "RS"),
    ),
    (
        "Caracas calls up militia reservists",
        "The US Navy has assembled eight warships and an aircraft-carrier strike group in the southern Caribbean this week.",
        ("armed_conflict", "US"),
    ),
    (
        "New Zealand gives rangers shoot-on-sight powers to curb wallaby spread",
        "",
        ("shoot_to_kill", "NZ"),
    ),
    ("Celebrity chefs call a ceasefire in Copenhagen restaurant feud", "", ("de_escalation", "DK")),
    ("Police dismiss viral 'Accra curfew' message as fake", "", ("emergency_rule", "GH")),
    (
        "Mozambique police deny issuing shoot-to-kill order",
        "Background: during the unrest that followed the October 2024 election, more than 300 people were killed.",
        ("mass_casualties", "MZ"),
    ),
    (
        "Ukraine extends martial law for another 90 days",
        "Peace efforts brokered by Washington have so far failed to produce a ceasefire.",
        ("de_escalation", "UA"),
    ),
    ("One year on: how South Korea rewrote the rules on martial law", "", ("emergency_rule", "KR")),
]
MUST_ALERT += [
    (
        "Guinea-Bissau: soldiers detain president, suspend election process and seal borders",
        "",
        {("coup", "GW")},
    ),
    ("Iran weekly: protests spread to 40 cities; Canada adds sanctions", "", {("sanctions", "IR")}),
    (
        "Fertiliser stocks rise after EU tightens sanctions on Belarusian potash",
        "",
        {("sanctions", "BY")},
    ),
    (
        "Somalia briefing: first Egyptian battalion lands as al-Shabaab retakes towns",
        "",
        {("foreign_intervention", "SO")},
    ),
    (
        "Bolivia",
        "Rebels ambushed an army convoy near the border, killing 14 soldiers, before withdrawing into the hills.",
        {("mass_casualties", "BO")},
    ),
]

# After the held-back score of b74-b77 (tuned on since): fact checks, sport call-ups, courts'
# sanctions, a band, pests and pop, cloud outages, a truce that fighting goes on despite.
MUST_NOT_ALERT += [
    (
        "Fact check: No, this video does not show tanks gathering on Moldova's border",
        "",
        ("troop_massing", "MD"),
    ),
    (
        "Koeman calls up three reserves as Dutch injury list grows before Poland qualifier",
        "",
        ("mobilization", "NL"),
    ),
    (
        "Judge sanctions lawyers over AI-invented case citations",
        "A federal judge in Alabama has sanctioned three lawyers from a large US law firm.",
        ("sanctions", "US"),
    ),
    (
        "Martial Law bring thunder and fog to a sold-out Roundhouse",
        "Martial Law play Glasgow on Sunday before a European tour that ends in Berlin.",
        ("emergency_rule", "DE"),
    ),
    ("Armyworm invasion threatens Zambia's maize harvest", "", ("armed_conflict", "ZM")),
    (
        "From Seoul to São Paulo: the K-pop invasion reaches stadium scale",
        "",
        ("armed_conflict", "KR"),
    ),
    (
        "Massive cloud outage knocks out messaging apps, banks and games across Europe and U.S.",
        "",
        ("comms_blackout", "US"),
    ),
    (
        "Dozens dead as M23 fighters battle for Walikale",
        "The fighting continues despite a peace accord signed in Washington last June between Congo and Rwanda.",
        ("de_escalation", "CD"),
    ),
    # seventh session: pests, thinning out, crime, accidents and markets
    ("Locust swarms massing along Ethiopia-Somalia border, FAO warns", "", ("troop_massing", "ET")),
    (
        "Russia thins out forces at Syrian air base, officials and satellite photos show",
        "",
        ("troop_massing", "SY"),
    ),
    (
        "Driver kills 11 after ploughing into Vancouver street festival, police say no terror link",
        "A driver ploughed an SUV into a crowd celebrating a Filipino heritage festival in Vancouver, killing 11 people.",
        ("mass_casualties", "PH"),
    ),
    (
        "",
        "Gunmen burst into a tavern in a township outside Pietermaritzburg, South Africa, and opened fire, killing 12 people.",
        ("mass_casualties", "ZA"),
    ),
    (
        "Explosion at firecracker warehouse in Gujarat kills 21 workers",
        "At least 21 workers were killed when an explosion tore through a warehouse storing firecrackers in India's Gujarat state.",
        ("mass_casualties", "IN"),
    ),
    (
        "",
        "French government bond yields rose and the gap over German debt widened a day after the government fell in a confidence vote.",
        ("government_crisis", "DE"),
    ),
    (
        "",
        "Police in Lusaka, Zambia, have arrested 312 people in a week-long crackdown on street crime targeting phone snatchers.",
        ("crackdown", "ZM"),
    ),
    (
        "",
        "Benin's government said it had defeated an attempt by a group of soldiers to overthrow President Talon, after mutineers announced on air that the president had been removed.",
        ("government_crisis", "BJ"),
    ),
    (
        "Sydney Airport fines airline for breaching night curfew",
        "An Australian airline was fined for a Boeing 737 that took off minutes after the start of Sydney Airport's 11 p.m. curfew.",
        ("emergency_rule", "AU"),
    ),
    (
        "",
        'Venezuela\'s defence ministry rejected as "fabricated" a series of social-media posts claiming that armoured units were massing near the Guyana border.',
        ("troop_massing", "GY"),
    ),
    (
        "",
        "Niger's junta has turned towards Russia, which this month sent military instructors and an air defence system to the country.",
        ("troop_massing", "RU"),
    ),
    (
        "",
        "Ecuador recorded more than 8,500 violent deaths in the first ten months of the year, according to police data.",
        ("mass_casualties", "EC"),
    ),
    # corrections, speculation, forecasts, scenarios, refusals, calls and lifted measures
    (
        "CORRECTION: Kazakhstan did not close Kyrgyz border",
        "An earlier version of this story incorrectly said Kazakhstan had closed its land border with Kyrgyzstan.",
        ("border_closure", "KZ"),
    ),
    (
        "",
        "Government ministers say talk of emergency rule in Pakistan is the work of propagandists abroad.",
        ("emergency_rule", "PK"),
    ),
    ("Dominican power cuts spur warnings of unrest, analysts say", "", ("unrest", "DO")),
    ("", 'In Mali, a coup "cannot be ruled out" in 2027, one report says.', ("coup", "ML")),
    (
        "",
        "Scenario planners sketch three paths for Pakistan: muddling through; a settlement; or a declared emergency that suspends rights.",
        ("emergency_rule", "PK"),
    ),
    (
        "",
        "Ukraine's president rejected on Sunday a demand that Ukrainian forces withdraw from the remaining parts of Donetsk region.",
        ("withdrawal", "UA"),
    ),
    ("", "The UN mission in Libya urged an immediate ceasefire.", ("de_escalation", "LY")),
    (
        "",
        "A truce in Syria brokered by Washington in the summer has repeatedly broken down.",
        ("de_escalation", "SY"),
    ),
    (
        "Ecuador lifts state of emergency in Guayas as homicides fall; curfew ends in Durán",
        "",
        ("emergency_rule", "EC"),
    ),
    (
        "",
        "The US Treasury lifted the last sanctions on Syria's central bank and removed two state-owned banks from its blacklist.",
        ("sanctions", "SY"),
    ),
    ("Kazakh operators to shut down 3G networks by 2027", "", ("comms_blackout", "KZ")),
    ("Oslo museum pulls off coup with rare Gauguin acquisition", "", ("coup", "NO")),
    (
        "'Shoot to Kill: Frontier' becomes year's fastest-selling game in Japan",
        "",
        ("shoot_to_kill", "JP"),
    ),
    (
        "",
        "The first battalion of Indonesian soldiers left for Gaza on Monday with the stabilisation force.",
        ("withdrawal", "ID"),
    ),
    (
        "",
        "Iraq's cabinet ordered Turkish troops stationed at the Zilkan camp near Bashiqa, north of Mosul, to leave Iraqi territory.",
        ("troop_massing", "TR"),
    ),
    (
        "",
        "Thailand said both sides had agreed to move artillery and rocket launchers at least 20 kilometres from the border with Cambodia.",
        ("troop_massing", "TH"),
    ),
    (
        "",
        "Brent crude rose after satellite imagery published by a US analytics firm appeared to show armour gathering near the Armenian border.",
        ("troop_massing", "US"),
    ),
    (
        "",
        "Russian naval vessels also left the port of Tartus in Syria, heading toward the Mediterranean.",
        ("troop_massing", "RU"),
    ),
    (
        "",
        "In Nigeria's Kogi state about 200,000 people were moved to camps, the national emergency agency said.",
        ("emergency_rule", "NG"),
    ),
    # accidents, diplomatic protests, tolls left by forces, routine conscription, a past truce
    ("Tanker blast in Nigeria kills 90", "", ("mass_casualties", "NG")),
    ("Bus plunges into river in central Nepal, 23 dead", "", ("mass_casualties", "NP")),
    (
        "Egypt moves armour into Sinai near Rafah; Israel protests to Washington",
        "",
        ("unrest", "IL"),
    ),
    (
        "",
        "Clashes between rival party supporters and security forces left at least 14 people dead in Bangladesh.",
        ("withdrawal", "BD"),
    ),
    (
        "Egypt denies reports of reservist call-up",
        "Conscription procedures in Egypt continue as normal, a military spokesman said.",
        ("mobilization", "EG"),
    ),
    (
        "",
        "Thailand and Cambodia signed a ceasefire last year after deadly border clashes.",
        ("armed_conflict", "TH"),
    ),
]


@pytest.mark.parametrize(("title", "text", "pairs"), MUST_ALERT)
def test_news_alerts(title: str, text: str, pairs: set[tuple[str, str]]) -> None:
    found = alerting(title, text)
    assert pairs <= found, f"missing {sorted(pairs - found)}; found {sorted(found)}"


@pytest.mark.parametrize(("title", "text", "pair"), MUST_NOT_ALERT)
def test_look_alikes_do_not(title: str, text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(title, text)
