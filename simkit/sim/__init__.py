"""Disciplinary timelines on SimPy, with simkit.law as the only source of legal rules.

One case, played day by day:

>>> import datetime as dt
>>> from simkit.sim import CaseInput, run_case
>>> timeline = run_case(CaseInput(offence="law:50.1.17", committed=dt.date(2026, 3, 10),
...                               revealed=dt.date(2026, 4, 3)))
>>> timeline.outcome, timeline.sanction.kind, timeline.deadline
('imposed', 'dismissal', datetime.date(2026, 7, 3))

An organisation, many times over (the same seed gives the same numbers, whatever the workers):

>>> from simkit.sim import OrgConfig, run_org
>>> body = OrgConfig(name="a small body", headcount=800, offence_rates={"44.5": 5, "ordinary": 30})
>>> result = run_org(body, replications=3, seed=1)
>>> result.replications == run_org(body, replications=3, seed=1, workers=2).replications
True
"""

from simkit.sim.case import CaseInput, run_case
from simkit.sim.montecarlo import OrgResult, run_org
from simkit.sim.org import OrgConfig, replicate
from simkit.sim.timeline import Timeline, TimelineEvent

__all__ = ["CaseInput", "OrgConfig", "OrgResult", "Timeline", "TimelineEvent", "replicate", "run_case", "run_org"]
