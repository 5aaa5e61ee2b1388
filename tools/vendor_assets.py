"""Unpack the pinned front-end packages of tools/vendor.lock into _vendor/.

Each package is fetched with ``npm pack`` (the npm registry is the only source),
its integrity is compared with the lock file, and only the listed paths are
kept. Run by ``make``; does nothing when _vendor/ already matches the lock file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "tools" / "vendor.lock"
DEST = ROOT / "_vendor"
STAMP = DEST / ".lock-sha256"


def entries():
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            spec, integrity, src, dst = line.split()
            yield spec, integrity, src, dst


def copy_own_static() -> None:
    """Our own small scripts and styles, served beside the vendored ones (always refreshed)."""
    shutil.copytree(ROOT / "tools" / "static", DEST, dirs_exist_ok=True)


def main() -> int:
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        copy_own_static()
        return 0
    if DEST.exists():
        shutil.rmtree(DEST)
    DEST.mkdir()
    with tempfile.TemporaryDirectory() as tmp:
        for spec, integrity, src, dst in entries():
            out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", tmp],
                                 check=True, capture_output=True, text=True).stdout
            tgz = Path(tmp) / json.loads(out)[0]["filename"]
            algo, expected = integrity.split("-", 1)
            actual = base64.b64encode(hashlib.new(algo, tgz.read_bytes()).digest()).decode()
            if actual != expected:
                print(f"vendor: integrity mismatch for {spec}", file=sys.stderr)
                return 1
            unpacked = Path(tmp) / spec.replace("/", "_")
            with tarfile.open(tgz) as tar:
                tar.extractall(unpacked, filter="data")
            source = unpacked / "package" / src
            target = DEST / dst
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
            print(f"vendor: {spec} -> _vendor/{dst}")
    copy_own_static()
    STAMP.write_text(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
