import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import greet  # noqa: E402


def test_greets_by_name():
    assert greet("ada") == "hello, ada"


def test_greets_the_world_without_a_name():
    assert greet("  ") == "hello, world"
