"""Spanish word lists for the action-category rules (the UN Spanish of UPR reports).

The same verb classes as the English lists (:mod:`._lexicon`), for the constructions the Spanish
versions of UPR reports use: "Seguir / Continuar…", "Considerar la posibilidad de…", "Adoptar
medidas…", "Ratificar…". Words are written without accents (texts are read without them). The
kit's own reading of the scale, measured in benchmarks/analyser_languages.py.
"""

from __future__ import annotations

from uprkit.recommendations._lexicon_tools import kinds, phrases, words

VERBS = kinds(
    minimal="""solicitar pedir recabar buscar procurar compartir intercambiar exhortar movilizar
        requerir""",
    always_minimal="compartir intercambiar pedir exhortar",
    continuing="continuar seguir proseguir mantener perseverar persistir preservar",
    considering="""considerar examinar reexaminar estudiar revisar reconsiderar analizar evaluar
        explorar reflexionar contemplar plantear sopesar reevaluar valorar""",
    consider="considerar contemplar plantear",
    general="""garantizar asegurar velar reforzar fortalecer promover mejorar intensificar
        redoblar agilizar acelerar respetar cumplir remediar abordar resolver facilitar alentar
        fomentar apoyar ayudar contribuir colaborar cooperar trabajar desplegar involucrar
        asociar sensibilizar educar informar vigilar supervisar monitorear luchar combatir
        prevenir proteger preservar salvaguardar consolidar ampliar simplificar modernizar
        invertir asignar destinar dedicar condenar denunciar abstenerse esforzarse evitar
        ajustar honrar proporcionar dotar ofrecer impartir prestar conceder otorgar tomar hacer
        realizar lograr alcanzar identificar difundir aumentar incrementar activar reconocer
        integrar reformar eliminar emprender erradicar favorecer defender mantener estimular
        desarrollar reducir subsanar aplicar poner potenciar empoderar garantizarse procurarse
        atender enfrentar afrontar priorizar asumir impulsar propiciar cerciorarse brindar
        dar reparar redoblarse hacerse ocuparse""",
    specific="""ratificar adherir adherirse firmar abolir enmendar modificar derogar promulgar
        investigar prorrogar extender retirar incorporar prohibir tipificar criminalizar
        penalizar despenalizar levantar liberar excarcelar indultar conmutar presentar
        finalizar concluir completar aceptar publicar capacitar formar revocar anular adaptar
        organizar suspender redactar codificar designar nombrar reemplazar desmantelar legislar
        recopilar reunir confirmar reintroducir restablecer acreditar enjuiciar juzgar castigar
        sancionar extraditar cerrar indemnizar financiar definir transponer inscribir rebajar
        elevar aprobar votar decretar registrar abrir reabrir autorizar permitir renovar acoger
        recibir proscribir crear instituir establecer introducir incluir armonizar alinear
        preparar elaborar disenar formular lanzar llevar proceder adoptar constituir iniciar
        responder invitar cursar enviar celebrar convocar erigir suprimir cesar
        detener imponer declarar instaurar tipificar adecuar renunciar proclamar efectuar
        implementar""",
    flex4="""proporcionar dotar ofrecer impartir prestar conceder otorgar hacer realizar aumentar
        incrementar reconocer integrar reformar eliminar emprender poner desarrollar
        aplicar asumir brindar dar""",
    flex5="""crear instituir establecer introducir incluir armonizar alinear permitir preparar
        elaborar disenar formular lanzar llevar proceder adoptar constituir iniciar instaurar
        celebrar efectuar implementar reducir""",
)
PHRASES = phrases(
    """poner fin|specific; poner termino|specific; poner en marcha|flex5;
    poner en practica|flex5; poner en funcionamiento|flex5; poner en libertad|specific;
    llevar a cabo|flex5; llevar ante la justicia|specific; hacer frente|general;
    hacer efectivo|general; hacer efectiva|general; hacer cumplir|general;
    tener en cuenta|general; tomar en consideracion|considering;
    tomar en cuenta|general; dar seguimiento|general; dar curso|general;
    prestar atencion|general; prestar especial atencion|general;
    tipificar como delito|specific; hacer un llamamiento|minimal;
    considerar la posibilidad|considering; estudiar la posibilidad|considering;
    analizar la posibilidad|considering; examinar la posibilidad|considering;
    hacer publico|specific; hacer publicos|specific; rendir cuentas|general;
    redoblar sus esfuerzos|general; redoblar los esfuerzos|general;
    dar cumplimiento|general; dar prioridad|general; pasar a ser parte|specific;
    hacerse parte|specific"""
)
LINKS = words("de a al")
SKIP = words(
    """se en aun mas plenamente efectivamente inmediatamente rapidamente activamente
    resueltamente progresivamente tambien asimismo urgentemente debidamente seriamente
    sistematicamente rigurosamente cuanto antes sin demora todo y"""
)
AND = words("y e asi como")
ASKING = words("alentar invitar exhortar pedir solicitar instar alentar recomendar")
SEEK_TO = words("procurar esforzarse tratar")
PERSONS = words("autores responsables culpables autor responsable")

SPECIFIC_OBJECTS = words(
    """ley leyes legislacion legislativo legislativa legislativas legislativos juridico
    juridica codigo codigos proyecto enmienda enmiendas constitucion constitucional decreto
    decretos ordenanza estatuto estatutos plan planes programa programas campana campanas
    capacitacion formacion moratoria institucion comision defensor defensoria ombudsman
    mecanismo mecanismos tribunal registro base investigacion investigaciones encuesta censo
    definicion protocolo protocolos convencion convenciones convenio convenios pacto tratado
    tratados reserva reservas invitacion invitaciones visita visitas recomendaciones
    recomendacion oficina centro centros albergues albergue consejo comite organismo
    autoridad organo fondo cuota cuotas edad marco hoja calendario presupuesto indicadores
    datos informe informes observatorio carta reglamento reglamentos""",
)
GENERAL_OBJECTS = words(
    """medidas medida esfuerzos esfuerzo accion acciones politica politicas estrategia
    estrategias enfoque enfoques iniciativas iniciativa reformas reforma capacidad
    capacidades cooperacion dialogo garantias condiciones recursos proteccion atencion
    prioridad importancia hincapie progresos avances medios practicas entorno atencion
    servicios oportunidades participacion consultas perspectiva compromiso proceso pasos""",
)
CONSIDERING_NOUNS = words(
    "examen estudio evaluacion analisis revision reflexion estudios evaluaciones"
)
BOUNDARIES = words(
    """para fin miras que cual quien con mediante por en sobre conforme de_conformidad
    destinado destinada destinados destinadas relativo relativa encaminado encaminadas
    encaminados encaminada incluso incluida incluidos incluidas entre""",
)
OTHERS = (
    "comunidad internacional",
    "asociados para el desarrollo",
    "asociados internacionales",
    "paises donantes",
    "donantes",
    "otros paises",
    "otros estados",
    "estados amigos",
    "paises amigos",
    "paises desarrollados",
    "paises interesados",
    "sistema de las naciones unidas",
    "organismos de las naciones unidas",
    "programas y fondos",
    "instituciones financieras internacionales",
)
HELP = words(
    """asistencia ayuda apoyo cooperacion conocimientos experiencia experiencias practicas
    financiacion financiamiento recursos contribuciones asociados donantes comunidad
    asesoramiento competencia""",
)
HELP_PHRASES = (
    "asistencia tecnica",
    "asistencia financiera",
    "cooperacion tecnica",
    "fomento de la capacidad",
    "creacion de capacidad",
    "servicios de asesoramiento",
    "comunidad internacional",
    "donante",
    "asociados para el desarrollo",
)
NEEDS = words("identificar definir determinar formular aceptar recurrir")
NOMINAL = {
    "aprobacion": "aprobar",
    "adopcion": "adoptar",
    "ratificacion": "ratificar",
    "creacion": "crear",
    "abolicion": "abolir",
    "modificacion": "modificar",
    "derogacion": "derogar",
    "promulgacion": "promulgar",
    "tipificacion": "tipificar",
    "elaboracion": "elaborar",
    "establecimiento": "establecer",
    "adhesion": "adherir",
    "firma": "firmar",
    "liberacion": "liberar",
    "prohibicion": "prohibir",
    "introduccion": "introducir",
    "revision": "revisar",
    "aplicacion": "aplicar",
    "enmienda": "enmendar",
}
IRREGULAR_PARTICIPLES = {"poniendo": "poner", "haciendo": "hacer", "siguiendo": "seguir"}
FRAME = (
    r"^(?:se (?:le )?recomienda (?:que )?|(?:le |les )?recomendo (?:que )?|"
    r"recomienda (?:que )?|(?:solicito|pidio|sugirio|propuso) (?:que |a )?|recomendar (?:que )?)"
)
LEGAL = (
    r"\b(?:en la ley|por ley|en (?:su|la) (?:legislacion|constitucion)|legalmente|"
    r"juridicamente)\b"
)
LEGAL_RECOGNITION = words("reconocer")
# a verb the lists lack is told by its form, at the start only ("Revitalizar ...")
INFINITIVE = r"[a-z]{2,}(?:ar|er|ir)(?:se)?"
NOT_VERBS = words(
    """lugar hogar mujer poder deber bienestar par mar azar militar popular particular similar
    nuclear regular familiar titular auxiliar ser estar haber"""
)
# giving verbs: a body named after them receives ("doter la commission de moyens"); what is
# given decides, as in English "provide the commission with resources"
GIVING = words("proporcionar dotar ofrecer impartir prestar conceder otorgar brindar dar asignar")
BODIES = words(
    """institucion instituciones comision defensor defensoria mecanismo mecanismos tribunal
    tribunales oficina centro centros consejo comite organismo autoridad organo organos
    observatorio"""
)
