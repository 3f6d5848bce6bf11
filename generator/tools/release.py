"""Collect a release's assets: every edition's ZIP and SHA256SUMS, a tarball of the site, and the
release notes (the CHANGELOG.md section of the version).

    python -m generator.tools.release --tag v2022.1 [--site site] [--out release]
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import shutil
import tarfile
from pathlib import Path

from .. import paths


def changelog_section(text: str, version: str) -> str:
    """The body of '## [version]' in a Keep-a-Changelog file ('' if there is none)."""
    pattern = rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## \[|\Z)"
    m = re.search(pattern, text, flags=re.M | re.S)
    return m.group(1).strip() if m else ""


def site_tarball(site: Path, target: Path, mtime: int = 0) -> None:
    """A reproducible .tar.gz of the site (sorted entries, fixed owner and time)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(site.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=f"site/{path.relative_to(site).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with open(path, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime, filename="") as gz:
        gz.write(buf.getvalue())


def collect(tag: str, site: Path, out: Path, changelog: Path) -> list[Path]:
    version = tag.removeprefix("v")
    notes = changelog_section(changelog.read_text(encoding="utf-8"), version)
    if not notes:
        raise SystemExit(f"CHANGELOG.md hat keinen Abschnitt „## [{version}]“ – bitte ergänzen.")
    shutil.rmtree(out, ignore_errors=True)
    assets = out / "assets"
    assets.mkdir(parents=True)
    written = []
    for edition in sorted(p for p in (site / paths.DATA_URL).iterdir() if p.is_dir()):
        for z in edition.glob("*.zip"):
            written.append(Path(shutil.copyfile(z, assets / z.name)))
        written.append(Path(shutil.copyfile(edition / "SHA256SUMS", assets / f"SHA256SUMS-{edition.name}")))
    tarball = assets / f"sozialbericht-site-{tag}.tar.gz"
    site_tarball(site, tarball)
    written.append(tarball)
    (out / "NOTES.md").write_text(notes + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tag", required=True)
    p.add_argument("--site", type=Path, default=paths.SITE_DIR)
    p.add_argument("--out", type=Path, default=paths.ROOT / "release")
    p.add_argument("--changelog", type=Path, default=paths.ROOT / "CHANGELOG.md")
    args = p.parse_args(argv)
    if not re.fullmatch(r"v\d{4}\.\d+", args.tag):
        raise SystemExit(f"Der Tag „{args.tag}“ hat nicht die Form v<Jahr>.<n>, z. B. v2022.1.")
    for path in collect(args.tag, args.site, args.out, args.changelog):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
