"""The analyser in French, Spanish and Arabic: each language's constructions, the language told
per text, explanations in the text's language, and agreement with UPR Info on translated rows."""

from __future__ import annotations

import pytest

from fixtures.analyser_translations.dev_set import (
    LANGUAGES,
    TEAM,
    dev_set,
    read_sample,
    read_translations,
)
from uprkit.errors import DataError
from uprkit.recommendations import assess, classify_action, detect_language

# Sentences written for the tests in the UN register (not rows of the development set).
CONSTRUCTIONS = {
    "fr": [
        ("Poursuivre ses efforts pour réduire la mortalité maternelle", 2, "poursuivre"),
        ("Continuer de renforcer l'indépendance de la justice", 2, "continuer"),
        ("Maintenir son moratoire de fait sur les exécutions", 2, "maintenir"),
        ("Poursuivre et intensifier ses efforts contre la traite", 4, "poursuivre"),
        ("Poursuivre en justice les auteurs de violences sexuelles", 5, "poursuivre"),
        ("Envisager de ratifier la Convention sur les disparitions forcées", 3, "envisager"),
        ("Envisager la possibilité d'adhérer au Statut de Rome", 3, "envisager"),
        ("Réexaminer et modifier le Code de la famille", 5, "réexaminer"),
        ("Se pencher sur la question de l'âge de la responsabilité pénale", 3, "se pencher"),
        ("Prendre des mesures pour lutter contre la violence familiale", 4, "prendre"),
        ("Prendre toutes les mesures nécessaires en adoptant une loi sur la traite", 5, "prendre"),
        ("Ratifier le Protocole facultatif se rapportant à la Convention", 5, "ratifier"),
        ("Adopter une loi contre la discrimination raciale", 5, "adopter"),
        ("Adopter des mesures pour protéger les défenseurs", 4, "adopter"),
        ("Mettre en place une institution nationale des droits de l'homme", 5, "mettre en place"),
        ("Mettre fin à la détention des enfants migrants", 5, "mettre fin"),
        ("Élaborer une stratégie de lutte contre la pauvreté", 4, "élaborer"),
        ("Procéder à une étude sur la situation des Roms", 3, "procéder"),
        ("Veiller à ce que les journalistes puissent travailler librement", 4, "veiller"),
        ("Ériger en infraction le viol conjugal", 5, "ériger en infraction"),
        ("Solliciter l'assistance technique du HCDH", 1, "solliciter"),
        ("Partager ses bonnes pratiques avec les pays de la région", 1, "partager"),
        ("Inviter la communauté internationale à fournir une aide financière", 1, "inviter"),
        ("Inviter le Rapporteur spécial sur la torture à se rendre dans le pays", 5, "inviter"),
        ("A recommandé d'abolir la peine de mort", 5, "abolir"),
        ("Tout en saluant les progrès accomplis, envisager de ratifier la CEDAW", 3, "envisager"),
    ],
    "es": [
        ("Seguir esforzándose por reducir la mortalidad materna", 2, "seguir"),
        ("Continuar fortaleciendo la independencia judicial", 2, "continuar"),
        ("Proseguir y redoblar sus esfuerzos contra la trata", 4, "proseguir"),
        ("Mantener la moratoria de facto de las ejecuciones", 2, "mantener"),
        (
            "Considerar la posibilidad de ratificar la Convención sobre desapariciones",
            3,
            "considerar la posibilidad",
        ),
        ("Estudiar la posibilidad de adherirse al Estatuto de Roma", 3, "estudiar la posibilidad"),
        ("Revisar y modificar el Código de Familia", 5, "revisar"),
        ("Adoptar medidas para combatir la violencia doméstica", 4, "adoptar"),
        (
            "Adoptar medidas eficaces, entre otras cosas aprobando una ley sobre la trata",
            5,
            "adoptar",
        ),
        ("Ratificar el Protocolo Facultativo de la Convención", 5, "ratificar"),
        ("Aprobar una ley contra la discriminación racial", 5, "aprobar"),
        ("Establecer una institución nacional de derechos humanos", 5, "establecer"),
        ("Poner fin a la detención de niños migrantes", 5, "poner fin"),
        ("Elaborar una estrategia de lucha contra la pobreza", 4, "elaborar"),
        ("Llevar a cabo un estudio sobre la situación de los romaníes", 3, "llevar a cabo"),
        ("Velar por que los periodistas puedan trabajar libremente", 4, "velar"),
        ("Tipificar como delito la violación conyugal", 5, "tipificar como delito"),
        ("Solicitar asistencia técnica al ACNUDH", 1, "solicitar"),
        ("Compartir sus buenas prácticas con los países de la región", 1, "compartir"),
        ("Exhortar a la comunidad internacional a prestar ayuda financiera", 1, "exhortar"),
        ("Recomendó abolir la pena de muerte", 5, "abolir"),
        ("Adherirse a la Convención sobre el Estatuto de los Apátridas", 5, "adherirse"),
    ],
    "ar": [
        ("مواصلة جهودها للحد من وفيات الأمهات", 2, "مواصلة"),
        ("مواصلة وتكثيف جهودها لمكافحة الاتجار بالأشخاص", 4, "مواصلة"),
        ("الحفاظ على وقفها الاختياري لتنفيذ أحكام الإعدام", 2, "الحفاظ"),
        (
            "النظر في التصديق على الاتفاقية الدولية لحماية جميع الأشخاص من الاختفاء القسري",
            3,
            "النظر",
        ),
        ("إعادة النظر في تحفظاتها على الاتفاقية", 3, "إعادة النظر"),
        ("دراسة إمكانية الانضمام إلى نظام روما الأساسي", 3, "دراسة"),
        ("اتخاذ تدابير لمكافحة العنف المنزلي", 4, "اتخاذ تدابير"),
        ("اتخاذ التدابير اللازمة باعتماد قانون لمكافحة الاتجار بالأشخاص", 5, "اتخاذ التدابير"),
        ("التصديق على البروتوكول الاختياري لاتفاقية مناهضة التعذيب", 5, "التصديق"),
        ("اعتماد قانون لمكافحة التمييز العنصري", 5, "اعتماد"),
        ("اعتماد تدابير لحماية المدافعين عن حقوق الإنسان", 4, "اعتماد"),
        ("إنشاء مؤسسة وطنية لحقوق الإنسان وفقاً لمبادئ باريس", 5, "إنشاء"),
        ("وضع حد لاحتجاز الأطفال المهاجرين", 5, "وضع حد"),
        ("ضمان حرية الصحفيين في العمل", 4, "ضمان"),
        ("تجريم الاغتصاب الزوجي", 5, "تجريم"),
        ("التماس المساعدة التقنية من المفوضية", 1, "التماس"),
        ("تبادل أفضل ممارساتها مع بلدان المنطقة", 1, "تبادل"),
        ("دعوة المجتمع الدولي إلى تقديم المساعدة المالية", 1, "دعوة"),
        ("أوصت بإلغاء عقوبة الإعدام", 5, "إلغاء"),
        ("إجراء دراسة عن أوضاع الروما", 3, "إجراء"),
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "category", "word"),
    [(lang, *example) for lang, examples in CONSTRUCTIONS.items() for example in examples],
)
def test_each_language_reads_its_own_constructions(language, text, category, word):
    result = classify_action(text)
    assert result.language == language
    assert result.category == category, result.explanation
    assert result.decisive_words[0] == word, result.decisive_words


def test_explanations_and_suggestions_are_in_the_texts_language():
    french = assess("Prendre des mesures pour protéger les enfants")
    assert french.action.explanation.startswith("Catégorie 4 (action générale)")
    assert "«prendre»" in french.action.explanation
    assert any("échéance" in tip for tip in french.suggestions)
    spanish = assess("Considerar la posibilidad de ratificar la Convención lo antes posible")
    assert spanish.action.explanation.startswith("Categoría 3")
    assert any("«Lo antes posible» no es un plazo" in tip for tip in spanish.suggestions)
    arabic = assess("مواصلة جهودها لحماية حقوق الطفل")
    assert arabic.action.explanation.startswith("الفئة 2")
    assert "rights-holders concerned" in arabic.found


def test_smart_elements_in_each_language():
    found = assess("Adopter d'ici à 2027 une loi qui porte à 30 % le quota de femmes au Parlement")
    assert set(found.found) >= {"specific action", "time frame", "measurable target"}
    assert {"responsible actor", "rights-holders concerned"} <= set(found.found)
    found = assess("Ratificar antes de su próximo examen la Convención sobre los migrantes")
    assert {"specific action", "time frame", "treaty or standard cited"} <= set(found.found)
    found = assess("التصديق على اتفاقية حقوق الطفل بحلول عام 2027")
    assert {"specific action", "time frame", "treaty or standard cited"} <= set(found.found)


def test_the_language_can_be_given_and_a_wrong_one_is_a_clear_error():
    assert classify_action("Ratificar la Convención", language="es").language == "es"
    assert classify_action("Ratify the Convention", language="en").category == 5
    # given as French, a Spanish text finds no French verb: said plainly, not guessed
    unread = classify_action("Ratificar la Convención", language="fr")
    assert unread.category is None and "Aucun verbe" in unread.explanation
    with pytest.raises(DataError, match="reads en, fr, es, ar"):
        classify_action("Ratify CAT", language="pt")
    assert assess("Ratifier la CEDAW", language="fr").action.category == 5


# -- the translated development set ------------------------------------------------------------
def test_the_translation_files_are_complete_marked_and_hold_no_english_or_labels():
    sample = read_sample()
    assert len(sample) >= 200 and set(sample["part"]) == {"tuning", "held-out"}
    for language in LANGUAGES:
        table = read_translations(language)
        assert list(table.columns) == ["row_id", "language", "text", "translation"]
        assert set(table["row_id"]) == set(sample["row_id"])
        assert (table["translation"] == TEAM).all()


def test_a_broken_translation_file_names_the_file_and_line(tmp_path):
    (tmp_path / "fr.csv").write_text(
        "row_id,language,text,translation\n1-5.csv:10,fr,Ratifier la CAT,team\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"fr\.csv, line 2: translation 'team'"):
        read_translations("fr", tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translated_row_is_read_in_its_language_never_sent_back(language):
    for text in read_translations(language)["text"]:
        assert detect_language(text) == language, text
        result = classify_action(text)
        assert result.language == language
        assert "by hand" not in result.explanation and "English text" not in result.explanation


# measured (benchmarks/analyser_languages.py) on all 324 rows: en 0.923, fr 0.910, es 0.923,
# ar 0.914; the floors keep ~0.02 of margin, and the gap to English is issue 15's target
FLOORS = {"en": 0.89, "fr": 0.89, "es": 0.89, "ar": 0.88}


@pytest.mark.shared
def test_agreement_with_upr_info_on_the_translated_rows_per_language(real_data):
    table = dev_set(real_data / "upr_info_sessions_1-20")
    figures = {}
    for language in ("en", *LANGUAGES):
        predicted = [classify_action(text).category for text in table[language]]
        figures[language] = sum(
            p == t for p, t in zip(predicted, table["action_category"], strict=True)
        ) / len(table)
    for language, floor in FLOORS.items():
        assert figures[language] >= floor, figures
    for language in LANGUAGES:
        assert figures[language] >= figures["en"] - 0.03, figures


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("Revisiter la loi sur la presse", "fr", 5),  # an infinitive the lists lack: its object
        ("Décentraliser les services de santé", "fr", 4),
        ("Revitalizar el sistema judicial", "es", 4),
        ("Reglamentar la ley de acceso a la información", "es", 5),
        ("استصدار قانون بشأن العنف المنزلي", "ar", 5),  # an istif'al verbal noun not listed
    ],
)
def test_a_verb_the_lists_lack_is_read_from_its_form_in_each_language(text, language, category):
    result = classify_action(text)
    assert (result.language, result.category) == (language, category), result.explanation


def test_an_unknown_form_does_not_decide_between_french_and_spanish():
    # "pencher" has the form of a Spanish infinitive too: only a listed verb tells the language
    assert (
        classify_action("Se pencher sur la question de l'âge de la responsabilité").language == "fr"
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # giving: the body named is the receiver, what is given decides (as in English)
        ("Doter la commission nationale des droits de l'homme de ressources suffisantes", 4),
        ("Dispenser aux juges, aux procureurs et aux policiers une formation sur la torture", 5),
        ("Dotar a la defensoría del pueblo de recursos suficientes", 4),
        ("تزويد اللجنة الوطنية لحقوق الإنسان بالموارد الكافية", 4),
        # becoming a party to a treaty is a precise step
        ("Devenir partie au Statut de Rome", 5),
        ("Pasar a ser parte en la Convención sobre los apátridas", 5),
        ("Dar cumplimiento a las recomendaciones del Comité", 4),
    ],
)
def test_giving_and_becoming_a_party_read_as_in_english(text, category):
    assert classify_action(text).category == category


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        # as UN reports print them: paragraph number first, recommending State last
        ("118.1 Ratifier la Convention contre la torture (Brésil);", "fr", 5),
        ("128.45 Seguir adoptando medidas para proteger a los niños (Chile);", "es", 2),
        ("١١٨-٢ النظر في التصديق على الاتفاقية (مصر)؛", "ar", 3),
    ],
)
def test_report_numbering_and_attribution_do_not_hide_the_verb(text, language, category):
    result = classify_action(text)
    assert (result.language, result.category) == (language, category)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # other UN-register choices a translator may make for the same English verb
        ("Implementar el plan nacional de derechos humanos", 5),  # "implement", Latin America
        ("Valorar la posibilidad de ratificar el Protocolo Facultativo", 3),
        ("Effectuer une enquête indépendante sur les décès en détention", 5),
        ("Réduire la durée de la détention provisoire", 5),  # "reduce", as in English
        ("الموافقة على طلبات الزيارة المعلقة", 5),
    ],
)
def test_other_translation_choices_are_read_too(text, category):
    assert classify_action(text).category == category
