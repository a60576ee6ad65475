"""The store interface. Callers use only these methods, so another backend (PostgreSQL) can be
added without touching them. Writes replace a whole dataset in one transaction: readers see the
old version or the new one, never a mix, and a failed or killed import leaves the old one."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType

from countersight.model import DatasetInfo, DatasetVersion, Entity, Record, Relationship


class Store(ABC):
    @abstractmethod
    def datasets(self) -> list[DatasetVersion]:
        """The current version of every dataset, by name."""

    def dataset(self, name: str) -> DatasetVersion | None:
        for version in self.datasets():
            if version.name == name:
                return version
        return None

    @abstractmethod
    def replace_dataset(
        self,
        info: DatasetInfo,
        *,
        version: str,
        format: str,
        files: Sequence[str],
        records: Iterable[Record],
        warnings: Sequence[str] = (),
    ) -> DatasetVersion:
        """Atomically make ``records`` the content of dataset ``info.name``.

        ``records`` is consumed inside the transaction; if it raises, nothing changes.
        ``warnings`` is read after ``records`` is exhausted, so a reader may add to it."""

    @abstractmethod
    def history(self, name: str | None = None) -> list[DatasetVersion]:
        """Every version ever imported, newest first."""

    @abstractmethod
    def entities(self, entity_id: str) -> list[Entity]:
        """The entities with this id (one per dataset that has it)."""

    @abstractmethod
    def by_source_ref(self, source_ref: str, dataset: str | None = None) -> list[Entity]:
        """The entities a source lists under ``source_ref``."""

    @abstractmethod
    def iter_entities(self, datasets: Sequence[str] | None = None) -> Iterator[Entity]:
        """All entities (of the given datasets), in dataset then id order."""

    @abstractmethod
    def iter_relationships(self, datasets: Sequence[str] | None = None) -> Iterator[Relationship]:
        """All relationships (of the given datasets), in dataset then id order."""

    @abstractmethod
    def relationships_of(self, entity_id: str) -> list[Relationship]:
        """Relationships in which the entity is the source or the target."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
