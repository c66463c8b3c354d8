#!/usr/bin/python3
"""scripts/upload-section.sh against a real SFTP server: OpenSSH's sshd on 127.0.0.1, on a
free port, with its own host key, client key and config in a temporary folder, started and
stopped here. The server's login folder (internal-sftp -d) stands for a school's hosting
account: www/school7.example.ru/ holds the school's own site, the section goes to
www/school7.example.ru/nastavnichestvo/.

The section is what `nastavnik build --org school-7 --base-url … --out DIR` writes when the
binary has --org; otherwise the whole site of the minimal fixture (`nastavnik build`), the
generator's real output either way, plus attachments named with spaces and Cyrillic letters
in nested folders.

Covered: the uploaded tree equals the local one byte for byte; after a fresh build (every
mtime new), an edit of the same length, a deleted file, a deleted folder and a new file,
the second upload sends only the changed files (the others keep their inode and mtime on
the server) and removes the deleted ones; nothing outside the section's folder is touched;
a wrong host key, a wrong password and a wrong key fail with a Russian message and never
print the password; a host key not pinned is refused with the server's fingerprint; a
folder not made by the script (the site's root) is refused; an upload interrupted by
killing lftp, and one cut by stopping sshd, fail loudly and the next run completes them;
missing variables and a missing lftp are named.

sshd runs as the current user. As root, OpenSSH insists on its compiled-in privilege
separation folder /run/sshd (a fresh chroot or container has none): it is created, root's
and 0755 as Debian's ssh service makes it, and removed again if it was not there.

Run: /usr/bin/python3 tests/ci/test_upload.py (needs lftp, openssh-server, openssh-client)
"""
import base64
import hashlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ci_helpers as h  # noqa: E402

SCRIPT = h.REPO / "scripts" / "upload-section.sh"
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
MARKER = ".nastavnik-section"
SECTION_URL = "https://school7.example.ru/nastavnichestvo/"
SITE = "www/school7.example.ru"
PASSWORD = "Wrong-Passw0rd-4-upload-test"

TOOLS = {"lftp": shutil.which("lftp"), "sshd": SSHD if os.access(SSHD, os.X_OK) else None,
         "ssh": shutil.which("ssh"), "ssh-keygen": shutil.which("ssh-keygen")}
MISSING = [name for name, path in TOOLS.items() if not path]
if MISSING and not os.environ.get("GITLAB_CI"):
    raise unittest.SkipTest("needs lftp, openssh-server and openssh-client (scripts/setup.sh with "
                            f"NASTAVNIK_TEST_DEPS=1); missing: {', '.join(MISSING)}")


def children_of(pid):
    """Every process whose parent chain leads to pid (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def comm(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def tree(root, skip_marker=False):
    """{relative path: sha256 of the bytes, or None for a folder} of everything under root
    (digests keep a failure's message short; assertSameTree compares the bytes too)."""
    result = {}
    for path in sorted(Path(root).rglob("*")):
        rel = path.relative_to(root).as_posix()
        if skip_marker and rel == MARKER:
            continue
        result[rel] = None if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def stamps(root):
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in Path(root).rglob("*") if p.is_file()}


class SshServer:
    """sshd -D on 127.0.0.1:<free port>; the login folder of the client is `home`."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir()
        self.folder.chmod(0o755)
        self.home = self.folder / "home"
        self.home.mkdir()
        self.user = pwd.getpwuid(os.getuid()).pw_name
        self.log = self.folder / "sshd.log"
        self.proc = None
        self.created_privsep = False
        for name in ("host_key", "client_key", "other_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(self.folder / name)],
                           check=True)
        shutil.copy(self.folder / "client_key.pub", self.folder / "authorized_keys")
        self.host_public = (self.folder / "host_key.pub").read_text().split()[:2]
        self.fingerprint = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(self.folder / "host_key.pub")],
                                          check=True, capture_output=True, text=True).stdout.split()[1]
        self.port = None

    def start(self, port=None):
        if os.getuid() == 0 and not Path("/run/sshd").is_dir():
            os.makedirs("/run/sshd", mode=0o755)
            self.created_privsep = True
        for attempt in range(5):
            self.port = port or self._free_port()
            (self.folder / "sshd_config").write_text("\n".join([
                "ListenAddress 127.0.0.1",
                f"Port {self.port}",
                f"HostKey {self.folder / 'host_key'}",
                f"PidFile {self.folder / 'sshd.pid'}",
                f"AuthorizedKeysFile {self.folder / 'authorized_keys'}",
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "MaxStartups 50",
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                f"ForceCommand internal-sftp -d {self.home}",
                "",
            ]))
            log = open(self.log, "ab")
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(self.folder / "sshd_config")],
                                         stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            log.close()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                        if s.recv(4).startswith(b"SSH-"):
                            return
                except OSError:
                    time.sleep(0.05)
            self.stop()
            if port:
                break
        raise AssertionError("sshd did not start:\n" + self.log.read_text(errors="replace"))

    @staticmethod
    def _free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def stop(self):
        """Stops the listener and every session it started."""
        if not self.proc:
            return
        sessions = children_of(self.proc.pid)
        for pid in [self.proc.pid, *sessions]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=10)
        self.proc = None

    def close(self):
        self.stop()
        if self.created_privsep:
            try:
                os.rmdir("/run/sshd")
            except OSError:
                pass


class Upload(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if MISSING:
            raise AssertionError(f"missing {', '.join(MISSING)}: install lftp, openssh-server, openssh-client")
        h.ensure_binary()
        cls._tmp = tempfile.TemporaryDirectory(prefix="nastavnik-upload-")
        cls.tmp = Path(cls._tmp.name)
        cls.server = SshServer(cls.tmp / "server")
        cls.server.start()
        help_text = h.run(["build", "--help"]).stdout
        cls.has_org = "--org" in help_text
        print("\ntest_upload: section from " + ("`nastavnik build --org school-7 --base-url …`" if cls.has_org
              else "`nastavnik build` of the whole minimal fixture (no --org yet)"), file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls._tmp.cleanup()

    def setUp(self):
        self.case = Path(tempfile.mkdtemp(prefix=self._testMethodName[:40] + "-", dir=self.tmp))
        self.site = self.server.home / SITE
        shutil.rmtree(self.server.home / "www", ignore_errors=True)
        self.site.mkdir(parents=True)
        # The school's own site around the section: must never be touched.
        (self.site / "index.php").write_text("<?php /* сайт школы */ ?>\n", encoding="utf-8")
        (self.site / "upload").mkdir()
        (self.site / "upload" / "Приказ 1.pdf").write_bytes(h.tiny_pdf())
        (self.site / "bitrix").mkdir()
        (self.site / "bitrix" / ".settings.php").write_text("<?php return []; ?>\n", encoding="utf-8")
        self.site_before = tree(self.site)
        self.url = f"sftp://127.0.0.1:{self.server.port}/~/{SITE}/nastavnichestvo"
        self.remote = self.site / "nastavnichestvo"

    # ------------------------------------------------------------------ helpers
    def build_section(self, out):
        """A fresh build into out (every mtime new), with attachments named in Russian."""
        out = Path(out)
        if self.has_org:
            proc = h.run(["build", "--org", "school-7", "--base-url", SECTION_URL, "--content", h.MINIMAL,
                          "--out", out, "-q"])
        else:
            proc = h.run(["build", "--content", h.MINIMAL, "--out", out, "-q"])
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertTrue((out / "index.html").is_file())
        docs = out / "Документы наставничества" / "2026 год"
        docs.mkdir(parents=True)
        (docs / "Положение о наставничестве.pdf").write_bytes(h.tiny_pdf())
        (docs / "План работы наставников на 2026 год.txt").write_text("План: встречи раз в месяц.\n", encoding="utf-8")
        (out / "Дорожная карта").mkdir()
        (out / "Дорожная карта" / "Этапы внедрения.txt").write_text("1. Приказ.\n2. Положение.\n", encoding="utf-8")
        return out

    def env(self, **overrides):
        env = {k: v for k, v in os.environ.items() if not k.startswith("NASTAVNIK_UPLOAD_")}
        env.update({
            "NASTAVNIK_UPLOAD_URL": self.url,
            "NASTAVNIK_UPLOAD_USER": self.server.user,
            "NASTAVNIK_UPLOAD_SSH_KEY": str(self.server.folder / "client_key"),
            "NASTAVNIK_UPLOAD_HOST_KEY": self.server.fingerprint,
            "LC_ALL": "C.UTF-8",
        })
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def upload(self, folder, timeout=60, **overrides):
        proc = subprocess.run([str(SCRIPT), str(folder)], env=self.env(**overrides), capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout)
        return proc

    def assertUploaded(self, proc):
        self.assertEqual(proc.returncode, 0, h.describe(proc))
        self.assertIn("Готово: раздел выгружен", proc.stdout)

    def assertSameTree(self, local, remote_root=None):
        remote_root = remote_root or self.remote
        remote = tree(remote_root, skip_marker=True)
        expected = tree(local)
        self.assertEqual(sorted(remote), sorted(expected), "the same files and folders on the server")
        for rel, digest in expected.items():
            if digest is not None:
                self.assertTrue((remote_root / rel).read_bytes() == (Path(local) / rel).read_bytes(),
                                f"{rel} differs on the server")
        self.assertEqual([p for p in remote if "/.in." in "/" + p], [], "no temporary files left")
        around = {k: v for k, v in tree(self.site).items() if k.split("/")[0] != "nastavnichestvo"}
        self.assertEqual(around, self.site_before, "the school's site around the section is untouched")

    def assertFailedLoudly(self, proc, *phrases, code=1):
        self.assertEqual(proc.returncode, code, h.describe(proc))
        self.assertIn("ОШИБКА", proc.stderr)
        for phrase in phrases:
            self.assertIn(phrase, proc.stderr, h.describe(proc))
        self.assertNotIn(PASSWORD, proc.stdout + proc.stderr)

    # ------------------------------------------------------------------ tests
    def test_upload_then_edit_delete_add_and_upload_again(self):
        first = self.build_section(self.case / "build1")
        proc = self.upload(first)
        self.assertUploaded(proc)
        self.assertIn("отправлен файл: Документы наставничества/2026 год/Положение о наставничестве.pdf", proc.stdout)
        self.assertSameTree(first)
        marker = (self.remote / MARKER).read_text(encoding="utf-8")
        self.assertIn("Не удаляйте этот файл", marker)
        before = stamps(self.remote)
        for rel in before:
            self.assertFalse(os.stat(self.remote / rel).st_mode & 0o022, f"{rel} writable by others")

        # A fresh build (every mtime new) with an edit of the same length, a deleted file, a
        # deleted folder and a new file.
        second = self.build_section(self.case / "build2")
        page = next(p for p in sorted(second.rglob("index.html")) if "наставни" in p.read_text(encoding="utf-8"))
        text = page.read_text(encoding="utf-8")
        edited_text = text.replace("наставни", "НАСТАВНИ", 1)
        self.assertEqual(len(edited_text.encode()), len(text.encode()))
        page.write_text(edited_text, encoding="utf-8")
        edited = page.relative_to(second).as_posix()
        deleted_file = "Документы наставничества/2026 год/План работы наставников на 2026 год.txt"
        (second / deleted_file).unlink()
        shutil.rmtree(second / "Дорожная карта")
        added = "Документы наставничества/2026 год/Отчёт о наставничестве, 2026.txt"
        (second / added).write_text("Отчёт.\n", encoding="utf-8")

        proc = self.upload(second)
        self.assertUploaded(proc)
        self.assertSameTree(second)
        self.assertFalse((self.remote / deleted_file).exists())
        self.assertFalse((self.remote / "Дорожная карта").exists())
        self.assertIn(f"отправлен файл: {edited}", proc.stdout)
        self.assertIn(f"отправлен файл: {added}", proc.stdout)
        self.assertIn(f"удалён файл: {deleted_file}", proc.stdout)
        self.assertIn("удалена папка: Дорожная карта", proc.stdout)
        self.assertEqual(proc.stdout.count("отправлен файл:"), 2, proc.stdout)
        self.assertIn("отправлено: 2;", proc.stdout)
        after = stamps(self.remote)
        unchanged = set(before) & set(after) - {edited, MARKER}
        self.assertGreater(len(unchanged), 10)
        resent = sorted(rel for rel in unchanged if after[rel] != before[rel])
        self.assertEqual(resent, [], "unchanged files keep their inode and mtime on the server")
        self.assertNotEqual(after[edited], before[edited])

        # Nothing changed: nothing sent.
        proc = self.upload(second)
        self.assertUploaded(proc)
        self.assertNotIn("отправлен файл:", proc.stdout)
        self.assertIn("отправлено: 0;", proc.stdout)
        self.assertEqual({k: v for k, v in stamps(self.remote).items() if k != MARKER},
                         {k: v for k, v in after.items() if k != MARKER})

    def test_wrong_host_key_is_refused(self):
        section = self.build_section(self.case / "build")
        other = (self.server.folder / "other_key.pub").read_text()
        # A pinned public key that is not the server's: ssh refuses before any password.
        proc = self.upload(section, NASTAVNIK_UPLOAD_HOST_KEY=other, NASTAVNIK_UPLOAD_SSH_KEY=None,
                           NASTAVNIK_UPLOAD_PASSWORD=PASSWORD)
        self.assertFailedLoudly(proc, "ключ сервера не совпадает с закреплённым", "пароль не отправлялся",
                                "Следующий запуск")
        # A pinned fingerprint that is not the server's.
        wrong = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(self.server.folder / "other_key.pub")],
                               capture_output=True, text=True, check=True).stdout.split()[1]
        proc = self.upload(section, NASTAVNIK_UPLOAD_HOST_KEY=wrong)
        self.assertFailedLoudly(proc, "не совпадает с закреплённым", self.server.fingerprint, wrong)
        # Nothing pinned: refused, with the fingerprint to check with the hosting.
        proc = self.upload(section, NASTAVNIK_UPLOAD_HOST_KEY=None)
        self.assertFailedLoudly(proc, "не закреплён ключ сервера", "NASTAVNIK_UPLOAD_HOST_KEY",
                                self.server.fingerprint, code=2)
        self.assertFalse(self.remote.exists(), "nothing was written")
        # The server's own public key, as the hosting may send it, works.
        proc = self.upload(section, NASTAVNIK_UPLOAD_HOST_KEY=" ".join(self.server.host_public) + " root@hosting\n")
        self.assertUploaded(proc)
        self.assertSameTree(section)

    def test_wrong_password_or_key_is_refused(self):
        section = self.build_section(self.case / "build")
        proc = self.upload(section, NASTAVNIK_UPLOAD_SSH_KEY=None, NASTAVNIK_UPLOAD_PASSWORD=PASSWORD)
        self.assertFailedLoudly(proc, "сервер не принял имя пользователя, пароль или ключ", "Следующий запуск")
        proc = self.upload(section, NASTAVNIK_UPLOAD_SSH_KEY=str(self.server.folder / "other_key"))
        self.assertFailedLoudly(proc, "сервер не принял имя пользователя, пароль или ключ")
        # The key as base64 text (a masked variable) is read too.
        key64 = base64.b64encode((self.server.folder / "client_key").read_bytes()).decode()
        proc = self.upload(section, NASTAVNIK_UPLOAD_SSH_KEY=key64)
        self.assertUploaded(proc)

    def test_interrupted_upload_is_completed_by_the_next_run(self):
        section = self.build_section(self.case / "build")
        big = section / "Документы наставничества" / "Видео с конференции.bin"
        big.write_bytes(os.urandom(3 * 1024 * 1024))
        # A path with a space and Cyrillic letters, percent-encoded as a browser copies it.
        remote = self.server.home / "Сайт школы" / "наставничество"
        url = f"sftp://127.0.0.1:{self.server.port}{str(self.server.home / 'Сайт школы').replace(' ', '%20')}/" \
              "%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE"
        folder = remote / "Документы наставничества"

        def temps():  # the big file under the temporary names of lftp (.in.<run>.<name>)
            return sorted(folder.glob(".in.*.Видео с конференции.bin")) if folder.is_dir() else []

        # 1. lftp killed in the middle of the big file.
        script = subprocess.Popen([str(SCRIPT), str(section)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, encoding="utf-8", errors="replace",
                                  env=self.env(NASTAVNIK_UPLOAD_URL=url, NASTAVNIK_UPLOAD_RATE_LIMIT="1000000",
                                               NASTAVNIK_UPLOAD_PARALLEL="1"))
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (temps() and temps()[0].stat().st_size > 100_000):
                time.sleep(0.05)
            self.assertTrue(temps(), "the big file is being written under a temporary name")
            lftp = [pid for pid in children_of(script.pid) if comm(pid) == "lftp"]
            self.assertTrue(lftp, "lftp runs")
            for pid in lftp:
                os.kill(pid, signal.SIGKILL)
            out, err = script.communicate(timeout=30)
        finally:
            if script.poll() is None:
                script.kill()
                script.wait()
        proc = subprocess.CompletedProcess(script.args, script.returncode, out, err)
        self.assertFailedLoudly(proc, "прервана", "Следующий запуск задания докачает")
        self.assertFalse((remote / "Документы наставничества" / big.name).exists(),
                         "a half-written file never appears under its own name")

        # 2. sshd stopped in the middle (its sessions too), and started again later.
        script = subprocess.Popen([str(SCRIPT), str(section)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, encoding="utf-8", errors="replace",
                                  env=self.env(NASTAVNIK_UPLOAD_URL=url, NASTAVNIK_UPLOAD_RATE_LIMIT="1000000",
                                               NASTAVNIK_UPLOAD_PARALLEL="1", NASTAVNIK_UPLOAD_RETRIES="2"))
        leftover = temps()
        self.assertEqual(len(leftover), 1)
        try:
            def writing():  # a new temporary file, next to the leftover of run 1
                return [p for p in temps() if p not in leftover and p.stat().st_size > 200_000]
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not writing():
                time.sleep(0.05)
            self.assertTrue(writing(), "the big file is being written again")
            self.server.stop()
            out, err = script.communicate(timeout=45)
        finally:
            if script.poll() is None:
                script.kill()
                script.wait()
            self.server.stop()  # a no-op unless the assertion above failed before it
            self.server.start(self.server.port)
        proc = subprocess.CompletedProcess(script.args, script.returncode, out, err)
        self.assertFailedLoudly(proc, "не удалось связаться с сервером", "Следующий запуск задания докачает")
        self.assertFalse((remote / "Документы наставничества" / big.name).exists())

        # 3. The next run completes it, and clears the temporary file.
        proc = self.upload(section, NASTAVNIK_UPLOAD_URL=url)
        self.assertUploaded(proc)
        self.assertSameTree(section, remote)
        self.assertEqual(temps(), [], "the leftovers are deleted")
        self.assertIn("удалён файл: Документы наставничества/.in.", proc.stdout)

    def test_folder_not_made_by_the_script_is_refused(self):
        section = self.build_section(self.case / "build")
        # The URL points at the site's root by mistake: nothing is deleted, even when told to
        # replace what is there.
        root_url = f"sftp://127.0.0.1:{self.server.port}/~/{SITE}"
        proc = self.upload(section, NASTAVNIK_UPLOAD_URL=root_url)
        self.assertFailedLoudly(proc, "похожа на корень сайта", "bitrix", "ничего не сделано")
        proc = self.upload(section, NASTAVNIK_UPLOAD_URL=root_url, NASTAVNIK_UPLOAD_REPLACE_EXISTING="да")
        self.assertFailedLoudly(proc, "похожа на корень сайта")
        self.assertEqual(tree(self.site), self.site_before)
        # An old hand-made section in the right folder: replaced when asked to.
        self.remote.mkdir()
        (self.remote / "index.php").write_text("старый раздел", encoding="utf-8")
        proc = self.upload(section)
        self.assertFailedLoudly(proc, "не пуста и создана не этой выгрузкой", "index.php",
                                "NASTAVNIK_UPLOAD_REPLACE_EXISTING")
        self.assertEqual((self.remote / "index.php").read_text(encoding="utf-8"), "старый раздел")
        proc = self.upload(section, NASTAVNIK_UPLOAD_REPLACE_EXISTING="да")
        self.assertUploaded(proc)
        self.assertSameTree(section)
        # The root of the server, the login folder and an empty build are refused outright.
        for url in (f"sftp://127.0.0.1:{self.server.port}/", f"sftp://127.0.0.1:{self.server.port}/~/"):
            proc = self.upload(section, NASTAVNIK_UPLOAD_URL=url)
            self.assertFailedLoudly(proc, "не указана папка раздела", code=2)
        empty = self.case / "empty"
        empty.mkdir()
        proc = self.upload(empty)
        self.assertFailedLoudly(proc, "нет index.html", code=2)
        self.assertSameTree(section)

    def test_missing_settings_and_tools_are_named(self):
        section = self.build_section(self.case / "build")
        proc = self.upload(section, NASTAVNIK_UPLOAD_URL=None, NASTAVNIK_UPLOAD_USER=None,
                           NASTAVNIK_UPLOAD_SSH_KEY=None)
        self.assertFailedLoudly(proc, "не заданы переменные CI/CD", "NASTAVNIK_UPLOAD_URL", "NASTAVNIK_UPLOAD_USER",
                                "NASTAVNIK_UPLOAD_PASSWORD", "Настройки → CI/CD → Переменные", code=2)
        proc = self.upload(section, NASTAVNIK_UPLOAD_URL=f"ftp://127.0.0.1/{SITE}/nastavnichestvo")
        self.assertFailedLoudly(proc, "открытым текстом", code=2)
        # A PATH with everything but lftp.
        bin_dir = self.case / "bin"
        bin_dir.mkdir()
        for tool in ("bash", "env", "sha256sum", "find", "touch", "base64", "mktemp", "ssh", "ssh-keyscan",
                     "ssh-keygen", "cat", "rm", "date", "sed", "grep"):
            (bin_dir / tool).symlink_to(shutil.which(tool))
        proc = subprocess.run([str(bin_dir / "bash"), str(SCRIPT), str(section)], capture_output=True, text=True,
                              env={**self.env(), "PATH": str(bin_dir)})
        self.assertFailedLoudly(proc, "не установлены программы: lftp", "apt-get install lftp", code=2)


class Guide(unittest.TestCase):
    def test_every_message_of_the_failure_table_is_one_the_script_prints(self):
        guide = (h.REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
        table = guide[guide.index("| Сообщение", guide.index("## Если выгрузка не удалась")):]
        table = table[:table.index("\n\n")]
        script = SCRIPT.read_text(encoding="utf-8")
        quoted = [q for row in table.splitlines()[2:] for q in re.findall(r"«([^»]+)»", row.split("|")[1])]
        self.assertGreaterEqual(len(quoted), 10)
        for message in quoted:
            for fragment in message.split("…"):
                fragment = fragment.strip(" :")
                if fragment:
                    self.assertTrue(fragment in script, f"docs/hosting.md quotes «{message}», which the script never prints")
        for variable in sorted(set(re.findall(r"NASTAVNIK_[A-Z_]+", guide))):
            job = (h.REPO / "ci" / "upload-section.gitlab-ci.yml").read_text(encoding="utf-8")
            self.assertTrue(variable in script + job, f"docs/hosting.md names {variable}, which nothing reads")


if __name__ == "__main__":
    unittest.main(verbosity=2)
