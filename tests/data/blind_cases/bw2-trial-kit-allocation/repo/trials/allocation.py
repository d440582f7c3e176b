"""Permuted-block randomization.

The allocation list of a study is fully determined by its seed, its block size
and the arm ratios, so it can be regenerated (and audited) at any time; the
service only has to know the next free sequence number.
"""
import hashlib
import random


class AllocationError(Exception):
    pass


def block_template(arms, block_size):
    """One block: every arm repeated according to its ratio, filling ``block_size``."""
    weights = sum(arm.ratio for arm in arms)
    if weights == 0 or block_size % weights:
        raise AllocationError(f"block size {block_size} is not a multiple of the arm ratios ({weights})")
    per_unit = block_size // weights
    template = []
    for arm in arms:
        template.extend([arm.code] * arm.ratio * per_unit)
    return template


def arm_code_for(study, arms, sequence_number):
    """The arm code at 1-based ``sequence_number`` in the study's allocation list."""
    if sequence_number < 1:
        raise AllocationError("sequence numbers start at 1")
    arms = sorted(arms, key=lambda a: a.code)
    template = block_template(arms, study.block_size)
    block_index, offset = divmod(sequence_number - 1, len(template))
    digest = hashlib.sha256(f"{study.randomization_seed}:{block_index}".encode()).hexdigest()
    block = list(template)
    random.Random(int(digest[:16], 16)).shuffle(block)
    return block[offset]
