# ruff: noqa: E501  (long template and calendar lines are data: one row per line reads best)
"""Write datasets/sessions.csv and datasets/reviews.csv from the fact sheet's UPR calendar.

Run from the repository root: ``python datasets/build_calendar.py``. The output is committed;
this script is the record of where each row comes from (fact sheet §1.2, §8; source keys in
the ``source`` columns). Deterministic: same input, same bytes.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (session, start, end, dates_status, status, source). Dates given in the fact sheet are
# CONFIRMED; the others come from general knowledge of the OHCHR calendar and are UNCONFIRMED.
SESSIONS = [
    (1, "2008-04-07", "2008-04-18", "CONFIRMED", "[IDPC]; [UNGVA-2008]"),
    (2, "2008-05-05", "2008-05-16", "CONFIRMED", "[IDPC]; [UNGVA-2008]"),
    (3, "2008-12-01", "2008-12-15", "UNCONFIRMED", "general knowledge"),
    (4, "2009-02-02", "2009-02-13", "CONFIRMED", "[UNGVA-2009]"),
    (5, "2009-05-04", "2009-05-15", "CONFIRMED", "[UNGVA-2008]"),
    (6, "2009-11-30", "2009-12-11", "CONFIRMED", "[UNGVA-2008]"),
    (7, "2010-02-08", "2010-02-19", "UNCONFIRMED", "general knowledge"),
    (8, "2010-05-03", "2010-05-14", "UNCONFIRMED", "general knowledge"),
    (
        9,
        "2010-11-01",
        "2010-11-12",
        "UNCONFIRMED",
        "[UPRI-TRAX21] gives Nov/Dec 2010; days from general knowledge",
    ),
    (10, "2011-01-24", "2011-02-04", "UNCONFIRMED", "general knowledge"),
    (
        11,
        "2011-05-02",
        "2011-05-13",
        "UNCONFIRMED",
        "[UPRI-TRAX25] gives May 2011; days from general knowledge",
    ),
    (
        12,
        "2011-10-03",
        "2011-10-14",
        "UNCONFIRMED",
        "[IDPC] gives Oct 2011; days from general knowledge",
    ),
    (
        13,
        "2012-05-21",
        "2012-06-04",
        "UNCONFIRMED",
        "start 21 May 2012 CONFIRMED (fact sheet §1.2: [UPRI-NEWMOD]); end day from general knowledge",
    ),
    (14, "2012-10-22", "2012-11-05", "CONFIRMED", "[CRIN-14]"),
    (
        15,
        "2013-01-21",
        "2013-02-01",
        "UNCONFIRMED",
        "[UPRI-NEWMOD] gives Jan/Feb 2013; days from general knowledge",
    ),
    (
        16,
        "2013-04-22",
        "2013-05-03",
        "UNCONFIRMED",
        "Apr/May 2013 in fact sheet §8.1; days from general knowledge",
    ),
    (17, "2013-10-21", "2013-11-01", "CONFIRMED", "[IJRC-17]"),
    (
        18,
        "2014-01-27",
        "2014-02-07",
        "UNCONFIRMED",
        "Jan/Feb 2014 in fact sheet §8.1; days from general knowledge",
    ),
    (
        19,
        "2014-04-28",
        "2014-05-09",
        "UNCONFIRMED",
        "Apr/May 2014 in fact sheet §8.1; days from general knowledge",
    ),
    (
        20,
        "2014-10-27",
        "2014-11-07",
        "UNCONFIRMED",
        "Oct/Nov 2014 in fact sheet §8.1; days from general knowledge",
    ),
    (
        21,
        "2015-01-19",
        "2015-01-30",
        "UNCONFIRMED",
        "Jan/Feb 2015 in fact sheet §8.1; days from general knowledge",
    ),
    (22, "2015-05-04", "2015-05-15", "CONFIRMED", "[IJRC-22]"),
    (23, "2015-11-02", "2015-11-13", "CONFIRMED", "[OHCHR-CYCLES]"),
    (24, "2016-01-18", "2016-01-29", "CONFIRMED", "[UPRI-24]"),
    (25, "2016-05-02", "2016-05-13", "CONFIRMED", "[UPRI-S25]"),
    (
        26,
        "2016-10-31",
        "2016-11-11",
        "CONFIRMED",
        "fact sheet corrections 2026-12-03 (31 Oct-11 Nov 2016)",
    ),
    (27, "2017-05-01", "2017-05-12", "CONFIRMED", "[DEC31116]; [UPRI-TRAX73]"),
    (28, "2017-11-06", "2017-11-17", "CONFIRMED", "[UPRI-28]"),
    (
        29,
        "2018-01-15",
        "2018-01-26",
        "UNCONFIRMED",
        "Jan 2018 in fact sheet §8.1; days from general knowledge",
    ),
    (
        30,
        "2018-05-07",
        "2018-05-18",
        "UNCONFIRMED",
        "May 2018 in fact sheet §8.1; days from general knowledge",
    ),
    (31, "2018-11-05", "2018-11-16", "CONFIRMED", "[UPRI-31]"),
    (
        32,
        "2019-01-21",
        "2019-02-01",
        "UNCONFIRMED",
        "Jan/Feb 2019 in fact sheet §8.1; days from general knowledge",
    ),
    (
        33,
        "2019-05-06",
        "2019-05-17",
        "UNCONFIRMED",
        "May 2019 in fact sheet §8.1; days from general knowledge",
    ),
    (
        34,
        "2019-11-04",
        "2019-11-15",
        "UNCONFIRMED",
        "Nov 2019 in fact sheet §8.1; days from general knowledge",
    ),
    (
        35,
        "2020-01-20",
        "2020-01-31",
        "UNCONFIRMED",
        "Jan 2020 in fact sheet §8.1; days from general knowledge",
    ),
    (36, "2020-11-02", "2020-11-13", "CONFIRMED", "[OHCHR-36] (postponed from May 2020)"),
    (
        37,
        "2021-01-18",
        "2021-01-29",
        "UNCONFIRMED",
        "Jan 2021 in fact sheet §8.1; days from general knowledge",
    ),
    (38, "2021-05-03", "2021-05-14", "CONFIRMED", "[OHCHR-38]"),
    (39, "2021-11-01", "2021-11-12", "CONFIRMED", "[WPC-SAMOA]; [UPRI-AGENDA]"),
    (40, "2022-01-24", "2022-02-03", "CONFIRMED", "[UNGVA-40]"),
    (41, "2022-11-07", "2022-11-18", "CONFIRMED", "[OHCHR-41]"),
    (42, "2023-01-23", "2023-02-03", "CONFIRMED", "[UPRI-42]; [ILGA-DL]"),
    (43, "2023-05-01", "2023-05-12", "CONFIRMED", "[UPRI-43]; [ILGA-DL]"),
    (44, "2023-11-06", "2023-11-17", "CONFIRMED", "[OHCHR-44]"),
    (
        45,
        "2024-01-22",
        "2024-02-02",
        "UNCONFIRMED",
        "Jan/Feb 2024 [ILGA-DL]; China reviewed 23 Jan [AP-CHINA]; days from general knowledge",
    ),
    (46, "2024-04-29", "2024-05-10", "CONFIRMED", "[OHCHR-46]"),
    (47, "2024-11-04", "2024-11-15", "CONFIRMED", "[UPRI-47]"),
    (48, "2025-01-20", "2025-01-31", "CONFIRMED", "[MENAFN-48]"),
    (49, "2025-04-28", "2025-05-09", "CONFIRMED", "[UPRI-49]"),
    (50, "2025-11-03", "2025-11-14", "CONFIRMED", "[CORPMALD]"),
    (
        51,
        "2026-01-19",
        "2026-01-30",
        "UNCONFIRMED",
        "[DFAT-51] statements dated 19-27 Jan 2026; end date from the two-week pattern",
    ),
    (52, "", "", "UNCONFIRMED", "projected ~Apr/May 2026 (fact sheet §8.1)"),
    (53, "", "", "UNCONFIRMED", "projected ~Oct/Nov 2026 (fact sheet §8.1)"),
    (54, "", "", "UNCONFIRMED", "projected ~early 2027 (fact sheet §8.1)"),
]
PROJECTED_PERIOD = {52: "2026-04/05", 53: "2026-10/11", 54: "2027-01/02"}

# Review groups G1-G14 (fact sheet §8.1: the 1st-cycle order kept in later cycles, sessions of 14).
GROUPS = {
    1: "Bahrain; Ecuador; Tunisia; Morocco; Indonesia; Finland; United Kingdom; India; Algeria; "
    "Philippines; Brazil; Poland; Netherlands; South Africa",
    2: "Czechia; Argentina; Gabon; Ghana; Peru; Guatemala; Benin; Republic of Korea; Switzerland; "
    "Pakistan; Zambia; Japan; Sri Lanka",
    3: "France; Tonga; Romania; Mali; Botswana; Bahamas; Burundi; Luxembourg; Barbados; Montenegro; "
    "United Arab Emirates; Israel; Liechtenstein; Serbia",
    4: "Turkmenistan; Burkina Faso; Cabo Verde; Colombia; Uzbekistan; Tuvalu; Germany; Djibouti; "
    "Canada; Bangladesh; Russian Federation; Azerbaijan; Cameroon; Cuba",
    5: "Saudi Arabia; Senegal; China; Nigeria; Mexico; Mauritius; Jordan; Malaysia; "
    "Central African Republic; Monaco; Belize; Chad; Congo; Malta",
    6: "New Zealand; Afghanistan; Chile; Cyprus; Uruguay; Yemen; Vanuatu; North Macedonia; Comoros; "
    "Slovakia; Eritrea; Viet Nam; Dominican Republic; Cambodia",
    7: "Norway; Albania; DR Congo; Côte d'Ivoire; Portugal; Bhutan; Dominica; DPR Korea; "
    "Brunei Darussalam; Costa Rica; Equatorial Guinea; Ethiopia; Qatar; Nicaragua",
    8: "Italy; El Salvador; Gambia; Bolivia; Fiji; San Marino; Kazakhstan; Angola; Iran; Madagascar; "
    "Iraq; Slovenia; Egypt; Bosnia and Herzegovina",
    9: "Armenia; Grenada; Guinea; Guinea-Bissau; Guyana; Kenya; Kiribati; Kuwait; Kyrgyzstan; "
    "Lesotho; Lao PDR; Spain; Sweden; Türkiye",
    10: "Belarus; Liberia; Malawi; Mongolia; Panama; Maldives; Andorra; Bulgaria; Honduras; "
    "United States; Marshall Islands; Croatia; Jamaica; Libya",
    11: "Australia; Austria; Georgia; Lebanon; Mauritania; Micronesia; Myanmar; Nauru; Nepal; Oman; "
    "Rwanda; Saint Kitts and Nevis; Saint Lucia; Sao Tome and Principe",
    12: "Namibia; Niger; Mozambique; Estonia; Paraguay; Belgium; Denmark; Palau; Somalia; Seychelles; "
    "Solomon Islands; Latvia; Sierra Leone; Singapore",
    13: "Antigua and Barbuda; Greece; Hungary; Ireland; Papua New Guinea; Samoa; "
    "Saint Vincent and the Grenadines; Suriname; Eswatini; Tajikistan; Tanzania; Thailand; "
    "Trinidad and Tobago",
    14: "Togo; Syria; Iceland; Venezuela; Zimbabwe; Lithuania; Uganda; Timor-Leste; Moldova; "
    "South Sudan; Haiti",
}
GROUP_SOURCES = {
    1: "[OHCHR-41]; [UPRI-TRAX25]; [UPRI-TRAX73]",
    2: "[UPRI-42]; [ILGA-DL]; [CRIN-14]; [UKR-28]",
    3: "[UPRI-43]; [ILGA-DL]; [UPRI-PRE29]; [IJRC-17]",
    4: "[OHCHR-44]; [ILGA-DL]",
    5: "[UPRI-31]; [ILGA-DL]; [AP-CHINA]; [IJRC-17]",
    6: "[OHCHR-46]; [UPRI-35K]; [UPRI-PRE32]",
    7: "[UPRI-47]; [UPRI-HRC58]",
    8: "[MENAFN-48]; [UPRI-S20]",
    9: "[UPRI-49]; [UPRI-EXT21]",
    10: "[IJRC-22]; [OHCHR-36]; [CORPMALD]; [UNIPD-US]",
    11: "[OHCHR-CYCLES]; [DFAT-51]",
    12: "[UPRI-24]; [OHCHR-38]; [UPRI-38]",
    13: "[UPRI-S25]; [UPRI-AGENDA]; [WPC-SAMOA]",
    14: "[UNGVA-40]; [UPRI-40]",
}
FIRST_SESSION = {2: 13, 3: 27, 4: 41}

# 1st-cycle sessions whose lists the fact sheet gives (§8.3); the others are not in this file.
CYCLE1 = {
    4: (
        "Germany; Djibouti; Canada; Bangladesh; Russian Federation; Azerbaijan; Cameroon; Cuba; "
        "Saudi Arabia; Senegal; China; Nigeria; Mexico; Mauritius; Jordan; Malaysia",
        "confirmed",
        "[UNGVA-2009]; [UNGVA-2008]",
    ),
    5: (
        "Central African Republic; Monaco; Belize; Chad; Congo; Malta; New Zealand; Afghanistan; "
        "Chile; Viet Nam; Uruguay; Yemen; Vanuatu; North Macedonia; Comoros; Slovakia",
        "confirmed",
        "[UNGVA-2008]; [UPRI-TRAX3]",
    ),
    6: (
        "Eritrea; Cyprus; Dominican Republic; Cambodia; Norway; Albania; DR Congo; Côte d'Ivoire; "
        "Portugal; Bhutan; Dominica; DPR Korea; Brunei Darussalam",
        "confirmed",
        "[UNGVA-2008]",
    ),
    9: (
        "Liberia; Malawi; Mongolia; Panama; Maldives; Andorra; Bulgaria; Honduras; United States; "
        "Marshall Islands; Croatia; Jamaica; Libya; Micronesia; Lebanon; Mauritania",
        "confirmed",
        "[UPRI-TRAX21]; [MNADV]",
    ),
    11: (
        "Belgium; Denmark; Palau; Somalia; Seychelles; Solomon Islands; Latvia; Sierra Leone; "
        "Singapore; Suriname; Greece; Samoa; Saint Vincent and the Grenadines; Sudan; Hungary; "
        "Papua New Guinea",
        "confirmed",
        "[UPRI-TRAX25]",
    ),
}
CYCLE1_DERIVED = {
    6: (
        "Costa Rica; Equatorial Guinea; Ethiopia",
        "fact sheet §8.3: end of the list cut off, DERIVED",
    )
}


def cycle_of(session: int) -> int:
    return 1 if session <= 12 else 2 if session <= 26 else 3 if session <= 40 else 4


def build_reviews(to_iso3) -> list[dict]:
    rows = []

    def add(session, name, status, source, note=""):
        rows.append(
            dict(session=session, iso3=to_iso3(name), status=status, source=source, note=note)
        )

    for session, (names, status, source) in CYCLE1.items():
        for name in names.split("; "):
            add(session, name, status, source)
    for session, (names, note) in CYCLE1_DERIVED.items():
        for name in names.split("; "):
            add(session, name, "derived", "[UNGVA-2008]", note)
    for cycle, first in FIRST_SESSION.items():
        for group, names in GROUPS.items():
            session = first + group - 1
            projected = session >= 52
            for name in names.split("; "):
                status, note = ("projected" if projected else "confirmed"), ""
                if session == 26:
                    status, note = (
                        "derived",
                        "2nd-cycle session 26 list DERIVED from the 40th (fact sheet §8.1)",
                    )
                if name == "Israel" and cycle == 2:
                    add(17, name, "confirmed", "[IJRC-17]", "moved from session 15 (2nd cycle)")
                    continue
                if name == "United States" and cycle == 4:
                    add(
                        session,
                        name,
                        "unconfirmed",
                        "[UNIPD-US]",
                        "did not take part in Nov 2025; HRC decided 7 Nov 2025 the review may be held later",
                    )
                    continue
                add(session, name, status, GROUP_SOURCES[group], note)
            if group == 2 and cycle in (2, 3):
                add(session, "Ukraine", "confirmed", "[CRIN-14]; [UKR-28]")
            if group == 13 and cycle == 2:
                add(session, "Sudan", "confirmed", "[UPRI-S25]")
            if group == 14 and cycle == 3:
                add(session, "Sudan", "confirmed", "[UNGVA-40]")
    rows.sort(key=lambda r: (r["session"], r["iso3"]))
    return rows


def build_sessions() -> list[dict]:
    rows = []
    for session, start, end, dates_status, source in SESSIONS:
        group = "" if session <= 12 else f"G{(session - 13) % 14 + 1}"
        rows.append(
            dict(
                session=session,
                cycle=cycle_of(session),
                review_group=group,
                start_date=start,
                end_date=end,
                period=PROJECTED_PERIOD.get(session, start[:7]),
                status="projected" if session >= 52 else "confirmed",
                dates_status=dates_status,
                source=source,
            )
        )
    return rows


def write(name: str, rows: list[dict]) -> None:
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    from uprkit.data import to_iso3

    write("sessions.csv", build_sessions())
    write("reviews.csv", build_reviews(to_iso3))
