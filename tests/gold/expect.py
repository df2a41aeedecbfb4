"""Expectation helpers the gold builders of rounds 4-7 share: selections whose
meaning does not depend on how a cell is read, the `expect` objects of each kind
(computed from `reference.py`, never from the package), and the writing of a round's file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import reference as R

ENGLISH = {
    "Niemcy": "Germany",
    "Francja": "France",
    "Ukraina": "Ukraine",
    "Czechy": "Czech",
    "Litwa": "Lithuania",
    "Białoruś": "Belarus",
    "Włochy": "Italy",
    "Słowacja": "Slovakia",
    "Węgry": "Hungary",
    "USA": "USA",
    "Rosja": "Russia",
    "Szwecja": "Sweden",
    "Dania": "Denmark",
    "Holandia": "Netherlands",
    "Łotwa": "Latvia",
    "Austria": "Austria",
    "Belgia": "Belgium",
    "Estonia": "Estonia",
    "Izrael": "Israel",
    "Norwegia": "Norway",
    "Portugalia": "Portugal",
    "Polska": "Poland",
    "Wielka Brytania": "United Kingdom",
    "Finlandia": "Finland",
    "Hiszpania": "Spain",
}


def ranked(groups: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))


def winner(groups: dict[str, int]) -> tuple[str, int]:
    order = ranked(groups)
    if len(order) > 1 and order[0][1] == order[1][1]:
        raise ValueError(f"tie for first place: {order[:3]}")
    return order[0]


def _stable(fn, rows, *args):
    """A year selection that must not depend on how multi-year cells are read."""
    strict = fn(rows, *args)
    loose = fn(rows, *args, loose=True)
    if R.keys(strict) != R.keys(loose):
        raise ValueError(f"fragile year selection {fn.__name__}{args}")
    if not strict:
        raise ValueError(f"empty year selection {fn.__name__}{args}")
    if len(strict) == len(rows):
        raise ValueError(f"year selection {fn.__name__}{args} keeps every row: not a test")
    return strict


def year(rows, y):
    return _stable(R.in_year, rows, y)


def between(rows, a, b):
    return _stable(R.in_range, rows, a, b)


def since(rows, y):
    return _stable(R.since, rows, y)


def before(rows, y):
    return _stable(R.before, rows, y)


def formal(rows):
    picked = R.formal(rows)
    if R.keys(picked) != R.keys([r for r in rows if r.agreement_year is not None]):
        raise ValueError("fragile formal-agreement selection")
    return picked


def only_other_form(rows: list[R.Row]) -> list[R.Row]:
    """Informal / only another form: other-form text (not b.d.) and no agreement year."""
    out = [
        r
        for r in rows
        if R.clean(r.other_form) and r.other_form.strip() != "b.d." and r.agreement_year is None
    ]
    if any(R.YEAR_RE.search(r.agreement) for r in out):
        raise ValueError("fragile: an agreement cell holds a year that is not read as one")
    return out


def no_agreement(rows: list[R.Row]) -> list[R.Row]:
    """Without a formal agreement: no agreement year (b.d. and empty rows included)."""
    out = [r for r in rows if not r.formal]
    if R.keys(out) != R.keys(r for r in rows if r.agreement_year is None):
        raise ValueError("fragile formal-agreement reading")
    return out


def narrowing(picked: list[R.Row], whole: list[R.Row]) -> list[R.Row]:
    """A filter that keeps some rows but not all of them (so a wrong answer can fail)."""
    if not picked or len(picked) == len(whole):
        raise ValueError(f"filter keeps {len(picked)} of {len(whole)} rows: not a test")
    return picked


def row_year(r: R.Row, *, loose: bool = False) -> int | None:
    years = r.loose_years if loose else r.years
    return min(years) if years else None


def extreme(rows: list[R.Row], which: str) -> tuple[int, list[R.Row]]:
    pick = min if which == "min" else max
    out = []
    for loose in (False, True):
        dated = [r for r in rows if row_year(r, loose=loose) is not None]
        best = pick(row_year(r, loose=loose) for r in dated)
        out.append((best, R.keys(r for r in dated if row_year(r, loose=loose) == best)))
    if out[0] != out[1]:
        raise ValueError(f"fragile superlative {which}: {out}")
    best = out[0][0]
    return best, [r for r in rows if row_year(r) == best]


def rows_exp(rows: list[R.Row]) -> dict:
    if not rows:
        raise ValueError("empty answer")
    return {"route": "table", "rows": R.keys(rows)}


def count_exp(rows: list[R.Row]) -> dict:
    if not rows:
        raise ValueError("empty count")
    return {"route": "table", "total": len(rows), "answer_contains": [str(len(rows))]}


def sup_exp(rows: list[R.Row], which: str) -> dict:
    best, picked = extreme(rows, which)
    if len(picked) == len(rows):
        raise ValueError("every row is the extreme one: not a test")
    return {"route": "table", "rows": R.keys(picked), "answer_contains": [str(best)]}


def compare_exp(groups: dict[str, int], lang: str = "pl", *, countries: bool = False) -> dict:
    name, _ = winner(groups)
    if min(groups.values()) == 0 or len(groups) < 2:
        raise ValueError(f"a compared name has no rows: {groups}")
    exp = {"route": "table", "groups": dict(sorted(groups.items())), "lead_contains": [name]}
    if countries and lang != "pl":
        return {"any_of": [exp, {**exp, "lead_contains": [ENGLISH[name]]}]}
    return exp


def distinct_exp(values: set) -> dict:
    if not values:
        raise ValueError("empty distinct count")
    return {"route": "table", "total": len(values), "answer_contains": [str(len(values))]}


def distinct_countries(rows: list[R.Row]) -> dict:
    values = {r.country for r in rows}
    if values & {"Polska", "Europa"}:
        raise ValueError("'countries' unclear: Polska or Europa among them")
    if len(values) == len(rows):
        raise ValueError("distinct countries equal rows: not a test of distinctness")
    return distinct_exp(values)


def distinct_partners(rows: list[R.Row]) -> dict:
    raw = {R.clean(r.partner) for r in rows}
    if len(raw) != len({R.fold(p) for p in raw}):
        raise ValueError("distinct partners depend on spelling")
    return distinct_exp(raw)


def yes_exp(rows: list[R.Row], lang: str) -> dict:
    if not rows:
        raise ValueError("a Yes needs evidence rows")
    return {"answer_starts_with": ["Tak" if lang == "pl" else "Yes"], "rows_include": R.keys(rows)}


def no_answer_exp(rows: list[R.Row], lang: str) -> dict:
    if rows:
        raise ValueError(f"expected no rows, got {R.keys(rows)}")
    return {"answer_starts_with": ["Nie" if lang == "pl" else "No"]}


def after(rows, y):
    return _stable(R.after, rows, y)


def distinct_units(rows: list[R.Row], *, allow_equal: bool = False) -> dict:
    values = {r.unit for r in rows}
    if len(values) == len(rows) and not allow_equal:
        raise ValueError("distinct units equal rows: not a test of distinctness")
    return distinct_exp(values)


def unsupported_exp(stem: str, real: list[R.Row], question: str) -> dict:
    """The constraint is reported; rows, if any, come from the real filters only."""
    if R.fold(stem) not in R.fold(question):
        raise ValueError(f"{stem!r} is not in the question {question!r}")
    text = " | ".join(R.fold(r.other_form) + " " + R.fold(r.partner) for r in real)
    if R.fold(stem) in text:
        raise ValueError(f"{stem!r} occurs in the rows asked about: constraint may apply")
    if not real:
        raise ValueError("the real filters select no rows")
    keys = R.keys(real)
    return {
        "any_of": [
            {"not_applied": [stem], "rows_within": keys},
            {"not_applied": [stem], "no_data": True},
        ]
    }


# ---- a round's file: numbered, checked for repeats, written with its table ----------------


def asked_elsewhere(out: Path) -> set[str]:
    """The questions (turns joined) of every gold file here but `out`."""
    asked = set()
    for path in sorted(out.parent.glob("*.jsonl")):
        if path != out:
            for obj in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
                asked.add(" || ".join(obj.get("turns") or [obj.get("question", "")]))
    return asked


def numbered(made: list[dict], prefix: str, out: Path) -> list[dict]:
    """Cases with ids numbered per language ('r7-pl-001'); a question asked twice, or asked in
    another gold file, is refused."""
    per_lang: Counter = Counter()
    cases = []
    for case in made:
        per_lang[case["lang"]] += 1
        cases.append({"id": f"{prefix}-{case['lang']}-{per_lang[case['lang']]:03d}", **case})
    asked = [" || ".join(case["turns"]) for case in cases]
    twice = sorted(q for q, n in Counter(asked).items() if n > 1)
    elsewhere = sorted(set(asked) & asked_elsewhere(out))
    if twice or elsewhere:
        raise ValueError(f"questions asked twice {twice} or in another gold file {elsewhere}")
    return cases


def write_round(cases: list[dict], out: Path, width: int = 24) -> None:
    """The cases as JSON lines, and a table of categories by language on stdout."""
    out.write_text(
        "".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), encoding="utf-8"
    )
    table = Counter((case["category"], case["lang"]) for case in cases)
    print(f"{len(cases)} cases -> {out.relative_to(R.PROJECT)}")
    for category in dict.fromkeys(case["category"] for case in cases):
        pl, en = table[category, "pl"], table[category, "en"]
        print(f"  {category:{width}} pl {pl:3}  en {en:3}  all {pl + en:3}")
    langs = Counter(case["lang"] for case in cases)
    print(f"  {'(all)':{width}} pl {langs['pl']:3}  en {langs['en']:3}  all {len(cases):3}")
