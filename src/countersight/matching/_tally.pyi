from array import array
from collections.abc import Sequence

def best(
    names: array[int],
    same: array[int],
    spans: Sequence[int],
    weights: Sequence[float],
    distinct: int,
    most: int,
) -> list[int]: ...
def owners(owner: array[int], names: list[int]) -> list[int]: ...
