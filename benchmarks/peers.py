"""The SPEC §1 rules written idiomatically with other libraries, for the benchmark only.

Each ``flag_*`` function takes the same records (canonical field names, text values, one
SKU line each, every record its own order) and returns the positions of the records it
rejects. Phone plausibility is a warning, never a rejection, so it is left out here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import pycountry

COUNTRIES: Final = frozenset(c.alpha_2 for c in pycountry.countries)
NUMBER: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
PHONE: Final = re.compile(r"[0-9()+\-]{1,15}")
KR_POSTAL: Final = re.compile(r"(?:0[1-9]|[1-5][0-9]|6[0-3])[0-9]{3}")
JP_POSTAL: Final = re.compile(r"[0-9]{3}-[0-9]{4}|[0-9]{7}")
OTHER_POSTAL: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{0,9}")
URL: Final = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
REQUIRED: Final = ("order_number", "recipient_name", "phone", "postal_code", "address", "sku")


def clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return unicodedata.normalize("NFC", text).strip()


def number(text: str) -> Decimal | None:
    if not NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def postal_ok(postal: str, country: str) -> bool:
    rule = {"KR": KR_POSTAL, "JP": JP_POSTAL}.get(country, OTHER_POSTAL)
    return rule.fullmatch(postal) is not None


# pydantic v2 ------------------------------------------------------------------------------


def pydantic_model() -> Any:
    from pydantic import BaseModel, ConfigDict, field_validator, model_validator

    class OrderRow(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

        order_number: str
        recipient_name: str
        phone: str
        postal_code: str
        address: str
        sku: str
        quantity: str
        country: str = ""
        product_url: str = ""
        paid_amount: str = ""
        order_amount: str = ""
        total_amount: str = ""

        @field_validator("*", mode="before")
        @classmethod
        def normalise(cls, value: Any) -> str:
            return clean(value)

        @field_validator(*REQUIRED)
        @classmethod
        def required(cls, value: str) -> str:
            if not value:
                raise ValueError("missing")
            return value

        @field_validator("recipient_name")
        @classmethod
        def name_length(cls, value: str) -> str:
            if len(value) > 20:
                raise ValueError("too_long")
            return value

        @field_validator("phone")
        @classmethod
        def phone_shape(cls, value: str) -> str:
            if not PHONE.fullmatch(value):
                raise ValueError("bad phone")
            return value

        @field_validator("country")
        @classmethod
        def country_code(cls, value: str) -> str:
            if value and value not in COUNTRIES:
                raise ValueError("bad_country")
            return value or "KR"

        @field_validator("quantity")
        @classmethod
        def quantity_range(cls, value: str) -> str:
            amount = number(value)
            if amount is None or amount != amount.to_integral_value():
                raise ValueError("bad quantity")
            if not 1 <= amount <= 1_000_000:
                raise ValueError("out_of_range")
            return value

        @field_validator("order_amount", "total_amount", "paid_amount")
        @classmethod
        def amount(cls, value: str) -> str:
            if value:
                parsed = number(value)
                if parsed is None or parsed < 0:
                    raise ValueError("bad amount")
            return value

        @field_validator("product_url")
        @classmethod
        def url(cls, value: str) -> str:
            if value and not URL.fullmatch(value):
                raise ValueError("bad_url")
            return value

        @model_validator(mode="after")
        def destination(self) -> OrderRow:
            self.country = self.country or "KR"  # a default skips the field validator
            if not postal_ok(self.postal_code, self.country):
                raise ValueError("bad_postal_code")
            if self.country == "JP":
                if not self.product_url:
                    raise ValueError("url_required")
                paid = number(self.paid_amount) if self.paid_amount else None
                if paid is None or paid != paid.to_integral_value():
                    raise ValueError("amount")
            return self

    return OrderRow


def flag_pydantic(records: Sequence[dict[str, Any]], model: Any) -> set[int]:
    from pydantic import ValidationError

    flagged = set()
    for position, record in enumerate(records):
        try:
            model.model_validate(record)
        except ValidationError:
            flagged.add(position)
    return flagged


# pandera ----------------------------------------------------------------------------------


def pandera_schema() -> Any:
    import pandas as pd
    import pandera.pandas as pa

    def text(**checks: Any) -> Any:
        return pa.Column(str, nullable=True, coerce=True, **checks)

    def row_ok(frame: Any) -> Any:
        country = frame["country"].where(frame["country"] != "", "KR")
        postal = [postal_ok(p, c) for p, c in zip(frame["postal_code"], country, strict=True)]
        japan = country == "JP"
        url_ok = ~japan | (frame["product_url"] != "")
        paid = [number(v) if v else None for v in frame["paid_amount"]]
        paid_ok = [
            (c != "JP") or (p is not None and p == p.to_integral_value())
            for c, p in zip(country, paid, strict=True)
        ]
        return url_ok & pd.Series(postal, index=frame.index) & pd.Series(paid_ok, index=frame.index)

    def quantity_ok(values: Any) -> Any:
        parsed = [number(v) for v in values]
        ok = [p is not None and p == p.to_integral_value() and 1 <= p <= 10**6 for p in parsed]
        return pd.Series(ok, index=values.index)

    def amount_ok(values: Any) -> Any:
        ok = [(not v) or ((n := number(v)) is not None and n >= 0) for v in values]
        return pd.Series(ok, index=values.index)

    return pa.DataFrameSchema(
        {
            **{field: text(checks=pa.Check.str_length(min_value=1)) for field in REQUIRED},
            "recipient_name": text(checks=pa.Check.str_length(1, 20)),
            "phone": text(checks=pa.Check.str_matches(r"^[0-9()+\-]{1,15}$")),
            "quantity": text(checks=pa.Check(quantity_ok, element_wise=False)),
            "country": text(checks=pa.Check(lambda s: (s == "") | s.isin(COUNTRIES))),
            "product_url": text(
                checks=pa.Check(lambda s: (s == "") | s.str.fullmatch(URL.pattern, case=False))
            ),
            "order_amount": text(checks=pa.Check(amount_ok)),
            "total_amount": text(checks=pa.Check(amount_ok)),
            "paid_amount": text(checks=pa.Check(amount_ok)),
        },
        checks=[pa.Check(row_ok)],
    )


def frame_of(records: Sequence[dict[str, Any]]) -> Any:
    import pandas as pd

    fields = (*REQUIRED, "quantity", "country", "product_url", "paid_amount", "order_amount",
              "total_amount")  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=list(fields)).fillna("")
    return frame.map(clean)


def flag_pandera(records: Sequence[dict[str, Any]], schema: Any) -> set[int]:
    import pandera.errors

    frame = frame_of(records)
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        index = errors.failure_cases["index"].dropna()
        return {int(i) for i in index}
    return set()


# frictionless ------------------------------------------------------------------------------


def flag_frictionless(records: Sequence[dict[str, Any]]) -> set[int]:
    """Per-field constraints only: frictionless has no cross-field rules (Japan customs,
    postal code by destination), so those rows are checked after it, in plain Python."""
    from frictionless import Resource, Schema, fields

    constraints: dict[str, dict[str, Any]] = {f: {"required": True} for f in REQUIRED}
    constraints["recipient_name"]["maxLength"] = 20
    constraints["phone"]["pattern"] = r"[0-9()+\-]{1,15}"
    constraints["country"] = {"pattern": "(|[A-Z]{2})"}
    schema = Schema(
        fields=[
            *[fields.StringField(name=f, constraints=c) for f, c in constraints.items()],
            fields.IntegerField(
                name="quantity", constraints={"required": True, "minimum": 1, "maximum": 10**6}
            ),
        ]
    )
    columns = [f.name for f in schema.fields]
    rows = [[clean(r.get(c)).replace(",", "") if c == "quantity" else clean(r.get(c))
             for c in columns] for r in records]  # fmt: skip
    resource = Resource(data=[columns, *rows], schema=schema)
    report = resource.validate(limit_errors=10**9)
    flagged = {row[0] - 2 for row in report.flatten(["rowNumber"]) if row[0]}
    for position, record in enumerate(records):
        country = clean(record.get("country")) or "KR"
        postal = clean(record.get("postal_code"))
        url, paid = clean(record.get("product_url")), clean(record.get("paid_amount"))
        if (
            (country not in COUNTRIES)
            or not postal_ok(postal, country)
            or (country == "JP" and (not url or not paid))
        ):
            flagged.add(position)
    return flagged
