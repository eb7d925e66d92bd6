"""The legal day: dates the law counts (an acknowledgement of the Code, a completed training) are days in
Kazakhstan, not in UTC or on the learner's machine.

Kazakhstan keeps one time zone, UTC+5, across the country since 1 March 2024 (Government decree of
1 February 2024 No. 34 — not among simkit's sources; interpretation note ``legal-day``). A fixed offset is used
rather than the tz database's Asia/Almaty, so an image with old tz data cannot date a day differently.
"""

from __future__ import annotations

import datetime as dt

KAZAKHSTAN_TIME = dt.timezone(dt.timedelta(hours=5), "UTC+05")


def legal_today(at: dt.datetime | None = None) -> dt.date:
    """The day in Kazakhstan at ``at`` (an aware time; now when omitted)."""
    moment = at or dt.datetime.now(dt.UTC)
    return moment.astimezone(KAZAKHSTAN_TIME).date()
