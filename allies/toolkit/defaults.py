"""The message templates Allies ships with, in English and Spanish side by side.

These are data, not gettext strings: each kind of message carries its own English and
Spanish subject and body, so a family can write in one language while the app runs in
the other.

Placeholder rules
-----------------
* A placeholder is a name in single braces, such as ``{student}``. Only the names in
  `PLACEHOLDERS` appear, with no format spec, conversion or attribute access
  (never ``{student!r}``, ``{student:>10}`` or ``{student.name}``).
* ``{recipients}``, ``{student}``, ``{my_name}`` and ``{school}`` may appear in any
  kind. ``{recipients}`` is one or more names ("Ms. Lee" or "Ms. Lee and Mr. Park"),
  so the wording around it works for one person or several. This matters in Spanish:
  the Spanish bodies avoid verbs and pronouns that would have to agree with *usted* or
  *ustedes* (they use "su", "se" and first-person forms instead).
* ``{month}`` ("November 2026", "noviembre de 2026") and the four blocks
  (`BLOCKS`: ``{victories}``, ``{concerns}``, ``{coming_dates}``, ``{open_questions}``)
  appear only in "monthly_update", which uses all of them. Each block stands alone on
  its own line, right under a short heading line, and is replaced by a ready-made,
  multi-line bullet list (the app should put a short line such as "- Nothing this
  month" rather than leave a block empty).
* There are no other braces in the texts: no literal ``{`` or ``}``. `fill` replaces the
  known names and leaves anything else as it is, so a text a user has edited never
  breaks when it is filled.
* Where the sender must add specifics, the text has a cue in square brackets, such as
  "[what you noticed]" or "[lo que notó]". A cue fits on one line and holds no braces
  and no other brackets; `CUE_RE` finds them so the app can show them as things to fill
  in. The cues speak to the sender (in Spanish, as *usted*).
* Bodies are plain text for email: a greeting with ``{recipients}``, 60 to 180 words,
  a sign-off with ``{my_name}``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("en", "es")
DEFAULT_LANGUAGE = "en"

BLOCKS: frozenset[str] = frozenset({"victories", "concerns", "coming_dates", "open_questions"})
COMMON_PLACEHOLDERS: frozenset[str] = frozenset({"recipients", "student", "my_name", "school"})
PLACEHOLDERS: frozenset[str] = COMMON_PLACEHOLDERS | {"month"} | BLOCKS

# The log purposes a kind may suggest: the names of `allies.log.models.Purpose`,
# lower-cased (`Purpose[name.upper()]` gives the member).
PURPOSE_NAMES: tuple[str, ...] = (
    "appreciation",
    "victory",
    "concern",
    "question",
    "update",
    "check_in",
    "request",
    "meeting",
)

_FIELD_RE = re.compile(r"\{([a-z_]+)\}")
_FILLED_RE = re.compile(r"\{([a-z_]+)\}(\.?)")


def normalize_language(language: str | None) -> str:
    """ "es", "es-mx" and "ES_US" give "es"; anything not shipped gives English."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Localized:
    """A short text in each shipped language."""

    en: str
    es: str

    def get(self, language: str | None) -> str:
        return self.es if normalize_language(language) == "es" else self.en

    def __call__(self, language: str | None) -> str:
        """`label(language)` is `label.get(language)`."""
        return self.get(language)


@dataclass(frozen=True)
class Message:
    """One language's subject and body for a kind of message."""

    subject: str
    body: str

    def as_dict(self) -> dict[str, str]:
        return {"subject": self.subject, "body": self.body}


@dataclass(frozen=True)
class Kind:
    """A kind of message: its label, what it is for, and its texts in both languages."""

    key: str
    label: Localized
    hint: Localized  # one line saying when to use it
    purposes: tuple[str, ...]  # names from PURPOSE_NAMES, to pre-tick when it is logged
    guide: str  # slug of the strategy guide page that goes with it (toolkit.guide)
    en: Message
    es: Message

    def message(self, language: str | None) -> Message:
        return self.es if normalize_language(language) == "es" else self.en

    @property
    def placeholders(self) -> frozenset[str]:
        """The names this kind may use."""
        if self.key == "monthly_update":
            return PLACEHOLDERS
        return COMMON_PLACEHOLDERS


def placeholders_in(text: str) -> set[str]:
    """The placeholder names used in `text`.

    Raises ValueError on unbalanced braces or on a field that is not a plain name.
    """
    names: set[str] = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is None:
            continue
        if spec or conversion or not field.isidentifier():
            raise ValueError(f"Not a plain placeholder: {{{field}}}")
        names.add(field)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` for every name in `values`; leave anything else untouched.

    A value ending in a full stop just before one in the text ("Maya R." + ".") keeps
    a single full stop.
    """

    def replace(match: re.Match[str]) -> str:
        name, stop = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        value = values[name]
        return value if stop and value.endswith(".") else value + stop

    return _FILLED_RE.sub(replace, text)


# Bodies read as they will in an email: one paragraph a line, whatever its length
# (hence the noqa), so a mail client can wrap them to its own width.
KINDS: tuple[Kind, ...] = (
    Kind(
        key="appreciation",
        label=Localized(en="Appreciation", es="Agradecimiento"),
        hint=Localized(
            en="Thank someone for something specific they did.",
            es="Agradezca algo concreto que hizo una persona del equipo.",
        ),
        purposes=("appreciation",),
        guide="lead-with-appreciation",
        en=Message(
            subject="Thank you for your support of {student}",
            body="""Hi {recipients},

I want to take a moment to say thank you. I noticed [what you noticed, for example: the new picture schedule this week].

It made a real difference for {student}. [What changed, for example: our mornings have been calmer.]

I know this kind of thing takes extra time and thought on top of a full day. We see it at home, and we are grateful.

Thank you for caring about {student} and for being part of the team.

Warmly,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Gracias por su apoyo a {student}",
            body="""Hola, {recipients}:

Quiero tomarme un momento para dar las gracias. Me fijé en [lo que notó, por ejemplo: el nuevo horario con imágenes de esta semana].

Para {student} hizo una gran diferencia. [Lo que cambió, por ejemplo: las mañanas han sido más tranquilas.]

Sé que estos detalles llevan tiempo y esfuerzo extra, además de un día ya muy lleno. En casa lo notamos y lo valoramos mucho.

Gracias por su dedicación a {student} y por ser parte del equipo.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="check_in",
        label=Localized(en="Check-in", es="Contacto de rutina"),
        hint=Localized(
            en="A short, friendly note to keep in touch. Nothing needs to be wrong.",
            es="Un mensaje breve y amable para mantener el contacto, sin que pase nada malo.",
        ),
        purposes=("check_in",),
        guide="regular-positive-communication",
        en=Message(
            subject="Checking in about {student}",
            body="""Hi {recipients},

I hope your week is going well. This is a quick check-in, nothing urgent.

At home, {student} has been [something you have seen lately, for example: talking a lot about a new friend in class].

How are things going at school from where you are? I'd love to hear one thing that is going well, and anything you think I should know.

If it's easier to talk than to write, I'm happy to chat at pick-up or by phone. [When you are free, for example: most afternoons after 4.]

Thank you for all you do for {student}.

Best,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Un saludo breve sobre {student}",
            body="""Hola, {recipients}:

Espero que la semana vaya bien. Escribo solo para saludar y ver cómo van las cosas; no es nada urgente.

En casa, {student} ha estado [algo que ha visto últimamente, por ejemplo: hablando mucho de una nueva amistad de la clase].

¿Cómo se ven las cosas desde la escuela? Me encantaría saber algo que esté saliendo bien y cualquier cosa que convenga que yo sepa.

Si es más fácil hablar que escribir, con gusto conversamos a la salida de la escuela o por teléfono. [Cuándo tiene tiempo, por ejemplo: casi todas las tardes después de las 4.]

Gracias por su trabajo y su cariño con {student}.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="monthly_update",
        label=Localized(en="Monthly update", es="Novedades del mes"),
        hint=Localized(
            en="One summary a month for the whole team, filled in from your log.",
            es="Un resumen al mes para todo el equipo, a partir de su registro.",
        ),
        purposes=("update",),
        guide="regular-positive-communication",
        en=Message(
            subject="{student}: our update for {month}",
            body="""Hi {recipients},

Here is my update about {student} for {month}. I send one each month so we all stay on the same page. There is no need to reply to all of it. A word on anything that stands out is plenty.

What went well
{victories}

What I'm keeping an eye on
{concerns}

Dates coming up
{coming_dates}

My questions
{open_questions}

Thank you for the work you put in with {student} this month. If I missed something, or you see it differently, please tell me. Your view matters to me.

With thanks,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Novedades de {student}: {month}",
            body="""Hola, {recipients}:

Estas son las novedades de {student} en {month}. Envío este resumen cada mes para que todo el equipo esté al tanto. No hace falta responder a todo. Un comentario sobre lo que más llame la atención es más que suficiente.

Lo que salió bien
{victories}

Lo que estoy observando
{concerns}

Próximas fechas
{coming_dates}

Mis preguntas
{open_questions}

Gracias por todo el trabajo con {student} este mes. Si se me pasó algo, o si hay otra manera de verlo, me encantaría saberlo. Su opinión me importa mucho.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="concern",
        label=Localized(en="Concern", es="Preocupación"),
        hint=Localized(
            en="Share a worry and invite the team to work it out with you.",
            es="Comparta una preocupación e invite al equipo a buscar una solución con usted.",
        ),
        purposes=("concern", "request"),
        guide="solutions-not-positions",
        en=Message(
            subject="Can we look at something together for {student}?",
            body="""Hi {recipients},

I'd like to share something I've noticed and ask for your help thinking it through.

Lately, [what you have noticed, with a recent example]. At home I've seen it [how often, or since when].

I don't have the answer, and I'm not sure yet what is behind it. You see {student} in a setting I don't, so your view matters a lot here. Have you noticed anything like this at school?

Could we find a time to talk, or trade a few ideas by email? I'm glad to try things at home that match what you do in class.

Thank you for working on this with me.

Best,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="¿Podemos buscar una solución en equipo para {student}?",
            body="""Hola, {recipients}:

Quiero compartir algo que he notado y pedir ayuda para entenderlo mejor.

Últimamente, [lo que ha notado, con un ejemplo reciente]. En casa lo he visto [con qué frecuencia o desde cuándo].

No tengo la respuesta y todavía no sé bien a qué se debe. En la escuela se ve a {student} en un ambiente distinto al de la casa, así que su punto de vista es muy valioso. ¿Se ha notado algo parecido en clase?

¿Podríamos buscar un momento para hablarlo, o intercambiar algunas ideas por correo? Con gusto pruebo en casa cosas que vayan en la misma línea que lo que se hace en clase.

Gracias por trabajar en esto conmigo.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="meeting_request",
        label=Localized(en="Meeting request", es="Solicitud de reunión"),
        hint=Localized(
            en="Ask for time to talk and plan together, with a clear topic.",
            es="Pida un momento para hablar y planear en equipo, con un tema claro.",
        ),
        purposes=("request", "meeting"),
        guide="solutions-not-positions",
        en=Message(
            subject="Request for a short meeting about {student}",
            body="""Hi {recipients},

I'd like to ask for a meeting about {student}. The topic: [the topic in one line, for example: how reading is going before the annual review].

I hope we can look at where things stand, hear from each other, and agree on next steps together. If you could bring [anything you'd like to see, for example: recent work samples or progress notes], it would help me follow along.

These times work for me: [two or three days and times]. I'm happy to fit your schedule. We can meet at {school}, by phone or by video. I think [how long, for example: 30 minutes] will be enough.

Please let me know if someone else should join us.

Thank you,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Solicitud de una reunión breve sobre {student}",
            body="""Hola, {recipients}:

Quisiera pedir una reunión para hablar sobre {student}. El tema: [el tema en una línea, por ejemplo: cómo va la lectura antes de la revisión anual].

Me gustaría que revisáramos en equipo cómo van las cosas, que escucháramos todos los puntos de vista y que acordáramos los próximos pasos. Me ayudaría mucho ver [lo que le gustaría ver, por ejemplo: trabajos recientes o notas de progreso].

Estos horarios me funcionan: [dos o tres días y horas]. Con gusto me adapto a su agenda. Podemos reunirnos en {school}, por teléfono o por videollamada. Creo que con [cuánto tiempo, por ejemplo: 30 minutos] será suficiente.

También me gustaría saber si conviene invitar a alguien más.

Muchas gracias,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="meeting_follow_up",
        label=Localized(en="Meeting follow-up", es="Seguimiento de reunión"),
        hint=Localized(
            en="Confirm in writing what was agreed, so everyone has the same plan.",
            es="Confirme por escrito lo que se acordó, para que todos tengan el mismo plan.",
        ),
        purposes=("meeting", "update"),
        guide="communication-scripts",
        en=Message(
            subject="Following up on our meeting about {student}",
            body="""Hi {recipients},

Thank you for meeting with me [the day of the meeting]. I appreciated the time and the ideas everyone brought.

To confirm what we discussed, here is my understanding:

- [What we agreed, and who will do it]
- [Another agreement, and by when]
- [What I will do at home]

We plan to check how it's going on [the date to check back].

If I missed something or got any of it wrong, please let me know and I'll correct my notes. I want us all working from the same plan.

Thank you again for your time and your care for {student}.

Best,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Seguimiento de nuestra reunión sobre {student}",
            body="""Hola, {recipients}:

Gracias por la reunión del [día de la reunión]. Agradezco mucho el tiempo y las ideas que aportó cada persona.

Para confirmar lo que hablamos, esto es lo que entendí:

- [Lo que acordamos y quién lo hará]
- [Otro acuerdo y para cuándo]
- [Lo que haré en casa]

Quedamos en revisar cómo va el [fecha para revisar].

Si se me pasó algo o entendí mal algún punto, cualquier corrección es bienvenida y con gusto actualizo mis notas. Quiero que todo el equipo trabaje con el mismo plan.

Gracias otra vez por su tiempo y su dedicación a {student}.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
    Kind(
        key="home_insight",
        label=Localized(en="What works at home", es="Lo que funciona en casa"),
        hint=Localized(
            en="Share a strategy that helps at home, and ask what helps at school.",
            es="Comparta una estrategia que ayuda en casa y pregunte qué ayuda en la escuela.",
        ),
        purposes=("update",),
        guide="share-expertise",
        en=Message(
            subject="Something that works for {student} at home",
            body="""Hi {recipients},

I wanted to share something that has been working well for {student} at home, in case it helps at school too.

What we do: [the strategy, for example: a two-minute warning before we switch activities].

Why I think it helps: [what you see, for example: fewer hard moments when it's time to stop].

It may not fit the classroom, and you know far better than I do what works with a whole group. I'd love to hear what you're seeing at school, and whether something helps there that we could try at home.

Thanks for trading notes with me.

Warmly,
{my_name}""",  # noqa: E501
        ),
        es=Message(
            subject="Algo que le funciona a {student} en casa",
            body="""Hola, {recipients}:

Quiero compartir algo que le ha funcionado bien a {student} en casa, por si también sirve en la escuela.

Lo que hacemos: [la estrategia, por ejemplo: avisar dos minutos antes de cambiar de actividad].

Por qué creo que ayuda: [lo que ha visto, por ejemplo: hay menos momentos difíciles a la hora de parar].

Quizás no encaje en el salón de clases; en eso, su experiencia con un grupo entero vale más que la mía. Me encantaría saber qué se ve en la escuela y si hay algo que ayude allí que podamos probar en casa.

Gracias por compartir ideas conmigo.

Saludos cordiales,
{my_name}""",  # noqa: E501
        ),
    ),
)

KIND_KEYS: tuple[str, ...] = tuple(kind.key for kind in KINDS)
KINDS_BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def get_kind(key: str) -> Kind:
    """The kind called `key`; KeyError if there is none."""
    return KINDS_BY_KEY[key]


def default_template(kind: str, language: str | None) -> dict[str, str]:
    """The shipped ``{"subject": ..., "body": ...}`` for `kind` in `language`.

    KeyError for an unknown kind. Regional codes ("es-mx") use their base language; a
    language that is not shipped falls back to English.
    """
    return get_kind(kind).message(language).as_dict()
