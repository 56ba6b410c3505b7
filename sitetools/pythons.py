"""Provide the Pythons this machine lacks: 3.14 and 3.15 from Debian's newest release, in a root of their own.

``make pythons`` (``python -m sitetools pythons``).  The version matrix runs
every example on every Python from 3.6 to 3.15, and the site records its
outputs with 3.14.  pyenv, ``setup-python`` or a system package usually
provide them; on a Debian machine that reaches only the package registries
(this project's own machines, and its CI), none does: 3.14 and 3.15 are only
in Debian *sid*, and their binaries need a newer C library than the host's.

So this module builds a small sid root filesystem with ``debootstrap`` (the
Debian package, unpacked where it is, without installing it), once per
machine, in :data:`HOME` (``~/.cache/asyncio-by-example/pythons``, shared by
every clone), and writes a launcher per version in ``HOME/bin``:
``python3.14`` runs sid's ``/usr/bin/python3.14`` inside that root, in a
private mount namespace where the host's ``/tmp``, ``/dev``, ``/proc`` and the
folders of its working directory and arguments are visible at their own
paths.  The mounts disappear with the process; ``sys.executable`` inside is
sid's own interpreter, so a program that starts ``sys.executable`` works too.
:mod:`sitetools.interpreters` finds the launchers like any other Python.

It needs root (``unshare`` and ``chroot``); elsewhere it says why and what to
do instead, and fails only under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The versions provided here, when the machine has no other.
PROVIDED = ("3.14", "3.15")
#: Where the root filesystem and the launchers live: once per machine, for every clone.
HOME = Path(
    os.environ.get("SITETOOLS_PYTHONS_HOME")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asyncio-by-example" / "pythons"
)
ROOT = HOME / "sid"
BIN = HOME / "bin"
#: The Debian archive (the one apt uses on Debian machines), and the release that has 3.14 and 3.15.
MIRROR = os.environ.get("SITETOOLS_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SUITE = "sid"

LAUNCHER = """#!/bin/sh
# Python {version} of Debian {suite}, run in its root filesystem {root}
# (written by `make pythons`, sitetools/pythons.py). Its binaries need a newer C
# library than this host's, so it runs there, in a private mount namespace in
# which the host's /tmp, /dev, /proc and the top folders of the working directory
# and of every absolute path among the arguments (and of where they lead, through
# symbolic links) are visible at their own paths. The mounts go away with the process.
exec unshare --mount --propagation private /bin/sh -eu -c '
root=$1; python=$2; shift 2
for given in /tmp /dev /proc "$PWD" "$@"; do
  case $given in /*) ;; *) continue ;; esac
  for path in "$given" "$(readlink -f -- "$given" 2>/dev/null || true)"; do
  case $path in /*) top=/$(printf "%s" "$path" | cut -d/ -f2) ;; *) continue ;; esac
  case $top in /|/usr|/bin|/sbin|/lib|/lib32|/lib64|/libx32|/etc|/var|/boot|/sys|/run) continue ;; esac
  [ -d "$top" ] || continue
  mountpoint -q "$root$top" && continue
  mkdir -p "$root$top"
  mount --rbind "$top" "$root$top"
  done
done
exec chroot "$root" /usr/bin/env -C "$PWD" "$python" "$@"
' sh '{root}' /usr/bin/python{version} "$@"
"""


def launcher(version: str) -> Path:
    return BIN / f"python{version}"


def missing() -> list[str]:
    """The provided versions whose launcher is not here or does not run."""
    return [version for version in PROVIDED if not _works(launcher(version), version)]


def _works(path: Path, version: str) -> bool:
    if not path.is_file():
        return False
    try:
        out = subprocess.run(
            [str(path), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == version


def why_not_here() -> str:
    """Why this machine cannot provide them ("" if it can)."""
    if sys.platform != "linux":
        return "it builds a Debian root filesystem, which needs Linux"
    if os.geteuid() != 0:
        return "it needs root (unshare and chroot); run `sudo make pythons`, or install the Pythons with pyenv"
    for tool in ("unshare", "chroot", "mountpoint", "apt-get", "dpkg-deb"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return ""


def provide() -> int:
    """Make 3.14 and 3.15 available here (a no-op when they already are); return an exit status."""
    from sitetools import interpreters

    elsewhere = {version: interpreters.find(version, provided=False) for version in PROVIDED}
    if ROOT.is_dir():
        _write_launchers()  # a newer template reaches every machine
    wanted = [version for version in missing() if elsewhere[version] is None]
    for version in PROVIDED:
        if elsewhere[version]:
            print(f"Python {version}: {elsewhere[version]}")
        elif version not in wanted:
            print(f"Python {version}: {launcher(version)} (Debian {SUITE}, provided earlier)")
    if not wanted:
        return 0
    reason = why_not_here()
    if reason:
        print(f"Python {', '.join(wanted)} cannot be provided here: {reason}.")
        print("The version matrix skips them here, with this reason; CI runs them.")
        return 1 if os.environ.get("CI") == "true" else 0
    started = time.perf_counter()
    if not all((ROOT / "usr" / "bin" / f"python{version}").is_file() for version in PROVIDED):
        _debootstrap()
    _write_launchers()
    still = missing()
    if still:
        print(f"Python {', '.join(still)} does not run from {ROOT}: delete {HOME} and run `make pythons` again")
        return 1
    for version in PROVIDED:
        print(f"Python {version}: {launcher(version)} (Debian {SUITE})")
    print(f"provided in {time.perf_counter() - started:.0f} s ({_size(ROOT)} in {ROOT})")
    return 0


def _write_launchers() -> None:
    BIN.mkdir(parents=True, exist_ok=True)
    for version in PROVIDED:
        path = launcher(version)
        text = LAUNCHER.format(version=version, suite=SUITE, root=ROOT)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            path.chmod(0o755)


def _debootstrap() -> None:
    """Build the root filesystem: debootstrap from its Debian package, not installed, then the two Pythons."""
    HOME.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="debootstrap-", dir=HOME) as work:
        print(f"building a Debian {SUITE} root with Python {', '.join(PROVIDED)} in {ROOT} (about 1-2 minutes)")
        subprocess.run(["apt-get", "download", "debootstrap"], cwd=work, check=True, capture_output=True)
        package = next(Path(work).glob("debootstrap_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(package), str(Path(work) / "unpacked")], check=True)
        unpacked = Path(work) / "unpacked"
        building = Path(work) / "root"
        log = Path(work) / "debootstrap.log"
        with log.open("w") as output:
            completed = subprocess.run(
                [
                    str(unpacked / "usr" / "sbin" / "debootstrap"),
                    "--variant=minbase",
                    "--include=" + ",".join(f"python{version}" for version in PROVIDED),
                    SUITE,
                    str(building),
                    MIRROR,
                ],
                env={**os.environ, "DEBOOTSTRAP_DIR": str(unpacked / "usr" / "share" / "debootstrap")},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        if completed.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            raise SystemExit("debootstrap failed (the last lines of its log):\n" + "\n".join(tail))
        if ROOT.exists():
            shutil.rmtree(ROOT)
        building.rename(ROOT)


def _size(path: Path) -> str:
    out = subprocess.run(["du", "-sh", str(path)], capture_output=True, text=True)
    return out.stdout.split()[0] if out.returncode == 0 and out.stdout else "?"
