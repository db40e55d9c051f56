"""The shape of what people write in YAML (the catalogue, the curation files), as pydantic
models, and one line naming the file, the key and what was expected when a file does not fit.

Checking the types here, at intake, is what keeps a wrong type from travelling into the
pipeline and failing there with a traceback (`occurrence: abc` reached `int()` in extraction,
`class: [x]` a set lookup, `reject: 5` a loop). Strict mode: YAML already gives each scalar
its type, and a string where a number belongs (`start: '0'`) is the curator's mistake to see,
not one to coerce silently. What needs the document or the ontology to check (does the quote
stand in the text, is the class a class of the ontology, do the offsets fall inside the text)
is checked where that is known (`intake.curation`, `intake.corpus`, `extract.curate`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from labourgraph.core.errors import LabourgraphError

_STRICT = ConfigDict(strict=True, extra="forbid", populate_by_name=False)
Kind = Literal["organisation", "person", "place", "task", "ai", "app"]


def _date_value(value: object) -> object:
    """A date as YAML gives it: a string, a year or a date (the format is checked later)."""
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, (str, int, dt.date))
    ):
        raise ValueError("expected a date such as 2020, 2020-04 or 2020-04-24")
    return value


DateValue = Annotated[Any, AfterValidator(_date_value)]


class CuratedEntity(BaseModel):
    """An entity the curator adds (or re-classes), at its quote."""

    model_config = _STRICT
    label: str = Field(min_length=1)
    kind: Kind = "organisation"
    cls: str = Field(alias="class", min_length=1)
    quote: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)


class CuratedRelation(BaseModel):
    """A relation the curator adds between two entities of the document, at its quote."""

    model_config = _STRICT
    subject: str = Field(min_length=1)
    property: str = Field(min_length=1)
    object: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)


class Rejection(BaseModel):
    """`{entity: kind/label}` or `{relation: [subject, property, object]}`: exactly one."""

    model_config = _STRICT
    entity: str | None = Field(default=None, min_length=1)
    relation: list[str] | None = Field(default=None, min_length=3, max_length=3)

    @model_validator(mode="after")
    def _exactly_one(self) -> Rejection:
        if (self.entity is None) == (self.relation is None):
            raise ValueError("expected exactly one of 'entity' or 'relation'")
        return self


class CurationFile(BaseModel):
    """One curation file: the document it curates, and what it adds and rejects."""

    model_config = _STRICT
    document: str = Field(pattern=r"^[A-Za-z0-9._~-]+\.txt$")
    entities: list[CuratedEntity] | None = None
    relations: list[CuratedRelation] | None = None
    reject: list[Rejection] | None = None


class CataloguePart(BaseModel):
    """One article of a file that holds several (`corpus.Part` once checked on the text)."""

    model_config = _STRICT
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    title: str
    date: DateValue = None
    author: str | None = None


class CatalogueEntry(BaseModel):
    """A document's metadata (`corpus.ENTRY_KEYS`)."""

    model_config = _STRICT
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    interviewer: str | None = None
    date: DateValue = None
    language: str | None = None
    genre: str | None = None
    url: str | None = None
    license: str | None = None
    parts: list[CataloguePart] | None = None


class Catalogue(BaseModel):
    """`catalogue.yaml`: the entries by document file name."""

    model_config = _STRICT
    documents: dict[str, CatalogueEntry] | None = None


def check(path: Path, data: Any, model: type[BaseModel]) -> None:
    """Raise one `LabourgraphError` line naming `path`, the key and what was expected, if
    `data` (a parsed YAML document) does not fit `model`.

    >>> check(Path("c.yaml"), {"document": "a.txt", "entities": [{"label": "X"}]}, CurationFile)
    Traceback (most recent call last):
    ...
    labourgraph.core.errors.LabourgraphError: c.yaml: entities, item 1, class: required key missing
    """
    try:
        model.model_validate(data)
    except ValidationError as err:
        raise LabourgraphError(f"{path}: {describe(err.errors()[0])}") from None


def describe(error: Any) -> str:
    """`key, item N, key: what was expected (got …)` for one pydantic error."""
    where = ", ".join(
        f"item {part + 1}" if isinstance(part, int) else str(part) for part in error.get("loc", ())
    )
    kind = error.get("type", "")
    if kind == "missing":
        what = "required key missing"
    elif kind == "extra_forbidden":
        what = "unknown key"
    else:
        message = str(error.get("msg", "invalid value"))
        message = message.removeprefix("Value error, ")
        message = message.replace("Input should be", "expected").replace("Input", "value")
        message = message.replace("String should match pattern", "expected a name matching")
        message = message.replace("List should have", "expected a list of").replace(
            " after validation", ""
        )
        got = error.get("input")
        shown = repr(got)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        what = f"{message} (got {shown})"
    return f"{where}: {what}" if where else what
