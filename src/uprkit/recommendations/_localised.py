"""The analyser for French, Spanish and Arabic texts: the category, SMART elements and
suggestions, explained in the text's language.

The explanations and suggestions are English msgids in the kit's catalogs
(src/uprkit/locale/{fr,es,ar}/LC_MESSAGES/uprkit.po), translated by the team and not reviewed
by a native speaker (``TRANSLATION_STATUS``). The SMART word lists below are the kit's own, the
counterparts of the English lists in :mod:`._assess`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from uprkit.recommendations._languages import LANGUAGES, ar_normalise
from uprkit.recommendations._lexicon_tools import fold
from uprkit.recommendations._other_rules import N_, Decision, classify_tokens, find_main_verb

TRANSLATION_STATUS = "team translation (not reviewed by a native speaker)"
READ_LANGUAGES = tuple(LANGUAGES)  # fr, es, ar

LABELS = {
    1: N_("minimal action"),
    2: N_("continuing action"),
    3: N_("considering action"),
    4: N_("general action"),
    5: N_("specific action"),
}
TEMPLATE = N_("Category {category} ({label}): {why} (deciding words: {words}).")


@lru_cache(maxsize=4)
def translator(language: str):
    """The catalog's gettext for ``language`` (loaded on first use: Babel costs ~0.1 s)."""
    from uprkit.i18n.messages import gettext

    return gettext(language)


def explain(language: str, decision: Decision) -> str:
    """One sentence in ``language``: the category, why, and the words that decided."""
    t = translator(language)
    if decision.category is None:
        return t(decision.why).format(start=" ".join(decision.words))
    why = t(decision.why)
    why = why[0].lower() + why[1:] if language != "ar" else why
    quoted = ("، " if language == "ar" else ", ").join(
        f"«{w}»" if language == "fr" else f"“{w}”" for w in decision.words
    )
    return t(TEMPLATE).format(
        category=decision.category, label=t(LABELS[decision.category]), why=why, words=quoted
    )


def classify_in(language: str, text: str) -> Decision:
    """The decision of the rules of ``language``, its deciding words as the text spells them."""
    decision = classify_tokens(LANGUAGES[language], text)
    spelled = _spellings(language, text)
    words = tuple(" ".join(spelled.get(w, w) for w in p.split()) for p in decision.words)
    return replace(decision, words=words)


_ORIGINAL = {"ar": re.compile(r"[\u0621-\u065f\u0670]+"), "latin": re.compile(r"[^\W_]+")}


def _spellings(language: str, text: str) -> dict[str, str]:
    """How the text spells each word the rules read: "elaborer" is "élaborer" there."""
    found: dict[str, str] = {}
    if language == "ar":
        for word in _ORIGINAL["ar"].findall(text):
            read = ar_normalise(word)
            found.setdefault(read, word)
            if len(read) > 3 and read[0] in "وب":
                found.setdefault(read[1:], word[1:])
        return found
    for word in _ORIGINAL["latin"].findall(text.lower().replace("’", "'")):
        found.setdefault(fold(word), word)
    return found


def has_main_verb(language: str, text: str) -> bool:
    """True when the rules of ``language`` find one of its listed verbs opening the text."""
    found = find_main_verb(LANGUAGES[language], text)
    return found is not None and not found[1].unknown


# -- SMART elements -------------------------------------------------------------------------
_PHRASES = {
    "fr": {
        "measurable target": """pour cent; au moins; pas moins de; minimum; maximum; objectif
            chiffre; objectifs chiffres; cible; cibles; indicateur; indicateurs; quota; quotas;
            donnees ventilees; statistiques; nombre de; proportion de; pourcentage de; taux de;
            reduire de moitie; doubler; mesurable; mesurables""",
        "time frame": """d ici; avant le prochain examen; avant son prochain examen; avant le
            prochain cycle; calendrier; echeancier; delai; delais; date butoir; dans un delai;
            au plus tard; d ici a""",
        "responsible actor": """ministere; ministeres; ministre; parlement; parlementaire;
            assemblee nationale; police; gendarmerie; magistrats; juges; tribunaux; procureur;
            ministere public; mediateur; institution nationale des droits de l homme;
            commission nationale des droits de l homme; forces de securite; forces armees;
            armee; forces de l ordre; administration penitentiaire; autorites locales;
            collectivites locales; mecanisme national de prevention; fonctionnaires;
            gouvernement""",
        "rights-holders concerned": """femmes; femme; filles; fille; enfants; enfant; garcons;
            adolescents; jeunes; mineurs; personnes handicapees; migrants; travailleurs
            migrants; refugies; demandeurs d asile; apatrides; personnes deplacees; autochtones;
            minorites; minorite; roms; lgbt; lgbti; detenus; prisonniers; personnes privees de
            liberte; defenseurs des droits de l homme; journalistes; victimes; personnes agees;
            travailleurs domestiques; travailleurs; personnes vivant avec le vih; pauvres;
            groupes vulnerables; populations rurales""",
        "treaty or standard cited": """convention; conventions; pacte; pactes; protocole;
            protocoles; cedaw; opcat; crc; crpd; principes de paris; statut de rome;
            declaration universelle; regles nelson mandela; regles de bangkok; observation
            generale; recommandation generale; observations finales; comite; rapporteur
            special; organes conventionnels; normes internationales; droit international;
            objectifs de developpement durable; article; articles; oit""",
    },
    "es": {
        "measurable target": """por ciento; al menos; no menos de; minimo; maximo; meta; metas;
            indicador; indicadores; cuota; cuotas; datos desglosados; estadisticas; numero de;
            proporcion de; porcentaje de; tasa de; reducir a la mitad; duplicar; medible""",
        "time frame": """antes del proximo examen; antes de su proximo examen; antes del proximo
            ciclo; calendario; cronograma; plazo; plazos; fecha limite; a mas tardar""",
        "responsible actor": """ministerio; ministerios; ministro; parlamento; parlamentario;
            asamblea nacional; congreso; policia; poder judicial; jueces; tribunales; fiscal;
            fiscalia; defensor del pueblo; defensoria; institucion nacional de derechos
            humanos; comision nacional de derechos humanos; fuerzas de seguridad; fuerzas
            armadas; ejercito; funcionarios encargados de hacer cumplir la ley; autoridades
            locales; municipios; mecanismo nacional de prevencion; funcionarios; gobierno""",
        "rights-holders concerned": """mujeres; mujer; ninas; nina; ninos; nino; adolescentes;
            jovenes; menores; personas con discapacidad; migrantes; trabajadores migratorios;
            refugiados; solicitantes de asilo; apatridas; desplazados; indigenas; minorias;
            romanies; lgbt; lgbti; detenidos; presos; reclusos; personas privadas de libertad;
            defensores de los derechos humanos; periodistas; victimas; personas de edad;
            trabajadores domesticos; trabajadores; personas que viven con el vih; pobres;
            grupos vulnerables; afrodescendientes; zonas rurales""",
        "treaty or standard cited": """convencion; convenciones; convenio; convenios; pacto;
            pactos; protocolo; protocolos; cedaw; opcat; principios de paris; estatuto de
            roma; declaracion universal; reglas nelson mandela; reglas de bangkok; observacion
            general; recomendacion general; observaciones finales; comite; relator especial;
            relatora especial; organos de tratados; normas internacionales; derecho
            internacional; objetivos de desarrollo sostenible; articulo; articulos; oit""",
    },
    "ar": {
        "measurable target": """في المائه; علي الاقل; لا يقل عن; حد ادني; هدف محدد; اهداف
            محدده; مؤشر; مؤشرات; حصه; حصص; بيانات مصنفه; احصاءات; عدد; نسبه; معدل""",
        "time frame": """بحلول; قبل الاستعراض المقبل; قبل الاستعراض القادم; قبل الجوله
            المقبله; جدول زمني; اطار زمني; موعد نهائي; في غضون""",
        "responsible actor": """وزاره; وزارات; وزير; البرلمان; برلمان; الجمعيه الوطنيه;
            الشرطه; القضاء; الجهاز القضائي; القضاه; المحاكم; النيابه العامه; امين المظالم;
            المؤسسه الوطنيه لحقوق الانسان; اللجنه الوطنيه لحقوق الانسان; قوات الامن; القوات
            المسلحه; الجيش; موظفي انفاذ القانون; السلطات المحليه; الاليه الوقائيه الوطنيه;
            الموظفين; الحكومه""",
        "rights-holders concerned": """المراه; النساء; نساء; الفتيات; فتيات; الطفل; الاطفال;
            اطفال; المراهقين; الشباب; القاصرين; الاشخاص ذوي الاعاقه; المهاجرين; العمال
            المهاجرين; اللاجئين; ملتمسي اللجوء; عديمي الجنسيه; المشردين داخليا; الشعوب
            الاصليه; الاقليات; الروما; المحتجزين; السجناء; المحرومين من حريتهم; المدافعين عن
            حقوق الانسان; الصحفيين; الضحايا; كبار السن; العمال المنزليين; العمال; الفقراء;
            الفئات الضعيفه; المناطق الريفيه""",
        "treaty or standard cited": """اتفاقيه; الاتفاقيه; اتفاقيات; العهد; العهدين; بروتوكول;
            البروتوكول; البروتوكولات; مبادئ باريس; نظام روما الاساسي; الاعلان العالمي; قواعد
            نيلسون مانديلا; قواعد بانكوك; التعليق العام; التوصيه العامه; الملاحظات الختاميه;
            اللجنه المعنيه; لجنه مناهضه; المقرر الخاص; المقرره الخاصه; هيئات المعاهدات;
            المعايير الدوليه; القانون الدولي; اهداف التنميه المستدامه; الماده; المواد""",
    },
}
_NUMBERS = {
    "measurable target": re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|٪|pour cent|por ciento)"),
    "time frame": re.compile(
        r"(?:d ici|d ici a|avant|en|antes de|para|hasta|en el ano|بحلول عام|بحلول|قبل|عام)"
        r"\s+(?:fin\s+|finales\s+de\s+|نهايه\s+)?(?:19|20)\d\d\b"
    ),
}


def _padded(language: str, text: str) -> str:
    return " " + " ".join(LANGUAGES[language].tokens(text)) + " "


@lru_cache(maxsize=4)
def _phrases(language: str) -> dict[str, tuple[str, ...]]:
    table = {}
    for element, text in _PHRASES[language].items():
        cleaned = (ar_normalise if language == "ar" else fold)(text)
        table[element] = tuple(
            " " + " ".join(p.split()) + " " for p in cleaned.split(";") if p.strip()
        )
    return table


def find_elements(language: str, text: str, category: int | None) -> set[str]:
    """Which SMART elements a French, Spanish or Arabic text shows (as in English)."""
    padded = _padded(language, text)
    present = {
        element
        for element, phrases in _phrases(language).items()
        if any(p in padded for p in phrases)
    }
    present.update(e for e, pattern in _NUMBERS.items() if pattern.search(padded))
    if category == 5:
        present.add("specific action")
    return present


# -- suggestions (the English tips of ._assess, as msgids) ----------------------------------
TIP_START = N_(
    "Start with one verb that tells the State what to do, e.g. 'Ratify …', "
    "'Adopt a law that …', 'Establish …'."
)
TIP_MINIMAL = N_(
    "Address the State under Review and ask it for a concrete step of its own, not "
    "only to seek or share help."
)
TIP_WEAK = N_(
    "'{verb}' asks for little: replace it with a verb that asks for one concrete step, "
    "e.g. 'Ratify …', 'Adopt a law on …', 'Establish …'."
)
TIP_GENERAL = N_(
    "'{verb}' leaves the step open: name one precise action you could check, e.g. "
    "'adopt a law that criminalises …' or 'establish an independent body that …'."
)
TIP_MEASURE = N_(
    "Add something countable so progress can be measured: a number, a percentage or an "
    "indicator (e.g. 'halve pre-trial detention', '30 % of seats')."
)
TIP_VAGUE = N_("'As soon as possible' is not a deadline: give a date or 'before its next review'.")
TIP_DEADLINE = N_("Add a deadline, e.g. 'by 2027' or 'before its next review'.")
TIP_ACTOR = N_(
    "Say who must act (e.g. the Ministry of Justice, Parliament, the police), so "
    "civil society knows whom to follow up with."
)
TIP_HOLDERS = N_("Name who should benefit (e.g. women in rural areas, children with disabilities).")
TIP_STANDARD = N_(
    "Cite the standard it rests on (e.g. 'in line with CEDAW article 16' or a treaty "
    "body's concluding observations)."
)
TIP_SPLIT = N_("One recommendation, one action: split it so each part can be followed up.")
_VAGUE = {
    "fr": (" des que possible ", " dans les meilleurs delais ", " sans delai ", " rapidement "),
    "es": (" lo antes posible ", " cuanto antes ", " sin demora ", " a la mayor brevedad "),
    "ar": (" في اقرب وقت ممكن ", " دون تاخير ", " علي وجه السرعه ", " فورا "),
}


def _separate_actions(language: str, text: str) -> int:
    """How many further actions are joined by "and" ("ratifier X et adopter Y" gives 1)."""
    lang = LANGUAGES[language]
    tokens, count = lang.tokens(text), 0
    for index in range(1, len(tokens) - 1):
        if tokens[index] in lang.lexicon.AND and lang.lemma(tokens[index + 1]):
            if lang.lemma(tokens[index - 1]) is None:
                count += 1
    return count


def suggestions(
    language: str, text: str, category: int | None, words: tuple[str, ...], found: set[str]
) -> tuple[str, ...]:
    """The English suggestions of ``assess``, for a text in ``language``, in ``language``."""
    t = translator(language)
    verb = words[0] if words else ""
    tips = []
    if category is None:
        tips.append(t(TIP_START))
    elif category == 1:
        tips.append(t(TIP_MINIMAL))
    elif category in (2, 3):
        tips.append(t(TIP_WEAK).format(verb=verb))
    elif category == 4:
        tips.append(t(TIP_GENERAL).format(verb=verb))
    padded = _padded(language, text)
    if "measurable target" not in found:
        tips.append(t(TIP_MEASURE))
    if "time frame" not in found:
        vague = any(v in padded for v in _VAGUE[language])
        tips.append(t(TIP_VAGUE) if vague else t(TIP_DEADLINE))
    for element, tip in (
        ("responsible actor", TIP_ACTOR),
        ("rights-holders concerned", TIP_HOLDERS),
        ("treaty or standard cited", TIP_STANDARD),
    ):
        if element not in found:
            tips.append(t(tip))
    if _separate_actions(language, text) >= 1:
        tips.append(t(TIP_SPLIT))
    return tuple(tips)
