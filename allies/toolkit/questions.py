"""The team-building question bank: questions that open a real conversation.

Most are written for a parent to ask a teacher, therapist or case manager; some are for
school staff to ask a family. `Question.audience` says who asks:

* "family": asked by the family (parent, co-parent, advocate) of someone at school;
* "school": asked by school staff of the family;
* "anyone": works either way.

Questions hold no placeholders: they say "my child" / "your child" ("mi hijo o hija" /
"su hijo o hija") so they can be copied anywhere. Keys ("know-01") are stable: they may
be stored, so never reuse or renumber one; add new ones at the end of their category.
"""

from __future__ import annotations

from dataclasses import dataclass

from .defaults import Localized, normalize_language

AUDIENCES: tuple[str, ...] = ("family", "school", "anyone")


@dataclass(frozen=True)
class Category:
    key: str
    label: Localized


@dataclass(frozen=True)
class Question:
    key: str
    category: str  # a Category.key
    en: str
    es: str
    audience: str = "family"  # one of AUDIENCES

    def text(self, language: str | None) -> str:
        return self.es if normalize_language(language) == "es" else self.en


CATEGORIES: tuple[Category, ...] = (
    Category("know", Localized(en="Getting to know you", es="Conocerse")),
    Category("strengths", Localized(en="Strengths", es="Fortalezas")),
    Category("progress", Localized(en="Progress and data", es="Progreso y datos")),
    Category("communication", Localized(en="Communication", es="Comunicación")),
    Category("collaboration", Localized(en="Collaboration", es="Colaboración")),
    Category("meetings", Localized(en="Meetings", es="Reuniones")),
    Category("transitions", Localized(en="Transitions", es="Transiciones")),
)

Q = Question

QUESTIONS: tuple[Question, ...] = (
    # Getting to know you
    Q(
        "know-01",
        "know",
        "What drew you to this work?",
        "¿Qué le motivó a dedicarse a este trabajo?",
    ),
    Q(
        "know-02",
        "know",
        "What part of your day with my child do you enjoy most?",
        "¿Qué parte del día con mi hijo o hija disfruta más?",
    ),
    Q(
        "know-03",
        "know",
        "What does a typical day in your classroom or your sessions look like?",
        "¿Cómo es un día típico en su salón o en sus sesiones?",
    ),
    Q(
        "know-04",
        "know",
        "What is something about your job that families rarely get to see?",
        "¿Qué parte de su trabajo casi nunca ven las familias?",
    ),
    Q(
        "know-05",
        "know",
        "What helps you recharge after a long week?",
        "¿Qué le ayuda a recargar energías después de una semana larga?",
        "anyone",
    ),
    Q(
        "know-06",
        "know",
        "What should we know about your child that would never show up in a file?",
        "¿Qué deberíamos saber de su hijo o hija que nunca aparecería en un expediente?",
        "school",
    ),
    Q(
        "know-07",
        "know",
        "What does your child love to talk about?",
        "¿De qué le encanta hablar a su hijo o hija?",
        "school",
    ),
    Q(
        "know-08",
        "know",
        "Who are the important people in your child's life, at home and beyond?",
        "¿Quiénes son las personas importantes en la vida de su hijo o hija, "
        "en casa y fuera de ella?",
        "school",
    ),
    Q(
        "know-09",
        "know",
        "What small thing made you smile this week?",
        "¿Qué pequeña cosa le hizo sonreír esta semana?",
        "anyone",
    ),
    Q(
        "know-10",
        "know",
        "What do you hope my child remembers about this year with you?",
        "¿Qué le gustaría que mi hijo o hija recordara de este año con usted?",
    ),
    # Strengths
    Q(
        "strengths-01",
        "strengths",
        "What do you see as my child's biggest strengths at school?",
        "¿Cuáles cree que son las mayores fortalezas de mi hijo o hija en la escuela?",
    ),
    Q(
        "strengths-02",
        "strengths",
        "When does my child seem most confident with you?",
        "¿En qué momentos nota más seguridad en mi hijo o hija cuando trabaja con usted?",
    ),
    Q(
        "strengths-03",
        "strengths",
        "Has my child surprised you with a skill you did not expect?",
        "¿Le ha sorprendido mi hijo o hija con alguna habilidad que no esperaba?",
    ),
    Q(
        "strengths-04",
        "strengths",
        "How could we use my child's interests to make hard tasks easier?",
        "¿Cómo podríamos aprovechar los intereses de mi hijo o hija "
        "para facilitar las tareas difíciles?",
    ),
    Q(
        "strengths-05",
        "strengths",
        "Which of my child's strengths could we build on more in the IEP?",
        "¿Qué fortalezas de mi hijo o hija podríamos aprovechar más en el IEP?",
    ),
    Q(
        "strengths-06",
        "strengths",
        "How does my child help or encourage other students?",
        "¿De qué manera ayuda o anima mi hijo o hija a otros estudiantes?",
    ),
    Q(
        "strengths-07",
        "strengths",
        "What does your child do well at home that we might not see at school?",
        "¿Qué hace bien su hijo o hija en casa que quizás no vemos en la escuela?",
        "school",
    ),
    Q(
        "strengths-08",
        "strengths",
        "What are you most proud of about your child right now?",
        "¿Qué es lo que más le enorgullece de su hijo o hija en este momento?",
        "school",
    ),
    Q(
        "strengths-09",
        "strengths",
        "What helps your child bounce back after a hard moment?",
        "¿Qué le ayuda a su hijo o hija a recuperarse después de un momento difícil?",
        "school",
    ),
    Q(
        "strengths-10",
        "strengths",
        "What strength do you bring to this team that we could make more use of?",
        "¿Qué fortaleza aporta usted a este equipo que podríamos aprovechar más?",
        "anyone",
    ),
    # Progress and data
    Q(
        "progress-01",
        "progress",
        "How do you measure progress on my child's goals from week to week?",
        "¿Cómo mide el progreso en las metas de mi hijo o hija de una semana a otra?",
    ),
    Q(
        "progress-02",
        "progress",
        "Could you show me some of the work or data behind the last progress report?",
        "¿Podría mostrarme algunos de los trabajos o datos detrás del último informe de progreso?",
    ),
    Q(
        "progress-03",
        "progress",
        "Which goal is moving fastest right now, and what do you think is helping?",
        "¿En qué meta se ve más avance ahora mismo y qué cree que está ayudando?",
    ),
    Q(
        "progress-04",
        "progress",
        "Which goal feels stuck, and what would you like to try next?",
        "¿Qué meta parece estancada y qué le gustaría probar ahora?",
    ),
    Q(
        "progress-05",
        "progress",
        "What would it look like in everyday life if my child met this goal?",
        "¿Cómo se vería en la vida diaria que mi hijo o hija alcanzó esta meta?",
    ),
    Q(
        "progress-06",
        "progress",
        "How should I read the progress report so I understand it the way you do?",
        "¿Cómo debo leer el informe de progreso para entenderlo como lo entiende usted?",
    ),
    Q(
        "progress-07",
        "progress",
        "Is there anything I could keep track of at home that would help you?",
        "¿Hay algo que yo pueda anotar en casa que le sea útil?",
    ),
    Q(
        "progress-08",
        "progress",
        "What changes have you noticed at home since the last progress report?",
        "¿Qué cambios ha notado en casa desde el último informe de progreso?",
        "school",
    ),
    Q(
        "progress-09",
        "progress",
        "Which goal matters most to your family right now?",
        "¿Qué meta es la más importante para su familia en este momento?",
        "school",
    ),
    Q(
        "progress-10",
        "progress",
        "When the numbers and what we see day to day don't match, how should we talk about it?",
        "Cuando los datos no coinciden con lo que vemos en el día a día, ¿cómo podemos hablarlo?",
        "anyone",
    ),
    # Communication
    Q(
        "communication-01",
        "communication",
        "What is the best way and the best time to reach you?",
        "¿Cuál es la mejor manera y el mejor momento para comunicarme con usted?",
    ),
    Q(
        "communication-02",
        "communication",
        "How often would you like to hear from me, and in what form?",
        "¿Cada cuánto le gustaría tener noticias mías, y de qué forma?",
    ),
    Q(
        "communication-03",
        "communication",
        "Would a short monthly update from me be helpful, or too much?",
        "¿Le sería útil recibir de mi parte un breve resumen cada mes, o sería demasiado?",
    ),
    Q(
        "communication-04",
        "communication",
        "What kind of news from home would be useful for you to know?",
        "¿Qué tipo de noticias de casa le sería útil conocer?",
    ),
    Q(
        "communication-05",
        "communication",
        "If something about my child worries you, how would you like to tell me?",
        "Si algo de mi hijo o hija le preocupa, ¿cómo prefiere decírmelo?",
    ),
    Q(
        "communication-06",
        "communication",
        "How soon can I usually expect a reply, so I don't worry when it takes a while?",
        "¿En cuánto tiempo suele responder, para no preocuparme si la respuesta tarda?",
    ),
    Q(
        "communication-07",
        "communication",
        "How would you like us to share good news, not only problems?",
        "¿Cómo le gustaría que le contáramos las buenas noticias, y no solo los problemas?",
        "school",
    ),
    Q(
        "communication-08",
        "communication",
        "Is there a language, a time of day or a way of writing that works best for your family?",
        "¿Hay un idioma, un horario o una forma de comunicarnos "
        "que funcione mejor para su familia?",
        "school",
    ),
    Q(
        "communication-09",
        "communication",
        "What has made talking with school hard in the past, and what has helped?",
        "¿Qué ha hecho difícil la comunicación con la escuela en el pasado, y qué ha ayudado?",
        "school",
    ),
    Q(
        "communication-10",
        "communication",
        "If a message ever comes across the wrong way, how can we tell each other?",
        "Si algún mensaje se entiende mal, ¿cómo podemos decírnoslo?",
        "anyone",
    ),
    # Collaboration
    Q(
        "collaboration-01",
        "collaboration",
        "What could I do at home to support what you are working on?",
        "¿Qué puedo hacer en casa para apoyar lo que usted está trabajando?",
    ),
    Q(
        "collaboration-02",
        "collaboration",
        "What do you need from me to make this plan work?",
        "¿Qué necesita de mí para que este plan funcione?",
    ),
    Q(
        "collaboration-03",
        "collaboration",
        "Is anything making it hard to do what you would like for my child, "
        "like time or resources?",
        "¿Hay algo que le dificulte hacer lo que quisiera por mi hijo o hija, "
        "como el tiempo o los recursos?",
    ),
    Q(
        "collaboration-04",
        "collaboration",
        "When we see a problem differently, how would you like us to work it out?",
        "Cuando vemos un problema de manera distinta, ¿cómo le gustaría que lo resolviéramos?",
    ),
    Q(
        "collaboration-05",
        "collaboration",
        "What ideas do you have that we haven't tried yet?",
        "¿Qué ideas tiene que todavía no hayamos probado?",
    ),
    Q(
        "collaboration-06",
        "collaboration",
        "Who else on the team should be part of this conversation?",
        "¿Quién más del equipo debería participar en esta conversación?",
    ),
    Q(
        "collaboration-07",
        "collaboration",
        "What worked well with other school teams your child has had?",
        "¿Qué funcionó bien con otros equipos escolares que ha tenido su hijo o hija?",
        "school",
    ),
    Q(
        "collaboration-08",
        "collaboration",
        "What would a good partnership with school look like for you?",
        "Para usted, ¿cómo sería una buena colaboración con la escuela?",
        "school",
    ),
    Q(
        "collaboration-09",
        "collaboration",
        "How can we make sure home and school use the same words and cues?",
        "¿Cómo podemos asegurarnos de usar las mismas palabras y señales en casa y en la escuela?",
        "anyone",
    ),
    Q(
        "collaboration-10",
        "collaboration",
        "What is one thing we could try together for the next two weeks?",
        "¿Qué podríamos probar en equipo durante las próximas dos semanas?",
        "anyone",
    ),
    # Meetings
    Q(
        "meetings-01",
        "meetings",
        "What would help you come to our next meeting well prepared?",
        "¿Qué le ayudaría a llegar con todo preparado a nuestra próxima reunión?",
    ),
    Q(
        "meetings-02",
        "meetings",
        "Could we agree on an agenda before the meeting?",
        "¿Podríamos acordar una agenda antes de la reunión?",
    ),
    Q(
        "meetings-03",
        "meetings",
        "Would it help if I sent my questions and notes a few days ahead?",
        "¿Le ayudaría que le enviara mis preguntas y notas unos días antes?",
    ),
    Q(
        "meetings-04",
        "meetings",
        "Could we start the meeting with what is going well?",
        "¿Podríamos empezar la reunión hablando de lo que va bien?",
    ),
    Q(
        "meetings-05",
        "meetings",
        "Which drafts or reports could I see before the meeting, so I can read them calmly?",
        "¿Qué borradores o informes podría ver antes de la reunión, para leerlos con calma?",
    ),
    Q(
        "meetings-06",
        "meetings",
        "How much time do we have, and what must we make sure to cover?",
        "¿Cuánto tiempo tenemos y qué temas no podemos dejar de tratar?",
    ),
    Q(
        "meetings-07",
        "meetings",
        "Before we finish, can we go over who will do what, and by when?",
        "Antes de terminar, ¿podemos repasar quién hará qué y para cuándo?",
    ),
    Q(
        "meetings-08",
        "meetings",
        "What would you like to make sure we talk about at this meeting?",
        "¿De qué le gustaría asegurarse de que hablemos en esta reunión?",
        "school",
    ),
    Q(
        "meetings-09",
        "meetings",
        "Would anything make meetings easier for your family, like another time, "
        "an interpreter or a video call?",
        "¿Hay algo que le facilitaría las reuniones a su familia, como otro horario, "
        "un intérprete o una videollamada?",
        "school",
    ),
    Q(
        "meetings-10",
        "meetings",
        "How did that meeting feel for you, and what would you change next time?",
        "¿Cómo se sintió en esa reunión y qué cambiaría la próxima vez?",
        "anyone",
    ),
    # Transitions
    Q(
        "transitions-01",
        "transitions",
        "What will change for my child next year, and how can we prepare?",
        "¿Qué cambiará para mi hijo o hija el próximo año y cómo podemos prepararnos?",
    ),
    Q(
        "transitions-02",
        "transitions",
        "What should next year's teacher know about what works?",
        "¿Qué debería saber el maestro o la maestra del próximo año sobre lo que funciona?",
    ),
    Q(
        "transitions-03",
        "transitions",
        "Could my child visit the new classroom or meet the new staff before the change?",
        "¿Podría mi hijo o hija visitar el nuevo salón o conocer al nuevo personal "
        "antes del cambio?",
    ),
    Q(
        "transitions-04",
        "transitions",
        "How does my child handle changes in the daily routine at school?",
        "¿Cómo maneja mi hijo o hija los cambios en la rutina diaria de la escuela?",
    ),
    Q(
        "transitions-05",
        "transitions",
        "Which skills should we work on now to get ready for the next step?",
        "¿Qué habilidades deberíamos trabajar desde ahora para el próximo paso?",
    ),
    Q(
        "transitions-06",
        "transitions",
        "How will the supports in the IEP carry over to the new school or program?",
        "¿Cómo se mantendrán los apoyos del IEP en la nueva escuela o programa?",
    ),
    Q(
        "transitions-07",
        "transitions",
        "Who will be my main contact after the change?",
        "¿Quién será mi contacto principal después del cambio?",
    ),
    Q(
        "transitions-08",
        "transitions",
        "What has helped your child through big changes before?",
        "¿Qué le ha ayudado a su hijo o hija a pasar por cambios grandes en el pasado?",
        "school",
    ),
    Q(
        "transitions-09",
        "transitions",
        "What hopes does your family have for life after school?",
        "¿Qué espera su familia para la vida de su hijo o hija después de la escuela?",
        "school",
    ),
    Q(
        "transitions-10",
        "transitions",
        "How can the student have a real say in planning what comes next?",
        "¿Cómo podemos lograr que el estudiante tenga voz en la planificación de lo que sigue?",
        "anyone",
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}
CATEGORIES_BY_KEY: dict[str, Category] = {category.key: category for category in CATEGORIES}


def by_key(key: str) -> Question:
    """The question called `key`; KeyError if there is none."""
    return QUESTIONS_BY_KEY[key]


def in_category(category: str) -> tuple[Question, ...]:
    """The questions of one category, in order (empty for an unknown category)."""
    return tuple(question for question in QUESTIONS if question.category == category)
