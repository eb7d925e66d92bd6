"""How complete the Kazakh translation is. Each figure is one function printing its `name: value` lines; another
figure is another function added to FIGURES.

    i18n.kk_missing_strings   interface strings (keys the code looks up) with no usable Kazakh text in
                              simkit/locale/kk/LC_MESSAGES/simkit.po: missing, empty or fuzzy; must be 0

Run: .venv/bin/python benchmarks/i18n.py   (prints one `name: value` per line)
"""

from __future__ import annotations

from collections.abc import Callable

from simkit.i18n import catalogue
from simkit.i18n.messages import used_keys


def kk_missing_strings() -> None:
    translated = catalogue("kk").texts
    missing = [key for key in used_keys() if key not in translated]
    print(f"i18n.kk_missing_strings: {len(missing)}")


FIGURES: list[Callable[[], None]] = [kk_missing_strings]


def main() -> None:
    for figure in FIGURES:
        figure()


if __name__ == "__main__":
    main()
