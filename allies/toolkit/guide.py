"""The strategy guide: its pages, in reading order, and the action each one suggests.

A page's body is a template fragment per language, with no tags of its own:
``toolkit/guide/<language>/<slug>.html`` (`GuidePage.template_name`). The body starts
at <h2> (the page template gives the title) and ends before the action button, which the
page template adds from `action_kind` and `action_label` when `action_kind` is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from .defaults import Localized, normalize_language

TEMPLATE_DIR = "toolkit/guide"


@dataclass(frozen=True)
class GuidePage:
    slug: str
    way: int | None  # 1 to 5 for the five ways, None for the other pages
    title: Localized
    summary: Localized  # one line, for lists and the page's introduction
    action_kind: str | None  # a `defaults.Kind.key` to compose, or None for no button
    action_label: Localized | None  # the button's text; set exactly when action_kind is

    def template_name(self, language: str | None) -> str:
        return f"{TEMPLATE_DIR}/{normalize_language(language)}/{self.slug}.html"


PAGES: tuple[GuidePage, ...] = (
    GuidePage(
        slug="lead-with-appreciation",
        way=1,
        title=Localized(en="Lead with appreciation", es="Empezar por el agradecimiento"),
        summary=Localized(
            en="Notice the effort people make, even the small kind, and tell them.",
            es="Fíjese en el esfuerzo de cada persona, aunque sea pequeño, y dígaselo.",
        ),
        action_kind="appreciation",
        action_label=Localized(en="Write an appreciation", es="Escribir un agradecimiento"),
    ),
    GuidePage(
        slug="share-expertise",
        way=2,
        title=Localized(
            en="Share what you know, and value what they know",
            es="Compartir lo que sabe y valorar lo que saben",
        ),
        summary=Localized(
            en="You know your child at home; they know the classroom. Put the two together.",
            es="Usted conoce a su hijo o hija en casa; el equipo conoce el salón. "
            "Junte las dos miradas.",
        ),
        action_kind="home_insight",
        action_label=Localized(en="Share what works at home", es="Contar lo que funciona en casa"),
    ),
    GuidePage(
        slug="regular-positive-communication",
        way=3,
        title=Localized(
            en="Keep in touch, and keep it positive",
            es="Mantener el contacto, y que sea positivo",
        ),
        summary=Localized(
            en="A steady rhythm of short, friendly messages makes the hard talks easier.",
            es="Un ritmo constante de mensajes breves y amables facilita "
            "las conversaciones difíciles.",
        ),
        action_kind="monthly_update",
        action_label=Localized(en="Write a monthly update", es="Escribir las novedades del mes"),
    ),
    GuidePage(
        slug="solutions-not-positions",
        way=4,
        title=Localized(
            en="Focus on solutions, not positions",
            es="Buscar soluciones, no defender posturas",
        ),
        summary=Localized(
            en="Bring the concern, not a fixed answer, and invite the team to solve it with you.",
            es="Plantee la preocupación, no una respuesta ya decidida, "
            "e invite al equipo a resolverla con usted.",
        ),
        action_kind="concern",
        action_label=Localized(
            en="Raise a concern together", es="Plantear una preocupación en equipo"
        ),
    ),
    GuidePage(
        slug="the-human-element",
        way=5,
        title=Localized(en="Remember the human side", es="Recordar el lado humano"),
        summary=Localized(
            en="Everyone on the team has a life, a workload and a style. "
            "Meeting them there builds trust.",
            es="Cada persona del equipo tiene su vida, su carga de trabajo y su estilo. "
            "Tenerlo en cuenta crea confianza.",
        ),
        action_kind="check_in",
        action_label=Localized(en="Send a friendly check-in", es="Enviar un saludo amable"),
    ),
    GuidePage(
        slug="communication-scripts",
        way=None,
        title=Localized(en="Words for common moments", es="Frases para momentos comunes"),
        summary=Localized(
            en="Short, ready-to-say words for meetings, concerns, disagreement, data, "
            "follow-ups and thanks.",
            es="Frases breves y listas para usar en reuniones, preocupaciones, desacuerdos, "
            "datos, seguimientos y agradecimientos.",
        ),
        action_kind="meeting_follow_up",
        action_label=Localized(en="Confirm what was agreed", es="Confirmar lo acordado"),
    ),
    GuidePage(
        slug="a-small-action-each-week",
        way=None,
        title=Localized(en="One small action each week", es="Una pequeña acción cada semana"),
        summary=Localized(
            en="Trust grows from small steps repeated, not from one big conversation.",
            es="La confianza crece con pasos pequeños y constantes, "
            "no con una sola gran conversación.",
        ),
        action_kind="appreciation",
        action_label=Localized(en="Start with a thank-you", es="Empezar con un agradecimiento"),
    ),
)

PAGES_BY_SLUG: dict[str, GuidePage] = {page.slug: page for page in PAGES}
FIVE_WAYS: tuple[GuidePage, ...] = tuple(page for page in PAGES if page.way is not None)


def by_slug(slug: str) -> GuidePage:
    """The page called `slug`; KeyError if there is none."""
    return PAGES_BY_SLUG[slug]


def neighbours(slug: str) -> tuple[GuidePage | None, GuidePage | None]:
    """The pages before and after `slug` in reading order (None at either end)."""
    index = PAGES.index(by_slug(slug))
    before = PAGES[index - 1] if index > 0 else None
    after = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return before, after
