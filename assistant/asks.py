"""What a question asks for, beyond its filters: the measure, the shape, the extreme, the order.

Each reader looks at the cue spans of `Signals` (phrases of lang/cues.toml, matched on
folded words and Polish lemmas) and at the names already assigned; they compose: a count
of distinct units with a country filter, the single oldest row of a unit, the unit with
the most partnerships in a country, a comparison of two units on a measure.
"""

from __future__ import annotations

from assistant import coverage
from assistant.intent import Intent, Signals

# Words right after "how many" that say what is counted.
_MEASURE_CUES = (("powiat", "units"), ("gmina", "units"), ("unit_word", "units"),
                 ("group_country", "countries"))  # fmt: skip
_PARTNER_WORDS = ("partner", "twin", "sister", "siostrzan", "zaprzyjazn", "blizniac")


def read_measure(signals: Signals) -> str:
    """'how many powiats' counts units, 'ile krajów' countries, 'how many different partner
    towns' partners; anything else ('how many partnerships', 'ile partnerów') counts rows."""
    count = signals.cues.get("count")
    if not count:
        return "partnerships"
    end = count[0][1]
    # The three words after "how many", not counting "is", "that", "to", "jest" ("ile to jest
    # różnych powiatów?" counts powiats).
    cued = {i for spans in signals.cues.values() for a, b in spans for i in range(a, b)}
    window = [
        i
        for i in range(end, len(signals.tokens))
        if i in cued or not coverage.is_function_word(signals.tokens[i])
    ][:3]
    if any(_is_partnership_noun(t) for a, b in count[1:] for t in signals.tokens[b : b + 2]):
        return "partnerships"  # "… Chodzi mi o liczbę partnerstw": said in so many words
    for i in window:
        for cue, measure in _MEASURE_CUES:
            if any(a <= i < b for a, b in signals.cues.get(cue, [])):
                if measure == "units" and _partner_word_follows(signals, i):
                    # "how many powiat partnerships" counts rows; "ile różnych miast
                    # partnerskich" counts partners
                    return "partners" if signals.has("distinct") else "partnerships"
                return measure
        if any(k.startswith(_PARTNER_WORDS) for k in signals.tokens[i].keys):
            return "partners" if signals.has("distinct") else "partnerships"
    return "partnerships"


def _is_partnership_noun(token) -> bool:
    return any(k.startswith(("partnership", "partnerstw", "twinning")) for k in token.keys)


def _partner_word_follows(signals: Signals, i: int) -> bool:
    """'partner towns', 'miast partnerskich': the partner word describes the unit word; in
    'gminas twinned with Kowel' it is the verb, and the gminas are counted."""
    before = signals.tokens[i - 1].keys if i > 0 else frozenset()
    after = signals.tokens[i + 1] if i + 1 < len(signals.tokens) else None
    after_keys = (
        frozenset() if after is None or after.text.lower().endswith(("ed", "ing")) else after.keys
    )
    return any(k.startswith(_PARTNER_WORDS) for k in before | after_keys)


def read_extreme(signals: Signals, limit: int | None) -> str | None:
    """'the oldest', 'the most recent', 'the most' (no number), 'the fewest'."""
    if signals.has("oldest") and not signals.has("sort_year"):  # "posortuj od najstarszego"
        return "oldest"
    if signals.has("newest") and not signals.has("sort_year"):
        return "newest"
    # "Which is older: Kraków–Leipzig or Kraków–Nürnberg?" ("older than 1990" is a bound)
    for cue, extreme in (("older", "oldest"), ("newer", "newest")):
        at = signals.cues.get(cue)
        if at and not signals.has("than") and not signals.has("sort_year"):
            return extreme
    if signals.has("fewest"):
        return "fewest"
    if signals.has("top") and limit is None and not signals.has("count"):
        return "most"
    return None


def read_order(signals: Signals) -> str | None:
    if not signals.has("sort_year"):
        return None
    newest_first = signals.has("newest") or any(
        "najnow" in k or k == "newest" for t in signals.tokens for k in t.keys
    )
    return "year_desc" if newest_first else "year_asc"


def read_grouping(signals: Signals) -> str | None:
    """A breakdown asked for: per year, per decade, per form, per unit type."""
    for cue, shape in (("per_region", "group_region"), ("per_decade", "group_decade"),
                       ("per_year", "group_year"),
                       ("per_form", "group_form"), ("per_type", "group_type")):  # fmt: skip
        if signals.has(cue):
            return shape
    return None


def asks_which_country(signals: Signals) -> bool:
    """'which country', 'z którym z tych krajów': a question word shortly before a country word."""
    asked = [a for a, _b in signals.cues.get("question_word", [])]
    return any(0 < c - q <= 3 for q in asked for c, _d in signals.cues.get("group_country", []))


def asks_comparison(signals: Signals) -> bool:
    """'X or Y: who has more?', 'więcej … niż …', 'compare X and Y', 'X vs Y'."""
    if signals.has("compare_items") and (signals.has("more") or signals.has("compare")):
        return True
    if signals.has("more") and (signals.has("than") or signals.has("either")):
        return True
    return any(t.text.lower() in ("vs", "vs.", "versus") for t in signals.tokens) or (
        signals.has("compare") and signals.has("either")
    )


def asks_choice_among(signals: Signals) -> bool:
    """'Jarosław i Chełm: który z nich ma więcej…?', 'chełm, tczew czy kwidzyn – które z tych
    miast ma najwięcej…?': a more or most word, and a word choosing among the names."""
    measured = any(signals.has(c) for c in ("more", "top", "fewest"))
    choosing = any(
        signals.has(c) for c in ("which_of_them", "either", "question_word", "compare_items")
    )
    return measured and choosing


def apply_shape(intent: Intent, signals: Signals, group_by_country: bool) -> None:
    """Set measure, extreme, order and breakdown on a plan whose filters are read."""
    intent.measure = read_measure(signals)  # type: ignore[assignment]
    if intent.measure == "units" and len(intent.units) == 1:
        # "how many different German towns is Szczecin partnered with": one unit's towns are
        # its partners
        intent.measure = "partners"
    if intent.measure != "partnerships" and intent.shape in (
        "group_country",
        "group_unit",
        "count",
    ):
        intent.shape = "count"  # a distinct count: how many units / countries / partners
    grouping = read_grouping(signals)
    extreme = read_extreme(signals, intent.limit)
    if grouping == "group_region" and extreme in ("most", "fewest"):
        # "Which voivodeship has the most partnerships with Ukraine?": the winner first
        intent.shape, intent.extreme, intent.group_by = "extreme", extreme, "region"  # type: ignore[assignment]
        return
    if grouping and intent.shape in ("list", "count", "group_unit", "group_country"):
        intent.shape = grouping  # type: ignore[assignment]
        return
    if extreme in ("oldest", "newest") and intent.shape in (
        "list",
        "count",
        "group_unit",
        "yes_no",
    ):
        intent.shape, intent.extreme = "extreme", extreme  # type: ignore[assignment]
    elif (
        extreme in ("most", "fewest")
        and intent.shape in ("list", "group_unit", "group_country")
        or extreme == "fewest"
        and intent.shape == "count"
    ):
        intent.shape, intent.extreme = "extreme", extreme  # type: ignore[assignment]
        intent.group_by = "country" if group_by_country else "unit"
    intent.order = read_order(signals)  # type: ignore[assignment]
