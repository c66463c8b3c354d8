#!/usr/bin/python3
"""Gives a bench corpus (../shared/bench/make_corpus.py) phone-like photos: every JPEG of its
organisations' files/ folders (8 × 8 placeholders: two per organisation, shown by about a
thousand pages) is replaced by a photo-like JPEG of WIDTHxHEIGHT with an iPhone's EXIF
orientation, each with its own bytes. For measuring builds with photos, cold and warm cache:

  cp -al /dev/shm/b/c10k /dev/shm/b/c10k-photos      # hard links: the text is shared
  bench/add_photos.py /dev/shm/b/c10k-photos --size 2000x1500
  rm -rf /dev/shm/b/.nastavnik-cache                 # cold
  build/nastavnik build --content /dev/shm/b/c10k-photos --out /dev/shm/b/out --stats

Needs libvips' command line (libvips-tools). The photos are made from one base (smooth
colour blotches and a fine grain, as tests/e2e/test_photos.py makes them) with a JPEG
comment of their own, so each is a photo of its own to the cache.
"""
import argparse
import subprocess
import tempfile
from pathlib import Path


def run(*args):
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


def base_photo(folder: Path, width: int, height: int) -> bytes:
    w, h = -(-width // 32), -(-height // 32)
    for band in range(3):
        run("vips", "gaussnoise", folder / f"b{band}.v", w, h, "--sigma", 50, "--mean", 128, "--seed", band + 1)
    run("vips", "bandjoin", " ".join(str(folder / f"b{b}.v") for b in range(3)), folder / "c.v")
    run("vips", "resize", folder / "c.v", folder / "r.v", 32, "--kernel", "cubic")
    # The grain of a 12 Mpx phone photo, as fine at any size (smaller photos were scaled down).
    grain = max(2, round(6 * width / 4000))
    run("vips", "gaussnoise", folder / "g.v", w * 32, h * 32, "--sigma", grain, "--mean", 0, "--seed", 9)
    run("vips", "add", folder / "r.v", folder / "g.v", folder / "s.v")
    run("vips", "cast", folder / "s.v", folder / "u.v", "uchar")
    run("vips", "extract_area", folder / "u.v", folder / "e.v", 0, 0, width, height)
    run("vips", "copy", folder / "e.v", f"{folder / 'base.jpg'}[Q=90]")
    return (folder / "base.jpg").read_bytes()


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The JPEG with a COM segment after its SOI, and an APP1 EXIF of orientation 6."""
    comment = text.encode()
    com = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    tiff = b"II*\x00\x08\x00\x00\x00" + b"\x01\x00" + b"\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00" + b"\x00\x00\x00\x00"
    exif = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    return jpeg[:2] + app1 + com + jpeg[2:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--size", default="2000x1500", help="WIDTHxHEIGHT of the photos (default 2000x1500)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        base = base_photo(Path(tmp), width, height)
    photos = sorted(args.corpus.glob("*/files/*.jpg"))
    for i, path in enumerate(photos):
        path.unlink()  # a hard link of the corpus it was copied from stays as it was
        path.write_bytes(with_comment(base, f"photo {i}: {path.relative_to(args.corpus)}"))
    print(f"{len(photos)} photos of {width}x{height}, {len(base) // 1024} KB each, in {args.corpus}")


if __name__ == "__main__":
    main()
