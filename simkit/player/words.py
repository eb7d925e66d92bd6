"""Keys of the player's words chosen at run time (a status, a course's mode), each marked for extraction;
the words themselves are in the interface catalogue (simkit.i18n)."""

from __future__ import annotations

from simkit.i18n import N_

STATUSES = {
    "not_started": N_("player.not_started"),
    "in_progress": N_("player.in_progress"),
    "done": N_("player.done"),
}
MODES = {"practice": N_("player.practice"), "exam": N_("player.exam")}
# What to fix when an answer cannot be taken, by the step's type.
FIXES = {
    "single_choice": N_("player.fix_single_choice"),
    "multiple_choice": N_("player.fix_multiple_choice"),
    "ordering": N_("player.fix_ordering"),
    "date": N_("player.fix_date"),
    "number": N_("player.fix_number"),
    "provision": N_("player.fix_provision"),
    "free_text": N_("player.fix_free_text"),
}
# The columns of a disciplinary case's table of events (player/case_view.py).
EVENT_COLUMNS = (N_("player.event_day"), N_("player.event_provision"), N_("player.event"))
