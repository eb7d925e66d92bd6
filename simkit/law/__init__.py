"""The legal rules of the Law "On the civil service" and the Code of service ethics, as tested, cited code.

Every function names its provision; legal constants live in ``data/parameters.yaml`` with their citation;
readings of ambiguous text are listed in ``data/interpretations.yaml`` (docs/interpretations.md).

>>> import datetime as dt
>>> gift_transfer_deadline(dt.date(2026, 3, 2))
datetime.date(2026, 3, 9)
>>> sanction("law:50.1.17").kind
'dismissal'
>>> restricted_relative("spouse.sibling")
True
>>> pending_from("law:16.3.14", dt.date(2026, 12, 31))
datetime.date(2027, 1, 1)
>>> sanction_label("incompetence_warning", "en")
'warning of incomplete fitness for the post'
"""

from simkit.law.calendar import add_months, add_working_days, holiday_name, is_working_day, roll_to_working_day
from simkit.law.citations import (
    CitationError,
    Provision,
    all_citations,
    check_citation,
    citations_in,
    instrument_title,
    provision,
)
from simkit.law.cycles import Completion, TrainingCycle, TrainingHistory, training_completion, training_cycles
from simkit.law.deadlines import (
    ImpositionDeadline,
    can_impose_on,
    gift_transfer_deadline,
    imposition_deadline,
    imposition_deadline_explained,
    money_transfer_deadline,
    onboarding_deadline,
    probation_end,
    reentry_barred,
    suspension_from_duty_end,
    training_due,
)
from simkit.law.glossary import sanction_label
from simkit.law.interpretations import Interpretation, interpretation, interpretations
from simkit.law.kinship import relation_group, restricted_relative
from simkit.law.notes import Dependence, EditorsNote, dependence, editors_note, editors_notes, notes_for, pending_from
from simkit.law.offences import Offence, Sanction, offence, sanction
from simkit.law.parameters import Parameter, Period, parameter, parameters
from simkit.law.servants import (
    Absence,
    Corps,
    absence_citation,
    absences,
    administrative_corps,
    corps,
    not_administrative_basis,
)

__all__ = [
    "Absence",
    "CitationError",
    "Completion",
    "Corps",
    "Dependence",
    "EditorsNote",
    "ImpositionDeadline",
    "Interpretation",
    "Offence",
    "Parameter",
    "Period",
    "Provision",
    "Sanction",
    "TrainingCycle",
    "TrainingHistory",
    "absence_citation",
    "absences",
    "add_months",
    "add_working_days",
    "administrative_corps",
    "all_citations",
    "can_impose_on",
    "check_citation",
    "citations_in",
    "corps",
    "dependence",
    "editors_note",
    "editors_notes",
    "gift_transfer_deadline",
    "holiday_name",
    "imposition_deadline",
    "imposition_deadline_explained",
    "instrument_title",
    "interpretation",
    "interpretations",
    "is_working_day",
    "money_transfer_deadline",
    "not_administrative_basis",
    "notes_for",
    "offence",
    "onboarding_deadline",
    "parameter",
    "parameters",
    "pending_from",
    "probation_end",
    "provision",
    "reentry_barred",
    "relation_group",
    "restricted_relative",
    "roll_to_working_day",
    "sanction",
    "sanction_label",
    "suspension_from_duty_end",
    "training_completion",
    "training_cycles",
    "training_due",
]
