from collections import Counter
from types import SimpleNamespace

import pytest

from trials.allocation import AllocationError, arm_code_for, block_template


def arms(*codes_and_ratios):
    return [SimpleNamespace(code=c, ratio=r) for c, r in codes_and_ratios]


def test_every_block_is_balanced():
    study = SimpleNamespace(block_size=4, randomization_seed="seed")
    a = arms(("A", 1), ("P", 1))
    for block in range(5):
        codes = [arm_code_for(study, a, block * 4 + i) for i in range(1, 5)]
        assert Counter(codes) == {"A": 2, "P": 2}


def test_allocation_is_reproducible():
    study = SimpleNamespace(block_size=6, randomization_seed="seed")
    a = arms(("A", 2), ("P", 1))
    first = [arm_code_for(study, a, n) for n in range(1, 13)]
    assert first == [arm_code_for(study, a, n) for n in range(1, 13)]
    assert Counter(first) == {"A": 8, "P": 4}


def test_block_size_must_fit_the_ratios():
    with pytest.raises(AllocationError):
        block_template(arms(("A", 2), ("P", 1)), 4)
