# ruff: noqa: E501  (long template and calendar lines are data: one row per line reads best)
"""Write datasets/recommendations.csv: the kit's ILLUSTRATIVE corpus of UPR recommendations.

Every text is written for the kit from the templates below: none is a UN record, none is
copied from a real database. The corpus mimics the shape of real UPR data (fact sheet §5,
§6): the five UPR Info action categories in roughly real proportions, recommending states
from all five regional groups, about three in four recommendations supported, category 1-2
almost always supported and category 5 about half. States under review and sessions follow
datasets/reviews.csv (4th cycle) so a notebook can join them.

Run from the repository root: ``python datasets/build_corpus.py`` (deterministic: seed 2026).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2026
PER_STATE = 36
SOURCE = "uprkit illustrative corpus (datasets/build_corpus.py)"

# 4th-cycle reviews (datasets/reviews.csv), one or two per regional group.
STATES_UNDER_REVIEW = [
    ("IDN", 41),
    ("GTM", 42),
    ("LKA", 42),
    ("MEX", 45),
    ("NGA", 45),
    ("VNM", 46),
    ("SVN", 48),
    ("BOL", 48),
    ("KEN", 49),
    ("TUR", 49),
]

# Shares of the five categories and the chance of "supported" per category, close to the
# real proportions quoted in the fact sheet (§5, §6.1) and the UPR Info sessions 1-20 counts.
CATEGORY_WEIGHTS = {1: 3, 2: 17, 3: 9, 4: 38, 5: 33}
SUPPORTED_SHARE = {1: 0.96, 2: 0.95, 3: 0.57, 4: 0.84, 5: 0.55}

TIME_FRAMES = [
    "before its next review",
    "by the end of 2027",
    "within two years",
    "within the next 12 months",
    "before the end of the current UPR cycle",
]
MEANS = [
    "in consultation with civil society",
    "with an adequate budget",
    "with the support of OHCHR",
    "with the participation of the national human rights institution",
    "and report on progress in its mid-term report",
]

# Per issue: topic (noun phrase), aims (after "to"), strengthen (noun phrases), ensure
# (clauses), consider (gerund phrases) and specific (imperative sentences, category 5).
ISSUES = {
    "death_penalty": dict(
        topic="the abolition of the death penalty",
        aims=[
            "limit the crimes punishable by death",
            "move towards the abolition of the death penalty",
        ],
        strengthen=["safeguards for persons facing the death penalty"],
        ensure=["that no person under 18 at the time of the offence is sentenced to death"],
        consider=[
            "establishing a moratorium on executions",
            "ratifying the Second Optional Protocol to the International Covenant on Civil and Political Rights",
        ],
        specific=[
            "Establish an official moratorium on all executions with a view to abolishing the death penalty",
            "Commute all existing death sentences to terms of imprisonment",
            "Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty",
        ],
        extra={"Ratify": "international_instruments"},
    ),
    "torture": dict(
        topic="the prevention of torture",
        aims=[
            "prevent torture and ill-treatment in places of detention",
            "combat torture and ill-treatment by law enforcement officials",
        ],
        strengthen=[
            "the independence of the national preventive mechanism",
            "training of police officers on the absolute prohibition of torture",
        ],
        ensure=[
            "that all allegations of torture are promptly and impartially investigated",
            "that confessions obtained under torture are never admitted as evidence",
        ],
        consider=[
            "ratifying the Optional Protocol to the Convention against Torture",
            "making the declaration under article 22 of the Convention against Torture",
        ],
        specific=[
            "Ratify the Optional Protocol to the Convention against Torture and designate an independent national preventive mechanism",
            "Amend the Criminal Code to include a definition of torture in line with article 1 of the Convention against Torture",
            "Establish an independent body to investigate all complaints of torture by police officers",
        ],
        extra={"Ratify": "international_instruments"},
    ),
    "womens_rights": dict(
        topic="gender equality",
        aims=[
            "eliminate discrimination against women in law and in practice",
            "increase the participation of women in political and public life",
        ],
        strengthen=[
            "the institutions responsible for gender equality",
            "measures to combat domestic violence",
        ],
        ensure=[
            "that all cases of violence against women are investigated and perpetrators punished",
            "that women have equal access to land and credit",
        ],
        consider=[
            "adopting temporary special measures to increase the number of women in Parliament",
            "reviewing legislation that discriminates against women in matters of inheritance",
        ],
        specific=[
            "Adopt a comprehensive law on violence against women that criminalises marital rape",
            "Repeal all provisions of the Civil Code that discriminate against women in marriage and inheritance",
            "Establish shelters for women victims of domestic violence in every province",
            "Set a quota of at least 30 per cent of women on electoral lists",
        ],
    ),
    "rights_of_the_child": dict(
        topic="the protection of children",
        aims=[
            "protect children from all forms of violence",
            "end child, early and forced marriage",
        ],
        strengthen=[
            "the juvenile justice system",
            "birth registration, in particular in rural areas",
        ],
        ensure=[
            "that the minimum age of marriage is 18 years for both girls and boys",
            "that children in detention are separated from adults",
        ],
        consider=[
            "raising the minimum age of criminal responsibility",
            "ratifying the Optional Protocol to the Convention on the Rights of the Child on a communications procedure",
        ],
        specific=[
            "Amend the Marriage Act to set the minimum age of marriage at 18 for girls and boys without exception",
            "Prohibit corporal punishment of children in all settings, including the home",
            "Adopt a national strategy on birth registration with free and universal registration",
        ],
    ),
    "right_to_education": dict(
        topic="education",
        aims=[
            "improve access to quality education for all children",
            "reduce school dropout among girls",
        ],
        strengthen=[
            "inclusive education for children with disabilities",
            "the training of teachers",
        ],
        ensure=[
            "free and compulsory primary education for all children",
            "that pregnant girls and young mothers can continue their education",
        ],
        consider=[
            "increasing the budget allocated to education",
            "introducing human rights education in school curricula",
        ],
        specific=[
            "Allocate at least 4 per cent of GDP to education in the next budget",
            "Abolish school fees for secondary education",
            "Adopt a policy allowing pregnant girls to remain in school and return after giving birth",
        ],
    ),
    "right_to_health": dict(
        topic="health care",
        aims=[
            "reduce maternal and infant mortality",
            "improve access to health care in rural areas",
        ],
        strengthen=["primary health care services", "mental health services in the community"],
        ensure=[
            "universal access to sexual and reproductive health services",
            "access to essential medicines for all",
        ],
        consider=[
            "adopting a national health insurance scheme",
            "decriminalising abortion in all circumstances",
        ],
        specific=[
            "Adopt a national plan to reduce maternal mortality with measurable targets for each region",
            "Decriminalise abortion at least in cases of rape, incest and threat to the life or health of the woman",
            "Increase the health budget to 15 per cent of the national budget in line with the Abuja Declaration",
        ],
    ),
    "freedom_of_expression": dict(
        topic="freedom of expression",
        aims=[
            "protect freedom of expression online and offline",
            "create a safe environment for journalists",
        ],
        strengthen=["the protection of journalists and media workers"],
        ensure=[
            "that laws on cybercrime are not used to silence critics",
            "that journalists can work without fear of reprisals",
        ],
        consider=["decriminalising defamation", "reviewing its legislation on the media"],
        specific=[
            "Decriminalise defamation and place it in the Civil Code",
            "Repeal the provisions of the Cybercrime Act that criminalise the spreading of false news",
            "Release all journalists detained for their work",
        ],
        extra={"default": "freedom_of_the_press"},
    ),
    "human_rights_defenders": dict(
        topic="the protection of human rights defenders",
        aims=[
            "protect human rights defenders from harassment and reprisals",
            "create a safe and enabling environment for civil society",
        ],
        strengthen=["the national protection mechanism for human rights defenders and journalists"],
        ensure=[
            "that human rights defenders can carry out their work without intimidation",
            "that attacks against human rights defenders are investigated",
        ],
        consider=["adopting a law on the protection of human rights defenders"],
        specific=[
            "Adopt a law recognising and protecting human rights defenders, in line with the UN Declaration on Human Rights Defenders",
            "Investigate all killings of human rights defenders and bring those responsible to justice",
            "Establish a protection programme for environmental and land rights defenders with a dedicated budget",
        ],
        extra={"default": "civil_society"},
    ),
    "freedom_of_association_and_assembly": dict(
        topic="freedom of peaceful assembly and association",
        aims=[
            "guarantee the right to peaceful assembly",
            "ensure a safe environment for non-governmental organisations",
        ],
        strengthen=["the training of police on the policing of assemblies"],
        ensure=[
            "that restrictions on NGO registration comply with international law",
            "that law enforcement officials use force only as a last resort during demonstrations",
        ],
        consider=["reviewing the law on public gatherings"],
        specific=[
            "Amend the Law on Associations to remove the requirement of prior government approval for foreign funding",
            "Repeal the requirement to obtain authorisation before holding a peaceful assembly",
        ],
    ),
    "justice": dict(
        topic="the administration of justice",
        aims=[
            "strengthen the independence of the judiciary",
            "improve access to justice for people living in poverty",
        ],
        strengthen=["the independence of the judiciary", "the legal aid system"],
        ensure=[
            "the right to a fair trial for all",
            "that all detainees have access to a lawyer from the moment of arrest",
        ],
        consider=["reforming the system for appointing judges"],
        specific=[
            "Adopt a law on free legal aid covering criminal and civil cases",
            "Establish an independent judicial council responsible for the appointment and discipline of judges",
        ],
    ),
    "detention": dict(
        topic="conditions of detention",
        aims=["improve conditions of detention", "reduce overcrowding in prisons"],
        strengthen=["alternatives to pre-trial detention"],
        ensure=[
            "that conditions of detention comply with the Nelson Mandela Rules",
            "that pre-trial detention is used only as a last resort",
        ],
        consider=["expanding non-custodial measures for minor offences"],
        specific=[
            "Reduce the prison population to the official capacity of each prison within three years",
            "Allow independent monitoring bodies unannounced access to all places of detention",
        ],
    ),
    "trafficking": dict(
        topic="the fight against trafficking in persons",
        aims=["combat trafficking in persons", "identify and protect victims of trafficking"],
        strengthen=["cooperation with countries of origin and destination to combat trafficking"],
        ensure=[
            "that victims of trafficking receive protection and assistance",
            "that traffickers are prosecuted and punished",
        ],
        consider=["ratifying the Protocol to Prevent, Suppress and Punish Trafficking in Persons"],
        specific=[
            "Adopt a national action plan against trafficking in persons with a dedicated budget",
            "Establish a national referral mechanism for victims of trafficking",
        ],
    ),
    "migrants": dict(
        topic="the rights of migrants",
        aims=["protect the rights of migrant workers", "combat discrimination against migrants"],
        strengthen=["protection of migrant domestic workers"],
        ensure=[
            "that migrant children are not detained",
            "that migrant workers have access to justice",
        ],
        consider=[
            "ratifying the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families"
        ],
        specific=[
            "Ratify the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
            "Abolish the sponsorship system and allow migrant workers to change employer freely",
        ],
        extra={"Ratify": "international_instruments"},
    ),
    "asylum_seekers_refugees": dict(
        topic="the protection of refugees and asylum-seekers",
        aims=["protect the rights of refugees and asylum-seekers"],
        strengthen=["the asylum procedure"],
        ensure=["full respect for the principle of non-refoulement"],
        consider=["acceding to the 1954 Convention relating to the Status of Stateless Persons"],
        specific=[
            "Adopt a national asylum law in line with the 1951 Convention relating to the Status of Refugees",
            "End the detention of asylum-seeking children",
        ],
    ),
    "indigenous_peoples": dict(
        topic="the rights of indigenous peoples",
        aims=[
            "protect the land rights of indigenous peoples",
            "guarantee the participation of indigenous peoples in decisions that affect them",
        ],
        strengthen=["consultation processes with indigenous peoples"],
        ensure=[
            "free, prior and informed consent of indigenous peoples before projects on their lands"
        ],
        consider=["ratifying ILO Indigenous and Tribal Peoples Convention, 1989 (No. 169)"],
        specific=[
            "Adopt a law on free, prior and informed consent of indigenous peoples",
            "Demarcate and register the ancestral lands of indigenous peoples",
        ],
    ),
    "racial_discrimination": dict(
        topic="the fight against racial discrimination",
        aims=[
            "combat racial discrimination and hate speech",
            "promote tolerance and respect for diversity",
        ],
        strengthen=["measures against racist hate speech"],
        ensure=["that hate crimes are investigated and punished"],
        consider=["adopting a national action plan against racism"],
        specific=[
            "Adopt comprehensive anti-discrimination legislation covering all grounds",
            "Make the declaration under article 14 of the International Convention on the Elimination of All Forms of Racial Discrimination",
        ],
    ),
    "sogi": dict(
        topic="non-discrimination on grounds of sexual orientation and gender identity",
        aims=["combat discrimination and violence against LGBTI persons"],
        strengthen=["protection of LGBTI persons against violence"],
        ensure=["that violence against LGBTI persons is investigated"],
        consider=["decriminalising consensual same-sex relations between adults"],
        specific=[
            "Decriminalise consensual sexual relations between adults of the same sex",
            "Include sexual orientation and gender identity as protected grounds in the anti-discrimination law",
        ],
    ),
    "disabilities": dict(
        topic="the rights of persons with disabilities",
        aims=[
            "promote the inclusion of persons with disabilities",
            "improve accessibility of public buildings and transport",
        ],
        strengthen=["inclusive education for children with disabilities"],
        ensure=["that persons with disabilities can vote on an equal basis with others"],
        consider=[
            "ratifying the Optional Protocol to the Convention on the Rights of Persons with Disabilities"
        ],
        specific=[
            "Adopt a national accessibility plan with annual targets for public buildings",
            "Replace substituted decision-making with supported decision-making in the Civil Code",
        ],
    ),
    "nhri": dict(
        topic="the national human rights institution",
        aims=[
            "bring the national human rights institution into full compliance with the Paris Principles"
        ],
        strengthen=["the independence and resources of the national human rights institution"],
        ensure=[
            "that the national human rights institution has adequate financial and human resources"
        ],
        consider=["seeking accreditation of the national human rights institution"],
        specific=[
            "Amend the law on the national human rights institution to guarantee a transparent selection of its members, in line with the Paris Principles",
            "Apply for A-status accreditation of the national human rights institution by the Global Alliance of National Human Rights Institutions",
        ],
    ),
    "international_instruments": dict(
        topic="the ratification of human rights treaties",
        aims=["accede to the core international human rights instruments"],
        strengthen=["the process of incorporating ratified treaties into domestic law"],
        ensure=["that domestic law is harmonised with the treaties it has ratified"],
        consider=[
            "ratifying the International Convention for the Protection of All Persons from Enforced Disappearance",
            "withdrawing its reservations to the Convention on the Elimination of All Forms of Discrimination against Women",
        ],
        specific=[
            "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
            "Ratify the Rome Statute of the International Criminal Court",
            "Withdraw its reservations to article 16 of the Convention on the Elimination of All Forms of Discrimination against Women",
        ],
    ),
    "special_procedures": dict(
        topic="cooperation with the special procedures",
        aims=["cooperate fully with the special procedures of the Human Rights Council"],
        strengthen=["cooperation with the special procedures"],
        ensure=["timely replies to communications from special procedures"],
        consider=["extending a standing invitation to the special procedures"],
        specific=[
            "Extend a standing invitation to all special procedures of the Human Rights Council",
            "Accept the pending visit requests of the Special Rapporteur on the rights to freedom of peaceful assembly and of association",
        ],
    ),
    "labour": dict(
        topic="labour rights",
        aims=["protect the rights of domestic workers", "eliminate forced labour"],
        strengthen=["labour inspection, in particular in agriculture"],
        ensure=["equal pay for work of equal value"],
        consider=["ratifying ILO Domestic Workers Convention, 2011 (No. 189)"],
        specific=[
            "Ratify ILO Domestic Workers Convention, 2011 (No. 189)",
            "Double the number of labour inspectors",
        ],
    ),
    "poverty": dict(
        topic="poverty reduction",
        aims=[
            "reduce poverty and inequality",
            "extend social protection to workers in the informal economy",
        ],
        strengthen=["social protection programmes for the most vulnerable households"],
        ensure=["that poverty reduction programmes reach rural women"],
        consider=["introducing a social protection floor"],
        specific=[
            "Adopt a national social protection floor covering all children and older persons",
            "Publish disaggregated data on poverty every year",
        ],
        extra={"default": "esc_rights_general"},
    ),
    "impunity": dict(
        topic="accountability",
        aims=[
            "fight impunity for human rights violations",
            "bring to justice those responsible for past violations",
        ],
        strengthen=["accountability for human rights violations committed by security forces"],
        ensure=["that victims of past violations receive reparation"],
        consider=["establishing a truth and reconciliation commission"],
        specific=[
            "Establish an independent commission of inquiry into the killings of protesters and publish its findings",
            "Repeal the amnesty law for crimes committed during the conflict",
        ],
    ),
    "corruption": dict(
        topic="the fight against corruption",
        aims=["combat corruption at all levels of government"],
        strengthen=["the independence of the anti-corruption commission"],
        ensure=["transparency in public procurement"],
        consider=["adopting a law protecting whistle-blowers"],
        specific=[
            "Adopt a law protecting whistle-blowers who report corruption",
            "Publish the asset declarations of all senior public officials",
        ],
    ),
    "environment": dict(
        topic="climate change and the environment",
        aims=[
            "integrate human rights into its climate change policies",
            "protect communities affected by pollution",
        ],
        strengthen=["the participation of affected communities in environmental decisions"],
        ensure=["that environmental impact assessments include human rights"],
        consider=[
            "recognising the right to a clean, healthy and sustainable environment in its Constitution"
        ],
        specific=[
            "Adopt a national climate adaptation plan that includes the rights of the most affected groups",
            "Ratify the Escazú Agreement",
        ],
    ),
    "upr_process": dict(
        topic="the implementation of UPR recommendations",
        aims=["implement the recommendations accepted in the previous cycles"],
        strengthen=["the national mechanism for implementation, reporting and follow-up"],
        ensure=["the participation of civil society in the follow-up of UPR recommendations"],
        consider=["submitting a voluntary mid-term report"],
        specific=[
            "Establish a national mechanism for implementation, reporting and follow-up with a permanent secretariat",
            "Submit a voluntary mid-term report on the implementation of accepted recommendations",
        ],
        extra={"default": "national_plan_of_action"},
    ),
    "technical_assistance": dict(
        topic="human rights",
        aims=["build national capacity in human rights"],
        strengthen=["international cooperation in the field of human rights"],
        ensure=["that international assistance supports national human rights priorities"],
        consider=["requesting technical assistance from OHCHR"],
        specific=["Conclude an agreement with OHCHR for a country office"],
    ),
}


def _sentence(
    rng: random.Random, category: int, issue: str, material: dict
) -> tuple[str, list[str]]:
    """One recommendation text in the given action category, and its issues."""
    issues = [issue]
    topic, aim = material["topic"], rng.choice(material["aims"])
    if category == 1:
        text = rng.choice(
            [
                f"Seek technical assistance from the international community to {aim}",
                f"Share its experience and good practices in {topic} with other States",
                f"Call on the international community to support its efforts to {aim}",
                f"Seek the support of OHCHR and other United Nations entities to {aim}",
            ]
        )
        issues.append("technical_assistance")
    elif category == 2:
        text = rng.choice(
            [
                f"Continue its efforts to {aim}",
                f"Continue to {aim}",
                f"Pursue its efforts to {aim}",
                f"Continue to strengthen {rng.choice(material['strengthen'])}",
                f"Maintain its commitment to {topic}",
            ]
        )
    elif category == 3:
        text = rng.choice(
            [
                f"Consider {rng.choice(material['consider'])}",
                f"Consider the possibility of {rng.choice(material['consider'])}",
                f"Envisage {rng.choice(material['consider'])}",
                f"Study the possibility of {rng.choice(material['consider'])}",
            ]
        )
    elif category == 4:
        text = rng.choice(
            [
                f"Take further measures to {aim}",
                f"Strengthen {rng.choice(material['strengthen'])}",
                f"Ensure {rng.choice(material['ensure'])}",
                f"Intensify its efforts to {aim}",
                f"Take all necessary measures to {aim}",
                f"Redouble its efforts to {aim}",
            ]
        )
    else:
        text = rng.choice(material["specific"])
        # "with an adequate budget" fits a plan or a body, not a ratification or a repeal.
        means_fit = text.split()[0] in {
            "Adopt",
            "Establish",
            "Investigate",
            "Allocate",
            "Publish",
            "Set",
        }
        has_time_frame = any(w in text for w in ("year", "within", "by the end"))
        roll = rng.random()
        if has_time_frame:
            pass
        elif roll < 0.35:
            text += f" {rng.choice(TIME_FRAMES)}"
        elif roll < 0.55 and means_fit:
            text += f", {rng.choice(MEANS)}"
        elif roll < 0.65 and means_fit:
            text += f", {rng.choice(MEANS)}, {rng.choice(TIME_FRAMES)}"
    extra = material.get("extra", {})
    for first_word, other in extra.items():
        if (
            first_word == "default"
            or text.startswith(first_word)
            or (category == 3 and first_word == "Ratify" and "ratifying" in text)
        ):
            issues.append(other)
    return text + ".", list(dict.fromkeys(issues))


def build(states: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    by_iso3 = {s["iso3"]: s for s in states}
    groups = sorted({s["regional_group"] for s in states})
    rows = []
    for iso3, session in STATES_UNDER_REVIEW:
        seen = set()
        while len(seen) < PER_STATE:
            category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[
                0
            ]
            issue = rng.choice(sorted(ISSUES))
            text, issues = _sentence(rng, category, issue, ISSUES[issue])
            if text in seen:
                continue
            seen.add(text)
            # Pick the group first so every group recommends to every state under review.
            group = rng.choice(groups)
            recommending = rng.choice(
                sorted(
                    s["iso3"] for s in states if s["regional_group"] == group and s["iso3"] != iso3
                )
            )
            supported = rng.random() < SUPPORTED_SHARE[category]
            rows.append(
                dict(
                    recommendation_id=f"ILL-{len(rows) + 1:04d}",
                    state_under_review=iso3,
                    recommending_state=recommending,
                    recommending_group=by_iso3[recommending]["regional_group"],
                    session=session,
                    cycle=4,
                    text=text,
                    issues="; ".join(issues),
                    action_category=category,
                    response="supported" if supported else "noted",
                    illustrative="true",
                    source=SOURCE,
                )
            )
    return rows


if __name__ == "__main__":
    with open(HERE / "states.csv", encoding="utf-8", newline="") as f:
        states = list(csv.DictReader(f))
    rows = build(states)
    with open(HERE / "recommendations.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} illustrative recommendations")
