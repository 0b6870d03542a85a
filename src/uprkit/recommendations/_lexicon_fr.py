"""French word lists for the action-category rules (the UN French of UPR reports).

The same verb classes as the English lists (:mod:`._lexicon`), written for the constructions the
French versions of UPR reports use: "Poursuivre ses efforts…", "Envisager de ratifier…",
"Prendre des mesures…", "Ratifier…". Words are written without accents (texts are read without
them, so a learner who types "eriger" is read like "ériger"). The kit's own reading of the scale,
measured against UPR Info's coding on translated rows (benchmarks/analyser_languages.py).
"""

from __future__ import annotations

from uprkit.recommendations._lexicon_tools import kinds, phrases, words

VERBS = kinds(
    # category 1 when about help or others; else a general action
    minimal="""solliciter demander rechercher chercher partager echanger appeler mobiliser
        requerir prier""",
    always_minimal="partager echanger appeler demander prier",
    # category 2
    continuing="continuer poursuivre maintenir perseverer persister preserver",
    # category 3 ("consider" stays 3 even when another verb follows)
    considering="""envisager considerer examiner reexaminer etudier reviser revoir reconsiderer
        analyser evaluer explorer reflechir reevaluer songer""",
    consider="envisager considerer",
    general="""garantir assurer veiller renforcer promouvoir ameliorer intensifier redoubler
        accelerer respecter conformer acquitter remedier traiter attaquer resoudre regler
        faciliter encourager soutenir appuyer aider contribuer collaborer cooperer oeuvrer
        travailler deployer engager associer impliquer sensibiliser eduquer informer surveiller
        suivre controler lutter combattre prevenir proteger preserver sauvegarder consolider
        elargir simplifier moderniser investir allouer affecter consacrer condamner denoncer
        rendre abstenir efforcer eviter ajuster honorer fournir doter offrir dispenser
        accorder prendre faire realiser atteindre parvenir identifier recenser diffuser
        accroitre augmenter activer reconnaitre integrer reformer eliminer entreprendre
        eradiquer exhorter favoriser defendre tenir garder stimuler developper
        reduire combler mettre appliquer employer attacher apporter donner hater""",
    specific="""ratifier adherer signer abolir amender modifier abroger promulguer enqueter
        proroger etendre retirer incorporer interdire incriminer criminaliser penaliser
        depenaliser decriminaliser lever liberer relacher gracier commuer soumettre presenter
        finaliser achever parachever completer accepter publier former revoquer annuler
        adapter organiser suspendre rediger codifier designer nommer remplacer demanteler
        legiferer collecter recueillir compiler confirmer reintroduire retablir accrediter
        traduire supprimer cesser arreter interrompre imposer conclure declarer punir
        sanctionner juger extrader fermer indemniser financer definir transposer inscrire
        abaisser relever approuver voter edicter enregistrer ouvrir rouvrir autoriser octroyer
        renouveler accueillir recevoir bannir proscrire decreter creer
        instituer instaurer etablir introduire inclure harmoniser aligner permettre preparer
        elaborer concevoir formuler lancer mener proceder adopter constituer entamer
        diligenter repondre inviter adresser devenir renoncer proclamer effectuer implementer""",
    # verbs whose object decides (default category when the object does not tell)
    flex4="""fournir doter offrir dispenser accorder faire realiser accroitre augmenter
        reconnaitre integrer reformer eliminer entreprendre mettre developper
        appliquer apporter donner""",
    flex5="""creer instituer instaurer etablir introduire inclure harmoniser aligner permettre
        preparer elaborer concevoir formuler lancer mener proceder adopter constituer
        entamer effectuer implementer reduire""",
)
# multi-word verbs, read before single words: (words, kind, what it means)
PHRASES = phrases(
    """mettre fin|specific; mettre un terme|specific; mettre en place|flex5;
    mettre en oeuvre|flex5; mettre en application|flex5; mettre en conformite|specific;
    mettre en adequation|specific; mettre en harmonie|specific; mettre l accent|general;
    prendre en consideration|considering; prendre en compte|general;
    faire en sorte|general; faire cesser|specific; faire appel|minimal;
    donner suite|general; tenir compte|general; traduire en justice|specific;
    eriger en infraction|specific; eriger en crime|specific; se pencher|considering;
    lancer un appel|minimal; rendre public|specific; rendre publics|specific;
    rendre compte|general; assurer le suivi|general; porter a|flex4;
    redoubler d efforts|general; deployer des efforts|general; faire le necessaire|general;
    devenir partie|specific"""
)
LINKS = words("de d a au aux")  # "continuer de", "s'efforcer d'", "procéder à"
SKIP = words(
    """se s en y encore davantage pleinement effectivement immediatement rapidement
    activement pleinement resolument progressivement egalement aussi urgemment dument
    serieusement systematiquement rigoureusement sans delai tout et"""
)
AND = words("et ainsi que")
ASKING = words("encourager inviter exhorter appeler demander prier recommander")
SEEK_TO = words("chercher efforcer")  # "s'efforcer de ratifier" reads like "strive to" (4)
PERSONS = words("auteurs responsables coupables auteur responsable")  # "poursuivre les auteurs"

SPECIFIC_OBJECTS = words(
    """loi lois legislation legislations legislatif legislative legislatives juridique
    code codes projet amendement amendements constitution constitutionnel constitutionnelle
    decret decrets ordonnance statut statuts plan plans programme programmes campagne
    campagnes formation formations moratoire institution commission mediateur ombudsman
    mecanisme mecanismes tribunal juridiction registre base enquete enquetes recensement
    definition protocole protocoles convention conventions pacte traite traites reserve
    reserves invitation invitations visite visites recommandations recommandation institution
    bureau centre centres foyers foyer conseil comite agence autorite organe fonds quota
    quotas age programmes cadre feuille calendrier budget indicateurs donnees rapport
    rapports observatoire charte reglement reglementation""",
)
GENERAL_OBJECTS = words(
    """mesures mesure efforts effort action actions politique politiques strategie
    strategies approche approches initiatives initiative reformes reforme capacites capacite
    cooperation dialogue garanties conditions ressources protection attention priorite
    importance accent progres moyens pratiques environnement soins services possibilites
    participation consultations perspective engagement processus demarches pas""",
)
CONSIDERING_NOUNS = words(
    "examen etude evaluation analyse reexamen reflexion revision evaluations etudes"
)
BOUNDARIES = words(
    """pour afin visant vue qui que dont avec par grace notamment en dans sur conformement
    tout tendant destine destinee destines destinees concernant relatif relative""",
)
OTHERS = (
    "communaute internationale",
    "partenaires de developpement",
    "partenaires techniques",
    "pays donateurs",
    "donateurs",
    "autres pays",
    "autres etats",
    "etats amis",
    "pays amis",
    "pays developpes",
    "pays interesses",
    "systeme des nations unies",
    "organismes des nations unies",
    "institutions des nations unies",
    "programmes et fonds",
    "institutions financieres internationales",
    "partenaires bilateraux",
)
HELP = words(
    """assistance aide appui soutien cooperation competences experience experiences
    pratiques financement ressources contributions partenaires donateurs communaute conseils
    expertise savoir""",
)
HELP_PHRASES = (
    "assistance technique",
    "assistance financiere",
    "cooperation technique",
    "renforcement des capacites",
    "services consultatifs",
    "communaute internationale",
    "donateur",
    "partenaires de developpement",
)
NEEDS = words("identifier definir determiner formuler accepter recourir engager")
NOMINAL = {
    "adoption": "adopter",
    "ratification": "ratifier",
    "creation": "creer",
    "abolition": "abolir",
    "modification": "modifier",
    "abrogation": "abroger",
    "promulgation": "promulguer",
    "incrimination": "incriminer",
    "elaboration": "elaborer",
    "etablissement": "etablir",
    "adhesion": "adherer",
    "signature": "signer",
    "liberation": "liberer",
    "interdiction": "interdire",
    "introduction": "introduire",
    "revision": "reviser",
    "mise": "mettre",
}
# "en adoptant" (by adopting): the participle and its verb
IRREGULAR_PARTICIPLES = {
    "prenant": "prendre",
    "faisant": "faire",
    "mettant": "mettre",
    "menant": "mener",
    "traduisant": "traduire",
    "introduisant": "introduire",
    "incluant": "inclure",
    "concevant": "concevoir",
}
FRAME = (
    r"^(?:il est (?:en outre |egalement )?recommande (?:de |d |que )|"
    r"(?:a |ont |avoir )?recommande (?:de |d |que |qu )?|"
    r"(?:a |ont )?(?:demande|suggere|propose|prie|invite) (?:que |qu |de |d )|"
    r"(?:il )?(?:recommande|suggere) (?:de |d |que ))"
)
LEGAL = (
    r"\b(?:dans la loi|par la loi|dans (?:sa|la) (?:legislation|constitution)|legalement|"
    r"juridiquement)\b"
)
LEGAL_RECOGNITION = words("reconnaitre")
# a verb the lists lack is told by its form, at the start only ("Revisiter ...")
INFINITIVE = r"[a-z]{2,}(?:er|ir|re)"
NOT_VERBS = words(
    """premier dernier entre contre autre notre votre membre nombre centre cadre titre ordre
    libre propre pauvre pere mere frere avenir loisir plaisir desir espoir pouvoir devoir
    savoir dossier fer hiver mer super"""
)
# giving verbs: a body named after them receives ("doter la commission de moyens"); what is
# given decides, as in English "provide the commission with resources"
GIVING = words("fournir doter offrir dispenser accorder octroyer apporter donner allouer")
BODIES = words(
    """institution institutions commission mediateur mecanisme mecanismes tribunal tribunaux
    bureau centre centres conseil comite agence autorite organe organes observatoire"""
)
