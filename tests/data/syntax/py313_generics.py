from typing import Callable

type Pair[T] = tuple[T, T]
type Mapping = dict[str, int]


def first[T](items: list[T]) -> T:
    return items[0]


class Box[T: (int, str) = int](object):
    def get(self) -> T:
        return self.value


async def fetch[
    K,  # the key
    V,
](key: K) -> V:
    return await load(key)


def after():
    x = 1 / 0
    return x


class Repo[M]:
    def get(self, pk: int) -> M:
        return self.model.objects.get(pk=pk)

    def save(self, obj: M) -> None:
        obj.save()
