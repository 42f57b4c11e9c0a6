"""Conflict and change cues beyond NLI, read with transparent rules.

* :mod:`.tokens`: normalised tokens and the word classes the readers share;
* :mod:`.substitutions`: what one near-identical text replaces in the other (a number, date, name,
  negation or permit/forbid word);
* :mod:`.modality`: negation and deontic modality (permit / forbid);
* :mod:`.change`: claims of change and of no change;
* :mod:`.scope`: narrowing qualifiers and carve-outs;
* :mod:`.subjects`: the names a text is about;
* :mod:`.claims`: past facts versus positions, plans and rules;
* :mod:`.norms`: obligations, prohibitions, permissions, and exceptions and extra options inside a rule;
* :mod:`.bounds`: limits on a quantity ("at least 17", "under 17") and the side of them a text allows.

Example:
    >>> [s.description for s in aligned_substitutions("The curfew starts at 10 pm.", "The curfew starts at 8 pm.")]
    ['number: 10 pm -> 8 pm']
"""

from __future__ import annotations

from .bounds import Limit, figure_nouns, limit, same_limit_restated, single_figure
from .change import ChangeCues, announces_update, change_cues, confirms
from .claims import is_past_fact, states_terms, takes_a_position
from .modality import modality, negation_polarity
from .norms import (
    Norm,
    added_to_act,
    conditional_exception,
    definitional_exception,
    duty_restated,
    exception_in,
    is_exception,
    means_of_a_duty,
    norm,
)
from .scope import is_carve_out, scope_restrictions
from .subjects import (
                    first_capitalised,
                    modifier_difference,
                    named_subjects,
                    object_difference,
                    owned_sites,
                    share_a_name,
                    speaks_of_itself,
                    subject_difference,
                    subject_names,
                    unique_predicate,
                    unit_difference,
)
from .substitutions import (
    Substitution,
    adds_only,
    aligned_substitutions,
    negated_word,
    numbers,
    overlap_ratio,
    unit_figures_differ,
)
from .tokens import is_function_word

__all__ = [
    "ChangeCues",
    "Limit",
    "Norm",
    "Substitution",
    "added_to_act",
    "adds_only",
    "aligned_substitutions",
    "announces_update",
    "change_cues",
    "conditional_exception",
    "confirms",
    "definitional_exception",
    "duty_restated",
    "exception_in",
    "figure_nouns",
    "first_capitalised",
    "is_carve_out",
    "is_exception",
    "is_function_word",
    "is_past_fact",
    "limit",
    "means_of_a_duty",
    "modality",
    "modifier_difference",
    "named_subjects",
    "negated_word",
    "negation_polarity",
    "norm",
    "numbers",
    "object_difference",
    "overlap_ratio",
    "owned_sites",
    "same_limit_restated",
    "scope_restrictions",
    "share_a_name",
    "single_figure",
    "speaks_of_itself",
    "states_terms",
    "subject_difference",
    "subject_names",
    "takes_a_position",
    "unique_predicate",
    "unit_difference",
    "unit_figures_differ",
]
