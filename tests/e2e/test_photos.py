#!/usr/bin/python3
"""End-to-end: photos as phones take them are published resized, upright and without
their metadata, in WebP with a JPEG fallback, from a cache that spares the next build.

The photos are made here: a 4000 × 3000 JPEG of about 4.7 MB (libvips' command line), then
given an iPhone's EXIF with exiftool (Orientation 6: the phone was held upright; GPS: the
place it was taken; XMP), and a HEIC written by libvips through libheif. Every published
image is read back with exiftool.

Run: NASTAVNIK=build/nastavnik NASTAVNIK_REPO=. /usr/bin/python3 tests/e2e/test_photos.py
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import nastavnik_e2e as e2e  # noqa: E402

STORY = "school-7/stories/pervyy-god.md"  # image line 5, photos line 6, the body's photo line 10
PHOTOS = [f"foto-{i}.jpg" for i in range(1, 5)]
LARGEST = 1440
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif")
# What exiftool may say of a published image: the file itself and its pixels, nothing the
# camera or the phone wrote.
ALLOWED_GROUPS = {"SourceFile", "ExifTool", "System", "File", "JFIF", "RIFF", "PNG", "Composite"}
ALLOWED_COMPOSITE = {"Composite:ImageSize", "Composite:Megapixels"}

TOOLS = all(shutil.which(t) for t in ("vips", "exiftool"))


def run(*args):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"{args[0]} failed: {proc.stderr}")
    return proc.stdout


def make_photo(folder: Path, name: str, width: int, height: int, seed: int) -> Path:
    """A photo-like JPEG: smooth colour blotches and a fine grain, as a phone's: about 4.7 MB
    at 4000 × 3000 and 90 % quality, about 90 KB as a 960 px WebP (pure noise would be
    three times as much, which no photo is)."""
    w, h = -(-width // 32), -(-height // 32)
    bands = []
    for band in range(3):
        p = folder / f"{name}-b{band}.v"
        run("vips", "gaussnoise", p, w, h, "--sigma", 50, "--mean", 128, "--seed", seed * 10 + band)
        bands.append(str(p))
    run("vips", "bandjoin", " ".join(bands), folder / f"{name}-c.v")
    run("vips", "resize", folder / f"{name}-c.v", folder / f"{name}-r.v", 32, "--kernel", "cubic")
    run("vips", "gaussnoise", folder / f"{name}-g.v", w * 32, h * 32, "--sigma", 6, "--mean", 0, "--seed", seed)
    run("vips", "add", folder / f"{name}-r.v", folder / f"{name}-g.v", folder / f"{name}-s.v")
    run("vips", "cast", folder / f"{name}-s.v", folder / f"{name}-u.v", "uchar")
    run("vips", "extract_area", folder / f"{name}-u.v", folder / f"{name}-e.v", 0, 0, width, height)
    out = folder / f"{name}.jpg"
    run("vips", "copy", folder / f"{name}-e.v", f"{out}[Q=90]")
    for p in folder.glob(f"{name}-*.v"):
        p.unlink()
    return out


def as_iphone(path: Path, n: int, orientation=6):
    """The EXIF of an iPhone photo: held upright (Orientation 6), where and when it was taken."""
    run("exiftool", "-q", "-overwrite_original", "-n", f"-Orientation={orientation}", "-Make=Apple", "-Model=iPhone 13",
        f"-GPSLatitude=53.{7000 + n}", "-GPSLatitudeRef=N", "-GPSLongitude=91.4300", "-GPSLongitudeRef=E",
        f"-DateTimeOriginal=2025:05:{10 + n:02d} 10:00:00", "-XMP-dc:Creator=Мама Пети", path)


def metadata(paths):
    """exiftool's reading of every file: {path: {"Group:Tag": value}}."""
    out = {}
    paths = [str(p) for p in paths]
    for i in range(0, len(paths), 200):
        for item in json.loads(run("exiftool", "-j", "-a", "-G1", "-n", *paths[i:i + 200])):
            out[item["SourceFile"]] = item
    return out


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@unittest.skipUnless(TOOLS, "needs libvips' command line (libvips-tools) and exiftool (libimage-exiftool-perl): scripts/setup.sh "
                            "installs them with NASTAVNIK_TEST_DEPS=1")
class Photos(e2e.TempDirTestCase):
    @classmethod
    def setUpClass(cls):
        e2e.ensure_binary()
        cls._sources = tempfile.TemporaryDirectory(prefix="nastavnik-photos-")
        cls.sources = Path(cls._sources.name)
        cls.base = make_photo(cls.sources, "base", 4000, 3000, 1)

    @classmethod
    def tearDownClass(cls):
        cls._sources.cleanup()

    def setUp(self):
        super().setUp()
        # The test's own cache: what it counts does not depend on earlier runs.
        self._cache = os.environ.get("NASTAVNIK_CACHE")
        os.environ["NASTAVNIK_CACHE"] = str(self.tmp / "cache")
        self.content = self.copy_minimal()
        self.out = self.tmp / "public"
        files = self.content / "school-7" / "files"
        # Four phone photos: the same pixels, each with its own place and date (own bytes).
        for i, name in enumerate(PHOTOS, 1):
            shutil.copy(self.base, files / name)
            as_iphone(files / name, i)
        shutil.copy(self.base, files / "oblozhka.jpg")
        as_iphone(files / "oblozhka.jpg", 9, orientation=1)
        shutil.copy(self.base, files / "doska.jpg")
        as_iphone(files / "doska.jpg", 10, orientation=1)
        e2e.write(self.content / STORY,
                  "---\n"
                  "title: \"Первый год в профессии\"\n"
                  "date: 2025-05-20\n"
                  "form: teacher-teacher\n"
                  "image: files/oblozhka.jpg\n"
                  f"photos: [{', '.join('files/' + p for p in PHOTOS)}]\n"
                  "---\n"
                  "Открытый урок и разбор.\n"
                  "\n"
                  "![Доска после урока](files/doska.jpg)\n")
        self.sources_of = {sha(p): p.name for p in files.iterdir() if p.suffix in IMAGE_SUFFIXES}

    def tearDown(self):
        if self._cache is None:
            os.environ.pop("NASTAVNIK_CACHE", None)
        else:
            os.environ["NASTAVNIK_CACHE"] = self._cache
        super().tearDown()

    def build(self, *extra, cache=None):
        env = {"NASTAVNIK_CACHE": str(cache)} if cache else None
        proc = e2e.run_nastavnik(["build", "--content", self.content, "--out", self.out, "--theme", e2e.THEME, *extra],
                                 cwd=self.tmp, extra_env=env)
        self.assertEqual(proc.returncode, 0, e2e.describe(proc))
        return proc

    def images(self):
        return [p for p in e2e.files_under(self.out) if p.suffix.lower() in IMAGE_SUFFIXES]

    def picture_stats(self, proc):
        m = re.search(r"фотографии: (\d+); файлов из кеша: (\d+), закодировано: (\d+); прочитано для сверки: (\d+), "
                      r"разобрано заголовков: (\d+)", proc.stderr)
        self.assertTrue(m, e2e.describe(proc))
        return dict(zip(("pictures", "cached", "encoded", "read", "probed"), map(int, m.groups())))

    def assertClean(self, images):
        for path, tags in metadata(images).items():
            found = sorted(k for k in tags if k.split(":")[0] not in ALLOWED_GROUPS or
                           (k.startswith("Composite:") and k not in ALLOWED_COMPOSITE))
            self.assertEqual(found, [], f"{path} keeps metadata: {found}")
            self.assertFalse([k for k in tags if "GPS" in k], f"{path} keeps a location")

    # ------------------------------------------------------------------ tests --

    def test_phone_photos_are_published_upright_resized_and_without_metadata(self):
        proc = self.build("--stats")
        # Six photos of eight files each, and the fixture's 1 × 1 pictures (one file: two).
        self.assertEqual(self.picture_stats(proc)["encoded"], 6 * 8 + 2)
        story = self.out / "school-7" / "stories" / "pervyy-god"
        images = self.images()
        published = {p.relative_to(self.out).as_posix() for p in images}
        for name in ("foto-1", "foto-4", "oblozhka", "doska"):
            for w in (240, 480, 960, 1440):
                for ext in (".webp", ".jpg"):
                    self.assertIn(f"school-7/stories/pervyy-god/{name}-{w}{ext}", published)
        # Never as uploaded: no published file is a source, none is wider than the largest size.
        for p in images:
            self.assertNotIn(sha(p), self.sources_of, f"{p} is an uploaded photo as it was")
            self.assertNotIn(p.name, [*PHOTOS, "oblozhka.jpg", "doska.jpg"])
        tags = metadata(images)
        for path, t in tags.items():
            size = t["Composite:ImageSize"]
            w, h = (int(v) for v in re.split(r"[x ]", str(size)))
            self.assertLessEqual(w, LARGEST, path)
            # Taken with the phone upright: stored 4000 × 3000, published standing.
            if "/foto-" in path:
                self.assertGreater(h, w, f"{path} is not turned by its EXIF orientation")
            if "/oblozhka-" in path:
                self.assertGreater(w, h, path)
        self.assertEqual(tags[str(story / "foto-1-1440.jpg")]["Composite:ImageSize"], "1440 1920")
        self.assertClean(images)
        # The check itself sees what a phone writes.
        with self.assertRaises(AssertionError):
            self.assertClean([self.content / "school-7" / "files" / "foto-1.jpg"])
        # The pages: srcset and sizes, width and height, lazy below the first image.
        page = (story / "index.html").read_text(encoding="utf-8")
        cover = re.search(r'<img class="illustration" src="[^"]*oblozhka-1440\.jpg"[^>]*>', page)
        self.assertTrue(cover, page)
        self.assertIn('width="1440" height="1080"', cover.group(0))
        self.assertNotIn("loading=", cover.group(0), "the first image loads at once")
        self.assertIn('sizes="(min-width: 62rem) 60rem, calc(100vw - 2rem)"', cover.group(0))
        photos = re.findall(r'<picture><source type="image/webp" srcset="[^"]*foto-\d-240\.webp 240w[^"]*1440w" sizes="[^"]+">'
                            r'<img src="[^"]*foto-\d-1440\.jpg" srcset="[^"]+" sizes="[^"]+" width="1440" height="1920" alt="[^"]+" '
                            r'loading="lazy" decoding="async"></picture>', page)
        self.assertEqual(len(photos), 4, page)
        body = re.search(r'<picture><source type="image/webp" srcset="doska-240\.webp 240w, doska-480\.webp 480w, doska-960\.webp 960w, '
                         r'doska-1440\.webp 1440w" sizes="[^"]+"><img src="doska-1440\.jpg" alt="Доска после урока" srcset="[^"]+" '
                         r'sizes="[^"]+" width="1440" height="1080" loading="lazy" decoding="async" /></picture>', page)
        self.assertTrue(body, page)
        self.assertEqual(e2e.broken_links(self.out, e2e.MINIMAL_BASE_URL), [], "every srcset file exists")
        self.assertNotIn("oblozhka.jpg", page)
        # The feed shows the same photos, their links absolute.
        self.assertIn("doska-1440.jpg", (self.out / "school-7" / "stories" / "rss.xml").read_text(encoding="utf-8"))

    def test_the_next_build_takes_every_photo_from_the_cache(self):
        first = self.picture_stats(self.build("--stats"))
        self.assertEqual(first["encoded"], 6 * 8 + 2)
        before = e2e.tree_hash(self.out)
        # Unchanged: nothing encoded, nothing even read (the stamps are known).
        again = self.picture_stats(self.build("--stats"))
        self.assertEqual((again["encoded"], again["read"], again["probed"]), (0, 0, 0), again)
        self.assertEqual(again["cached"], first["encoded"])
        self.assertEqual(e2e.tree_hash(self.out), before, "the same bytes from the cache")
        # A fresh checkout (new times, same bytes, as in CI): read and hashed, not decoded.
        for p in (self.content / "school-7" / "files").iterdir():
            os.utime(p, (p.stat().st_atime + 100, p.stat().st_mtime + 100))
        fresh = self.picture_stats(self.build("-v"))
        self.assertEqual((fresh["encoded"], fresh["probed"]), (0, 0), fresh)
        self.assertEqual(fresh["read"], first["pictures"])
        self.assertEqual(e2e.tree_hash(self.out), before)
        # A changed photo is encoded again, alone.
        as_iphone(self.content / "school-7" / "files" / "foto-2.jpg", 20)
        changed = self.picture_stats(self.build("--stats"))
        self.assertEqual(changed["encoded"], 8, changed)
        # Another cache, cold: the very same bytes.
        self.build(cache=self.tmp / "other-cache")
        self.assertTrue((self.tmp / "other-cache" / "pictures-1").is_dir())
        third = e2e.tree_hash(self.out)
        self.build()
        self.assertEqual(e2e.tree_hash(self.out), third, "a cold build writes what a warm one does")

    def test_iphone_heic_photo_is_converted(self):
        files = self.content / "school-7" / "files"
        heic = files / "IMG_0421.HEIC"
        run("vips", "resize", self.base, self.sources / "small.v", 0.3)
        try:
            run("vips", "heifsave", self.sources / "small.v", heic, "--compression", "hevc", "--Q", 60)
        except AssertionError as e:
            if not shutil.which("heif-enc"):
                self.skipTest(f"no HEVC encoder here to make a HEIC ({e})")
            run("vips", "copy", self.sources / "small.v", self.sources / "small.png")
            run("heif-enc", "-o", heic, self.sources / "small.png")
        as_iphone(heic, 30, orientation=1)
        self.assertIn("GPS", run("exiftool", "-G1", heic), "the HEIC carries a location before")
        e2e.write(self.content / STORY, (self.content / STORY).read_text(encoding="utf-8").replace(
            "image: files/oblozhka.jpg", "image: files/IMG_0421.HEIC"))
        self.build()
        story = self.out / "school-7" / "stories" / "pervyy-god"
        self.assertTrue((story / "img-0421-1200.jpg").is_file(), sorted(p.name for p in story.iterdir()))
        self.assertTrue((story / "img-0421-1200.webp").is_file())
        self.assertFalse([p for p in self.images() if p.suffix.lower() in (".heic", ".heif")], "no HEIC is published")
        self.assertEqual(metadata([story / "img-0421-1200.jpg"])[str(story / "img-0421-1200.jpg")]["Composite:ImageSize"], "1200 900")
        self.assertClean([p for p in self.images() if "img-0421" in p.name])
        self.assertIn('src="../../../school-7/stories/pervyy-god/img-0421-1200.jpg"',
                      (story / "index.html").read_text(encoding="utf-8"))

    def test_damaged_jpeg_is_an_error_at_the_line_that_shows_it(self):
        self.build()
        before = e2e.tree_hash(self.out)
        photo = self.content / "school-7" / "files" / "foto-3.jpg"
        data = photo.read_bytes()
        photo.write_bytes(data[: len(data) * 2 // 3])  # an upload cut short
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        column = "photos: [".__len__() + len("files/foto-1.jpg, files/foto-2.jpg, ") + 1
        self.assertIn(f"{STORY}:6:{column}: ошибка: файл «files/foto-3.jpg» повреждён или это не фотография", proc.stderr)
        self.assertIn("сохраните заново как JPEG", proc.stderr)
        self.assertEqual(e2e.tree_hash(self.out), before, "nothing is published")
        # `check` decodes what no build has encoded: it finds it too.
        check = e2e.run_nastavnik(["check", "--content", self.content], cwd=self.tmp)
        self.assertEqual(check.returncode, 1, e2e.describe(check))
        self.assertIn(f"{STORY}:6:{column}: ошибка: файл «files/foto-3.jpg» повреждён", check.stderr)
        # Not a photo at all.
        photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
        proc = e2e.build(self.content, self.out)
        self.assertEqual(proc.returncode, 1, e2e.describe(proc))
        self.assertIn(f"{STORY}:6:{column}: ошибка: файл «files/foto-3.jpg»", proc.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
