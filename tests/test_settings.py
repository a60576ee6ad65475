"""Settings come from COUNTERSIGHT_* variables, and every one of them is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from countersight.errors import SettingsError
from countersight.settings import ENV_VARS, PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_and_every_documented_one_exists() -> None:
    documented = set(
        re.findall(r"`COUNTERSIGHT_([A-Z_]+)`", (ROOT / "docs/settings.md").read_text())
    )
    assert documented == set(ENV_VARS)


def test_no_module_reads_an_undeclared_variable() -> None:
    used: set[str] = set()
    for path in (ROOT / "src" / "countersight").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'PREFIX \+ "([A-Z_]+)"', text))
        used |= set(re.findall(r"COUNTERSIGHT_([A-Z][A-Z_]+)", text))
    assert used <= set(ENV_VARS)


def test_defaults_and_overrides() -> None:
    settings = Settings.from_env({"HOME": "/home/ana"})
    assert settings.db == Path("/home/ana/.local/share/countersight/countersight.db")
    assert settings.http_timeout == 60.0
    custom = Settings.from_env(
        {PREFIX + "DB": "/srv/cs.db", PREFIX + "HTTP_TIMEOUT": "5", "XDG_DATA_HOME": "/x"}
    )
    assert (custom.db, custom.http_timeout) == (Path("/srv/cs.db"), 5.0)
    assert Settings.from_env({"XDG_DATA_HOME": "/data"}).db == Path(
        "/data/countersight/countersight.db"
    )


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_a_bad_timeout_is_refused_with_the_variable_named(value: str) -> None:
    with pytest.raises(SettingsError, match="COUNTERSIGHT_HTTP_TIMEOUT"):
        Settings.from_env({PREFIX + "HTTP_TIMEOUT": value})
