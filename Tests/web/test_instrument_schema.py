"""docs/instrument.schema.json agrees with the kiosk's own reading of instruments.

The Swift half is Tests/KioskCoreTests/InstrumentSchemaAgreementTests.swift: it checks that the kiosk
accepts every instrument listed as valid here, without a single diagnostic, and rejects every file in
Tests/Fixtures/instruments/invalid/ with the code its name starts with. This half checks that the
schema accepts the same valid files (and the demo bundle's instruments) and rejects the same
invalid ones, so the two cannot drift apart unnoticed.
"""

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "docs" / "instrument.schema.json"
FIXTURES = ROOT / "Tests" / "Fixtures"

VALID = sorted((FIXTURES / "instruments" / "valid").glob("*.json")) + sorted(
    (FIXTURES / "bundles" / "clean" / "instruments").glob("*.json")
)
DEMO = sorted((ROOT / "Sources" / "kiosk" / "DemoBundle" / "instruments").glob("*.json"))
INVALID = sorted((FIXTURES / "instruments" / "invalid").glob("*.json"))


def relative(path):
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_there_are_files_to_compare():
    assert len(VALID) >= 5
    assert len(INVALID) >= 20


@pytest.mark.parametrize("path", VALID + DEMO, ids=relative)
def test_schema_accepts_what_the_kiosk_accepts(validator, path):
    instrument = json.loads(path.read_text(encoding="utf-8"))
    problems = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(instrument)]
    assert problems == []


@pytest.mark.parametrize("path", INVALID, ids=relative)
def test_schema_rejects_what_the_kiosk_rejects(validator, path):
    instrument = json.loads(path.read_text(encoding="utf-8"))
    assert not validator.is_valid(instrument), f"{path.name} should be rejected"
