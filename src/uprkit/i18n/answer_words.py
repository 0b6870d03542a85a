"""The words an autograded answer may be written in, in English, French, Spanish and Arabic.

Tables only; :mod:`uprkit.i18n.answers` folds them (case, accents, Arabic letter forms) and reads
answers with them. The French, Spanish and Arabic words follow the kit's glossaries
(``course/locale/*/TERMINOLOGY.md``), its catalogs (the follow-up statuses are the ``reports``
catalog's own translations, checked by ``tests/i18n/test_i18n_answers_assignments.py``) and the UN's
official names of the treaties and their committees. Team translation, not yet reviewed by a native
speaker. A word that is not here is never guessed: the answer stays as it was written.
"""

from __future__ import annotations

# Multiple-choice letters: Arabic lists are lettered أ ب ج د (abjad order) where English says a-d.
CHOICE_LETTERS = {"أ": "a", "ا": "a", "ب": "b", "ج": "c", "د": "d", "ه": "e", "هـ": "e"}

# True / False questions answered with a word instead of Python's True / False.
BOOLEAN_WORDS = {
    True: ("true", "yes", "vrai", "oui", "verdadero", "cierto", "si", "sí", "صحيح", "صح", "نعم"),
    False: ("false", "no", "faux", "non", "falso", "خطأ", "خطا", "خاطئ", "لا"),
}

# Month names CLDR (Babel) does not list: the Levantine names the UN's Arabic texts pair with the
# Gregorian ones ("24 شباط/فبراير 2027"), and the UN's own spellings of June and July (يونيه,
# يوليه, where CLDR says يونيو, يوليو).
ARABIC_LEVANTINE_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
ARABIC_UN_MONTHS = {6: "يونيه", 7: "يوليه"}
# Words around a date's parts: "1er mars", "24 de febrero de 2027", "the 24th of February".
DATE_FILLERS = ("de", "del", "le", "el", "the", "of", "er", "st", "nd", "rd", "th", "en", "في")

# The follow-up matrix's statuses (uprkit.simulations.followup.Status): the reports catalog's
# translations first, then the forms a participant also writes (gender, number, synonyms).
STATUS_WORDS = {
    "not started": ("non commencée", "non commencé", "pas commencé", "no iniciada", "no iniciado",
                    "لم يبدأ التنفيذ", "لم يبدأ"),
    "in progress": ("en cours", "en curso", "قيد التنفيذ"),
    "partially implemented": ("partiellement mise en œuvre", "partiellement mis en œuvre",
                              "parcialmente aplicada", "parcialmente aplicado",
                              "parcialmente implementada", "نُفّذت جزئياً", "نفذت جزئيا",
                              "منفذة جزئيا"),
    "implemented": ("mise en œuvre", "mis en œuvre", "appliquée", "aplicada", "aplicado",
                    "implementada", "نُفّذت", "نفذت", "منفذة"),
    "regressed": ("en recul", "régression", "en retroceso", "retroceso", "تراجع"),
    "no information": ("pas d’information", "pas d'information", "aucune information",
                       "sin información", "لا توجد معلومات", "لا معلومات"),
}  # fmt: skip

# Words that name a part of a document (a section title), as a word stem: "summary" is found in
# "Executive summary", « Résumé analytique », "Resumen ejecutivo", «ملخص تنفيذي».
SECTION_WORDS = {
    "summary": ("summary", "résumé", "synthèse", "resumen", "síntesis", "ملخص", "موجز", "خلاصة"),
    "recommendation": ("recommendation", "recommandation", "recomendación", "recomendacion",
                       "توصي"),
}  # fmt: skip

# The nine core treaties: the treaty's and its committee's names and acronyms in English (the
# committees; the treaties' own English names come from uprkit.data.load_treaties), French,
# Spanish and Arabic, as the UN's texts in those languages give them. Keys are the kit's codes.
TREATY_NAMES = {
    "ICERD": (
        "Committee on the Elimination of Racial Discrimination",
        "Convention internationale sur l'élimination de toutes les formes de discrimination "
        "raciale",
        "Comité pour l'élimination de la discrimination raciale",
        "Convención Internacional sobre la Eliminación de todas las Formas de Discriminación "
        "Racial",
        "Comité para la Eliminación de la Discriminación Racial",
        "الاتفاقية الدولية للقضاء على جميع أشكال التمييز العنصري",
        "لجنة القضاء على التمييز العنصري",
    ),
    "ICCPR": (
        "Human Rights Committee", "PIDCP",
        "Pacte international relatif aux droits civils et politiques",
        "Comité des droits de l'homme",
        "Pacto Internacional de Derechos Civiles y Políticos", "Comité de Derechos Humanos",
        "العهد الدولي الخاص بالحقوق المدنية والسياسية", "اللجنة المعنية بحقوق الإنسان",
    ),
    "ICESCR": (
        "Committee on Economic, Social and Cultural Rights", "PIDESC",
        "Pacte international relatif aux droits économiques, sociaux et culturels",
        "Comité des droits économiques, sociaux et culturels",
        "Pacto Internacional de Derechos Económicos, Sociales y Culturales",
        "Comité de Derechos Económicos, Sociales y Culturales",
        "العهد الدولي الخاص بالحقوق الاقتصادية والاجتماعية والثقافية",
        "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
    ),
    "CEDAW": (
        "Committee on the Elimination of Discrimination against Women", "CEDEF",
        "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
        "Comité pour l'élimination de la discrimination à l'égard des femmes",
        "Convención sobre la eliminación de todas las formas de discriminación contra la mujer",
        "Comité para la Eliminación de la Discriminación contra la Mujer",
        "اتفاقية القضاء على جميع أشكال التمييز ضد المرأة", "لجنة القضاء على التمييز ضد المرأة",
        "سيداو",
    ),
    "CAT": (
        "Committee against Torture", "Convention contre la torture", "Comité contre la torture",
        "Convención contra la Tortura", "Comité contra la Tortura",
        "اتفاقية مناهضة التعذيب", "لجنة مناهضة التعذيب",
    ),
    "CRC": (
        "Committee on the Rights of the Child", "CDE", "CIDE",
        "Convention relative aux droits de l'enfant", "Comité des droits de l'enfant",
        "CDN", "Convención sobre los Derechos del Niño", "Comité de los Derechos del Niño",
        "اتفاقية حقوق الطفل", "لجنة حقوق الطفل",
    ),
    "ICRMW": (
        "Committee on Migrant Workers", "Comité des travailleurs migrants",
        "Comité de Trabajadores Migratorios", "لجنة العمال المهاجرين",
        "الاتفاقية الدولية لحماية حقوق جميع العمال المهاجرين وأفراد أسرهم",
    ),
    "CRPD": (
        "Committee on the Rights of Persons with Disabilities",
        "Convention relative aux droits des personnes handicapées",
        "Comité des droits des personnes handicapées",
        "Convención sobre los derechos de las personas con discapacidad",
        "Comité sobre los Derechos de las Personas con Discapacidad",
        "اتفاقية حقوق الأشخاص ذوي الإعاقة", "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة",
    ),
    "CPED": (
        "Committee on Enforced Disappearances", "Comité des disparitions forcées",
        "Comité contra la Desaparición Forzada",
        "الاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري",
        "اللجنة المعنية بحالات الاختفاء القسري",
    ),
}  # fmt: skip
