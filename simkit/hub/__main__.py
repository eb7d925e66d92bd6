"""`python -m simkit.hub` (what `make hub` runs): the whole stack on one machine."""

from simkit.hub.local import main

main()
