"""HTML the player shows: scenario text (Markdown), feedback, and provisions expandable to their Russian and
English text (in Kazakh with a note that the provision is quoted in Russian, its authoritative text, where no
Kazakh text is bundled), with the editors' notes their text depends on (a Constitutional Court resolution, an
amendment and its state today in Kazakhstan) shown under the panel, so that a folded panel does not hide them.
The fragments' templates are in simkit/templates/player."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import cache

from markdown_it import MarkdownIt

from simkit import law
from simkit.i18n import LANGUAGE_NAMES, N_, t
from simkit.law.citations import CitationError
from simkit.law.clock import legal_today
from simkit.law.explain import INSTRUMENT_TITLES
from simkit.law.interpretations import resolve
from simkit.law.notes import describe, notes_for
from simkit.scenarios import Scored
from simkit.scenarios.variants import Variant
from simkit.templates import fragment, render

# A scored answer's verdict, by its kind (simkit.scenarios.Scored).
VERDICTS = {
    "correct": N_("player.correct"),
    "partly": N_("player.partly"),
    "incorrect": N_("player.incorrect"),
    "review": N_("player.review"),
}

# At 320 px wide (or 1280 px at 400 % zoom) nothing may reach past the window: ipywidgets' fixed widths of inline
# controls (a date field's 300 px, a list as wide as its longest entry) give way to the column they sit in, and a
# row of a button beside its text wraps.
# ipywidgets' green (a case done) is too light for its white text (under 4.5:1); this one is 5.1:1.
# The focus ring is forced (!important) over ipywidgets' own thin one, hard to see on a blue button; a date field
# is focused in its parts, so it never matches :focus-visible itself.
STYLE = """<style>
.simkit-player { max-width: 860px; font-size: 15px; line-height: 1.5; }
.simkit-player .widget-radio-box label, .simkit-player .widget-checkbox label { white-space: normal; height: auto; }
.simkit-player .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height); }
.simkit-player .widget-checkbox label { display: flex; align-items: baseline; line-height: 1.5; margin: 3px 0; }
.simkit-player .widget-checkbox input { flex: none; }
.simkit-player .widget-radio-box { height: auto; }
.simkit-player .widget-radio-box label { display: flex; align-items: baseline; gap: 6px; margin: 3px 0; }
.simkit-player .widget-radio-box input { order: -1; flex: none; }
.simkit-step { border-left: 4px solid #90a4ae; padding: 4px 12px; margin: 12px 0; }
.simkit-current { border-left-color: #1565c0; }
.simkit-verdict-correct { color: #1b5e20; font-weight: bold; }
.simkit-verdict-partly { color: #8a5300; font-weight: bold; }
.simkit-verdict-incorrect { color: #b00020; font-weight: bold; }
.simkit-error { color: #b00020; }
.simkit-provision pre { white-space: pre-wrap; font-family: inherit; margin: 4px 0 8px; }
.simkit-editors-note { color: #8a5300; margin: 2px 0 8px; }
.simkit-reading { color: #37474f; margin: 2px 0 8px; }
.simkit-audience-note { color: #37474f; font-style: italic; }
.simkit-end { background: #eef3f8; padding: 8px 12px; border-radius: 4px; }
.simkit-outcome { font-weight: bold; font-size: 16px; }
.simkit-outcome-passed { color: #1b5e20; }
.simkit-outcome-failed { color: #b00020; }
.simkit-outcome-pending { color: #8a5300; }
.simkit-player a { color: #1565c0; text-decoration: underline; }
.simkit-player .jupyter-button.mod-success { background-color: #2e7d32; }
.simkit-player :focus-visible, .simkit-player input[type=date]:focus {
  outline: 3px solid #1565c0 !important; outline-offset: 2px;
}
.simkit-player .simkit-response:focus, .simkit-player .simkit-result:focus {
  outline: 3px solid #1565c0; outline-offset: 2px;
}
.simkit-player .widget-inline-hbox, .simkit-player .widget-image, .simkit-player .widget-textarea {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); min-width: 0;
}
.simkit-player .widget-dropdown select, .simkit-player input[type=date] { max-width: 100%; min-width: 0; }
@media (max-width: 480px) { .simkit-player .widget-hbox { flex-wrap: wrap; } }
.simkit-player .simkit-timeline { border-collapse: collapse; }
.simkit-player .simkit-timeline th, .simkit-player .simkit-timeline td { padding: 2px 8px 2px 0; text-align: left;
  vertical-align: top; }
.simkit-player .simkit-timeline td:nth-child(-n+2) { white-space: nowrap; }
.simkit-player .simkit-timeline td:last-child { overflow-wrap: anywhere; }
</style>"""
# ipywidgets gives no way to set ARIA attributes from Python, so the page sets them: each question's text names
# its group of options (and its date, number or text field), a question's response is a polite live region so
# that feedback is read out, and a question's radio buttons share a name, so that they are one Tab stop moved
# through with the arrow keys. The page's language is the one chosen, and the language buttons say which is
# pressed; the progress bar is hidden from screen readers (the counter beside it says the same in words); a
# timeline's chart is named by its heading and described by the table of its events. Once an answer shows, the
# focus (lost with the hidden answer button) moves to it: a screen reader reads it, and Tab goes on to the next
# question; a course's result, once submitted, is read out and has the focus likewise. Widgets re-render, and get
# their classes, at will: an observer marks the page again as it changes.
#
# A date field sends each date it holds while it is typed, part by part, and ipywidgets holds a widget's change back
# while its last one is on its way to the kernel; a button's click is never held back, so it could reach the kernel
# before the date's last change. The page keeps a date field's changes while it is being edited and passes the last
# one on as the focus leaves it or any button is pressed, before the click: the kernel has the date first.
ARIA_SCRIPT = """(() => {
  const languages = LANGUAGES;
  if (window.simkitAria) return;
  window.simkitAria = true;
  let counter = 0;
  let answering = null, submitting = false;
  const named = (element, prefix) => {
    element.id ||= `simkit-${prefix}-${++counter}`;
    return element.id;
  };
  const set = (element, attributes) => {
    if (!element) return;
    for (const [name, value] of Object.entries(attributes)) {
      if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    }
  };
  const mark = (step) => {
    const prompt = step.querySelector(':scope > .widget-html .widget-html-content');
    if (!prompt) return;
    const id = named(prompt, 'prompt');
    const radios = step.querySelector('.widget-radio-box');
    set(radios, { role: 'radiogroup', 'aria-labelledby': id });
    radios?.querySelectorAll('input[type=radio]').forEach((radio) => set(radio, { name: id }));
    set(step.querySelector('.simkit-choices'), { role: 'group', 'aria-labelledby': id });
    for (const field of step.querySelectorAll('input[type=date], input[type=number], textarea')) {
      set(field, { 'aria-labelledby': id });
    }
    set(step.querySelector('.simkit-response'), { 'aria-live': 'polite', tabindex: '-1' });
  };
  const markCase = (box) => {
    const heading = box.querySelector('h4'), table = box.querySelector('table');
    if (!heading || !table) return;
    set(box.querySelector('img'), {
      role: 'img', 'aria-labelledby': named(heading, 'timeline'), 'aria-describedby': named(table, 'events'),
    });
  };
  const focusAnswer = () => {
    if (!answering) return;
    if (!answering.isConnected) { answering = null; return; }
    const response = answering.querySelector('.simkit-response');
    if (answering.classList.contains('simkit-current') || !response?.textContent.trim()) return;
    const now = document.activeElement;
    if (!now || now === document.body || answering.contains(now)) response.focus();
    answering = null;
  };
  const focusResult = () => {
    const result = document.querySelector('.simkit-result');
    if (!submitting || !result?.textContent.trim()) return;
    const now = document.activeElement;
    if (!now || now === document.body || now.disabled) result.focus();
    submitting = false;
  };
  const markAll = () => {
    document.querySelectorAll('.simkit-step').forEach(mark);
    document.querySelectorAll('.simkit-case').forEach(markCase);
    document.querySelectorAll('.simkit-language button').forEach((button) => {
      const pressed = button.classList.contains('mod-active');
      set(button, { 'aria-pressed': String(pressed) });
      const code = languages[button.textContent.trim()];
      if (pressed && code && document.documentElement.lang !== code) document.documentElement.lang = code;
    });
    document.querySelectorAll('.simkit-progress').forEach((bar) => set(bar, { 'aria-hidden': 'true' }));
    set(document.querySelector('.simkit-result'), { 'aria-live': 'polite', tabindex: '-1' });
    focusAnswer();
    focusResult();
  };
  const held = new Set();
  const pass = (field) => {
    held.delete(field);
    field.simkitPassing = true;
    field.dispatchEvent(new Event('change', { bubbles: true }));
    field.simkitPassing = false;
  };
  document.addEventListener('change', (event) => {
    const field = event.target;
    if (field.matches?.('.simkit-player input[type=date]') && !field.simkitPassing) {
      event.stopPropagation();
      held.add(field);
    }
  }, true);
  document.addEventListener('focusout', (event) => { if (held.has(event.target)) pass(event.target); }, true);
  document.addEventListener('click', (event) => {
    held.forEach(pass);
    const button = event.target.closest?.('.simkit-answer');
    if (button) answering = button.closest('.simkit-step');
    if (event.target.closest?.('.simkit-submit')) submitting = true;
  }, true);
  new MutationObserver(markAll).observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'],
  });
  markAll();
})();""".replace("LANGUAGES", json.dumps({name: code for code, name in LANGUAGE_NAMES.items()}, ensure_ascii=False))
SHORT_TITLES = INSTRUMENT_TITLES


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str) -> str:
    html: str = _markdown().render(text)
    return html


def provision_html(citation: str, lang: str, day: dt.date | None = None) -> str:
    """A citation that opens to the provision's Russian and English text (Russian first: it is authoritative), and
    its editors' notes as of the legal ``day`` (today in Kazakhstan)."""
    try:
        found = law.provision(citation)
    except CitationError:
        return render("player/provision.html", citation=citation, title=None)
    return render(
        "player/provision.html",
        citation=citation,
        title=t(SHORT_TITLES[found.instrument], lang),
        quoted_note=quoted_note_html(lang, found.source_languages),
        texts=[(language, found.text[language]) for language in ("ru", "en") if found.text.get(language)],
        editors_notes=editors_notes_html([citation], lang, day),
    )


def quoted_note_html(lang: str, bundled: Iterable[str]) -> str:
    """Where a provision is shown in Russian, the authoritative text, because none of its ``bundled`` texts is in
    the learner's language (Kazakh, for now), a line saying so; nothing where one is."""
    bundled = set(bundled)
    if lang in bundled or "ru" not in bundled:
        return ""
    return render("player/quoted_note.html", lang=lang, note=t("law.quoted_in_russian", lang))


def editors_notes_html(citations: Iterable[str], lang: str, day: dt.date | None = None) -> str:
    """The editors' notes the cited provisions depend on, each once, with amendments' state on the legal ``day``."""
    when = day or legal_today()
    words = "en" if lang == "en" else "ru"
    found = {note.id: note for citation in citations for note in notes_for(citation)}
    notes = [describe(note, words, when) for note in found.values()]
    return render("player/editors_notes.html", label=t("player.editors_note", lang), notes=notes)


def readings_html(scored: Scored, lang: str) -> str:
    """The interpretation readings a mark rests on, and the other readings its question accepts, each with the
    provisions it concerns among those cited: the same lines in the player's feedback and the grader's report."""
    lines = [(N_("player.reading"), ref) for ref in scored.readings]
    lines += [(N_("player.other_reading"), ref) for ref in scored.other_readings]
    readings = []
    for label, ref in lines:
        note, reading = resolve(ref)
        text = reading.text.get(lang) if reading else note.reading
        cited = [citation for citation in note.provisions if citation in scored.citations] or list(note.provisions)
        readings.append({"label": t(label, lang), "ref": ref, "cited": cited, "text": text})
    return render("player/readings.html", readings=readings)


def audience_note_html(text: str, lang: str) -> str:
    return render("player/audience_note.html", label=t("player.audience_note", lang), text=text)


def verdict(scored: Scored) -> str:
    if scored.correct is None:
        return "review"
    if scored.correct:
        return "correct"
    return "partly" if (scored.points or 0) > 0 else "incorrect"


def feedback_html(scored: Scored, variant: Variant, lang: str) -> str:
    kind = verdict(scored)
    return render(
        "player/feedback.html",
        kind=kind,
        verdict=t(VERDICTS[kind], lang),
        points=None if scored.points is None else f"{scored.points:g}",
        max_points=f"{scored.max_points:g}",
        points_word=t("player.points", lang),
        feedback="" if scored.feedback is None else markdown_html(variant.render(scored.feedback, lang)),
        provisions=[provision_html(citation, lang) for citation in scored.citations],
        readings=readings_html(scored, lang),
    )


def saved_html(lang: str) -> str:
    return render("player/saved.html", saved=t("player.saved", lang))


def error_html(message: str) -> str:
    return render("player/error.html", message=message)


def html_table(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain HTML table of escaped cells, for notebooks' rich output."""
    return fragment("player/table.html", "table", header=header, rows=rows)
