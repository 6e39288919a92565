"""The output's JSON Schema, generated from the models (``schemas/document.schema.json``)."""

from __future__ import annotations

import json

from .models import SCHEMA_VERSION, Document


def schema_dict() -> dict[str, object]:
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://sup-parse.invalid/schemas/document-{SCHEMA_VERSION}.schema.json"
    return schema


def schema_json() -> str:
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
