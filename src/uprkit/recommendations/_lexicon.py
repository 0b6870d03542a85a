"""The word lists behind the action-category rules, written by hand for the kit.

Sources of the ideas: the five-level scale of UPR Info / Prof. Edward McMahon and the SMART
training deck's verb lists (fact sheet §6.1, [UPRI-FRAMING], [SMART-DECK]). The verb lists in
the fact sheet are UNCONFIRMED for categories 1–4, so these lists are the kit's own reading of
the scale, checked for agreement against UPR Info's published coding in benchmarks/.
"""

from __future__ import annotations

# -- category 1: the State under Review is asked for minimal action, or others are addressed ----
MINIMAL_VERBS = frozenset(
    "seek request call appeal solicit ask share mobilize mobilise exchange".split()
)
# what a category-1 verb must be about (help, experience) to count as "minimal action"
ASSISTANCE_WORDS = frozenset(
    """assistance support help cooperation expertise experience experiences practice practices
    aid funding resources contributions contribution partners partner donor donors
    community""".split()
)
# verbs that, with help words, ask the SuR only to prepare a request for help ("identify its
# needs for technical assistance", "engage donors in capacity-building support")
NEEDS_VERBS = frozenset(
    "identify define determine formulate accept avail resort enlist engage".split()
)
HELP_PHRASES = (
    "technical assistance",
    "financial assistance",
    "technical cooperation",
    "capacity-building support",
    "advisory services",
    "international community",
    "donor",
    "development partners",
)
# the help itself, without who gives it: after a verb no list knows, "the demands of the
# international community" is not a request for help
HELP_ITSELF = HELP_PHRASES[:5]

# who, other than the State under Review, a recommendation may be addressed to
OTHER_ADDRESSEES = (
    "international community",
    "development partners",
    "donor community",
    "donor countries",
    "the donors",
    "other countries",
    "other states",
    "bilateral partners",
    "friendly states",
    "friendly countries",
    "developed countries",
    "the united nations system",
)

# Others a recommendation may ask to act (category 1), as the start of a noun phrase. Other
# States and donors count as the subject ("Donor States should ...") and as the one urged
# ("Urge all States to ..."); UN bodies only as the subject ("The OHCHR should ..."), because
# "Invite the Special Rapporteur to visit" is the State under Review acting.
OTHER_STATES_OR_DONORS = r"""
    (?:all\s+|other\s+|the\s+)?(?:developed|donor|friendly|neighbou?ring|member|third|
        industriali[sz]ed|rich|wealthy|partner|interested|concerned)\s+(?:states|countries|nations)\b
  | (?:all\s+)?(?:other\s+)?states\b(?!\s+part(?:y|ies)\s+to\s+the\s+present)
  | (?:the\s+)?(?:international|bilateral|multilateral|development|donor)\s+(?:community|
        communities|donors?|partners?|agencies|organi[sz]ations|financial\s+institutions)\b
  | (?:the\s+|all\s+)?donors?\b
  | (?:the\s+)?international\s+community\b
"""
UN_SYSTEM = r"""
    (?:the\s+)?united\s+nations\b | (?:the\s+)?un\s+(?:agencies|system|bodies|entities)\b
  | (?:the\s+)?ohchr\b | (?:the\s+)?(?:office\s+of\s+the\s+)?(?:un\s+)?high\s+commissioner\b
  | (?:the\s+)?special\s+(?:rapporteurs?|procedures)\b | (?:the\s+)?treaty\s+bodies\b
  | (?:the\s+)?human\s+rights\s+council\b | (?:the\s+)?world\s+bank\b
  | (?:the\s+)?european\s+union\b | (?:the\s+)?international\s+organi[sz]ations\b
"""

# -- category 2: continuing action ---------------------------------------------------------------
CONTINUING_VERBS = frozenset(
    "continue maintain pursue persevere persist remain keep sustain".split()
)
# phrasal verbs that mean "continue": "carry on (with) its efforts"
CONTINUING_PHRASES = frozenset({("carry", "on")})

# -- category 3: considering change ----------------------------------------------------------------
CONSIDERING_VERBS = frozenset(
    """consider reconsider review study examine explore envisage envision revise reflect assess
    evaluate analyse analyze contemplate re-examine reexamine reassess re-evaluate think
    ponder revisit rethink foresee""".split()
)
# "undertake a review", "conduct a study": the action is itself a look at a possible change
CONSIDERING_NOUNS = frozenset(
    """review study assessment evaluation analysis examination reflection reassessment
    feasibility advisability""".split()
)
# "analyse the possibility of ratifying": a step weighed, not taken (only before "of <-ing>";
# "recognize the possibility of dual citizenship" grants it)
POSSIBILITY_NOUNS = frozenset("possibility possibilities".split())

# -- category 4: general action -------------------------------------------------------------
GENERAL_VERBS = frozenset(
    """take ensure strengthen intensify further increase make step improve promote guarantee
    enhance address reinforce accelerate work redouble respect expedite cooperate speed follow
    pay engage facilitate prioritize prioritise comply combat protect support consolidate do
    expand build prevent fulfil fulfill uphold use move accomplish involve place better fight
    focus refrain accord monitor act strive exert advance foster abide spare ease endeavour
    endeavor safeguard encourage devise deepen find adjust reach disseminate condemn embark
    clarify resolve secure empower heed bolster tackle avoid counter deal regulate solve invest
    remedy overcome modernize modernise spread coordinate multiply fast-track progress urge
    streamline contribute demonstrate broaden widen boost scale
    mainstream allocate dedicate devote commit help assist attach
    apply inform begin conform concentrate enter look show curb concretize base alter approach
    activate abstain incarcerate erase forbid defend curtail employ observe reverse retain
    reiterate reconcile rectify reengage serve see sensitize sensitise search subject stimulate
    stick standardize standardise stay subscribe suppress toughen unite educate exercise
    institutionalize institutionalise collaborate mitigate combat counteract discourage
    note source back earmark denounce entrench benefit determine avail resort enlist reaffirm
    oversee emphasize emphasise play honour honor identify pave preserve
    give provide put undertake hold treat achieve realize realise eradicate permit
    deploy limit alleviate operationalize operationalise seize attain maximize maximise bridge
    simplify direct assure guaranty render push complement rehabilitate enlarge supplement
    effectuate desist reactivate certify double""".split()
)

# -- category 5: specific action ------------------------------------------------------------
SPECIFIC_VERBS = (
    frozenset(
        """ratify accede sign abolish amend repeal enact investigate issue extend withdraw become
    incorporate prohibit criminalize criminalise decriminalize decriminalise lift release invite
    submit respond finalize finalise accept publish train join prosecute revoke agree commute
    abrogate report adapt start organize organise halt draft open codify designate suspend
    present ban free replace dismantle legislate collect confirm circulate reinstate rescind
    accredit outlaw promulgate translate eliminate remove complete bring allow conduct carry
    set create introduce include end recognize recognise harmonize harmonise reform elaborate
    adhere enforce approve pass grant launch cease impose modify conclude align integrate
    enable declare prepare design meet establish adopt implement develop punish close appoint
    apologize apologise compensate define fund transpose domesticate insert
    acknowledge transform receive endorse demobilize demobilise resume equalize reopen
    communicate execute authorize authorise clear reintroduce renounce restrict specify drop
    associate compile arrange abandon level install inscribe generate host gather deny delete
    extradite fill decree prescribe participate readopt nominate restart record revert
    stipulate transfer turn unify vote apologise announce
    enshrine formulate separate deposit upgrade elevate proceed initiate institute expunge annul
    nullify cancel lower fix stop reduce update formalize formalise change register offer
    penalize penalise de-occupy convene sanction liberalize liberalise dismiss add deem
    re-establish reestablish restore renew consult organize
    hand surrender
    reject tighten transmit derogate assign discontinue return send publicize publicise produce
    brief form materialize materialise demolish instruct select narrow convert remunerate
    lobby""".split()
    )
    - GENERAL_VERBS
)

# Verbs whose category depends on what they act upon ("adopt a law" vs "adopt measures").
FLEX_DEFAULTS = {
    "adopt": 5,
    "establish": 5,
    "implement": 5,
    "develop": 5,
    "provide": 4,
    "put": 4,
    "undertake": 4,
    "make": 4,
    "give": 4,
    "include": 5,
    "end": 4,
    "increase": 4,
    "introduce": 5,
    "create": 5,
    "set": 5,
    "elaborate": 5,
    "formulate": 5,
    "design": 5,
    "prepare": 5,
    "initiate": 5,
    "launch": 5,
    "devise": 4,
    "carry": 5,
    "conduct": 5,
    "bring": 5,
    "allow": 5,
    "eliminate": 4,
    "remove": 5,
    "complete": 5,
    "reduce": 5,
    "raise": 5,
    "reform": 4,
    "integrate": 4,
    "enable": 5,
    "recognize": 4,
    "recognise": 4,
    "grant": 5,
    "institute": 5,
    "harmonize": 5,
    "harmonise": 5,
    "align": 5,
    "commit": 5,
    "draw": 5,
    "apply": 5,
}

# Nouns that stand for the main verb when a recommendation is written as a noun phrase
# ("Recommended the swift adoption of the bill ...").
NOMINAL_VERBS = {
    "ratification": "ratify",
    "adoption": "adopt",
    "abolition": "abolish",
    "abolishment": "abolish",
    "establishment": "establish",
    "implementation": "implement",
    "creation": "create",
    "decriminalization": "decriminalize",
    "decriminalisation": "decriminalize",
    "criminalization": "criminalize",
    "criminalisation": "criminalize",
    "closure": "close",
    "enactment": "enact",
    "withdrawal": "withdraw",
    "accession": "accede",
    "amendment": "amend",
    "introduction": "introduce",
    "elimination": "eliminate",
    "revision": "revise",
    "consideration": "consider",
    "continuation": "continue",
    "strengthening": "strengthen",
    "abrogation": "abrogate",
    "repeal": "repeal",
    "release": "release",
    "signature": "sign",
    "signing": "sign",
    "invitation": "invite",
    "extension": "extend",
    "investigation": "investigate",
    "cooperation": "cooperate",
    "promotion": "promote",
    "protection": "protect",
    "improvement": "improve",
    "development": "develop",
    "elaboration": "elaborate",
}

# Recognition verbs: general ("recognize the role of defenders") unless the recognition is
# written into the law ("recognize conscientious objection in law") — then a precise legal step
LEGAL_RECOGNITION_VERBS = frozenset("recognize recognise".split())

# Verbs of giving: in "provide the commission with resources" the thing given (after "with")
# decides, not the receiver ("commission")
GIVING_VERBS = frozenset("provide".split())

# Object words that make an action specific and monitorable (a law, a plan, a body, a treaty).
SPECIFIC_OBJECTS = frozenset(
    """law laws legislation legislative legal bill bills code codes amendment amendments
    constitution constitutional decree decrees ordinance statute statutes act acts plan plans
    programme programmes program programs campaign campaigns training moratorium institution
    commission ombudsman ombudsperson mechanism tribunal court register registry database
    survey census investigation investigations inquiry definition protocol protocols
    convention conventions covenant treaty treaties reservation reservations invitation
    invitations visit visits recommendations recommendation nhri unit office centre center
    shelters shelter council committee agency authority body fund quota quotas age curriculum
    curricula penal criminal prohibition sanctions regulations regulation bylaws framework
    roadmap road-map timetable budget indicators data report reports""".split()
)
# Little words that belong to the verb ("put in place", "set up", "carry out"), skipped before
# reading its object; "put an end to" is itself a specific action.
VERB_PARTICLES = {
    "put": (
        ("an", "end", "to"),
        ("in", "place"),
        ("into", "place"),
        ("in", "practice"),
        ("into", "practice"),
        ("into", "effect"),
        ("into", "operation"),
        ("forward",),
    ),
    "set": (("up",),),
    "carry": (("out",),),
    "bring": (("about",),),
    "draw": (("up",),),
    "step": (("up",),),
    "follow": (("up", "on"), ("up",)),
    "scale": (("up",),),
}

# Object words that keep an action general (measures, steps, efforts, a policy or strategy).
GENERAL_OBJECTS = frozenset(
    """measures measure steps step efforts effort action actions policies policy strategy
    strategies approach approaches initiatives initiative reforms capacity capacities
    cooperation dialogue safeguards conditions resources protection attention priority
    place importance emphasis progress means practices environment care services
    opportunities involvement participation consultations perspective""".split()
)
# Connecting words that end the object of the main verb ("adopt measures | to amend the law").
OBJECT_BOUNDARIES = frozenset(
    "to in order so that which who with aimed designed by through including while as".split()
)

LEADING_ADVERBS = frozenset(
    """further also fully effectively immediately urgently promptly actively systematically
    explicitly seriously swiftly expeditiously formally thoroughly specifically strictly closely
    publicly progressively completely vigorously rapidly regularly widely significantly
    successfully clearly definitively unconditionally expressly strongly speedily legally
    carefully positively favourably favorably genuinely resolutely firmly quickly duly
    officially continuously consistently properly still now soon again gradually duly
    concretely substantially steadily constantly meaningfully sincerely truly""".split()
)

# Words that often open a French or Spanish recommendation (the analyser reads English).
FRENCH_MARKERS = frozenset(
    """le la les des du une et dans pour sur avec aux est que qui ses leur leurs droits
    homme enfants femmes veiller prendre mesures poursuivre renforcer envisager ratifier
    adopter garantir continuer assurer mettre""".split()
)
SPANISH_MARKERS = frozenset(
    """el los las del una y en para con por que sus derechos humanos niños mujeres
    seguir adoptar garantizar continuar considerar ratificar fortalecer medidas velar
    promover asegurar""".split()
)
ENGLISH_MARKERS = frozenset(
    """the and of to in for with its on all by that rights human women children measures
    ensure continue take consider ratify adopt strengthen""".split()
)
