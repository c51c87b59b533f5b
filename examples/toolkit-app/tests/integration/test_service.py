import os
import urllib.request


def test_health_answers():
    port = os.environ.get("SERVICE_PORT", "18080")
    assert urllib.request.urlopen(f"http://127.0.0.1:{port}/health").read() == b"ok"
