"""Keys, certificates and detached signatures for end-to-end tests, made with the real
`openssl` tool as a school's signing software would make them: CMS SignedData of the file's
bytes, detached, with the signer's certificate and a signingTime attribute, saved as DER,
PEM or bare base64 with CRLF line ends (CryptoPro's "Base64").

GOST R 34.10-2012 keys come from Debian's libengine-gost-openssl. Its gostprov provider
(gost-engine 3.0.1, Debian 12) has GOST digests and ciphers only, no keys or signatures, so
the helper asks the provider first and falls back to the engine (`-engine gost`).

Certificates are self-signed through `openssl ca -selfsign`, the one way OpenSSL 3.0 has to
set both ends of the validity period (an expired certificate, one not yet valid).

    python3 tests/e2e/signing.py    signs with each kind and verifies with openssl cms
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import itertools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OPENSSL = os.environ.get("OPENSSL", "openssl")

KINDS = ("rsa", "ecdsa", "gost2012_256", "gost2012_512")
_DIGESTS = {"rsa": "sha256", "ecdsa": "sha256", "gost2012_256": "md_gost12_256", "gost2012_512": "md_gost12_512"}
_counter = itertools.count(1)

_CA_CONFIG = """\
[ ca ]
default_ca = signing
[ signing ]
database = {dir}/index.txt
new_certs_dir = {dir}
serial = {dir}/serial
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = optional
"""


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([OPENSSL, *args], capture_output=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(
            f"openssl {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stderr.decode(errors='replace')}{result.stdout.decode(errors='replace')}"
        )
    return result


@functools.cache
def gost_options() -> tuple[str, ...]:
    """The openssl options that bring in GOST keys and signatures on this machine."""
    tried = []
    for options in (("-provider", "gostprov", "-provider", "default"), ("-engine", "gost")):
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run(
                [OPENSSL, "genpkey", *options, "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A",
                 "-out", str(Path(folder) / "key.pem")],
                capture_output=True,
            )
        if result.returncode == 0:
            return options
        tried.append(f"{' '.join(options)}: {result.stderr.decode(errors='replace').strip()}")
    raise RuntimeError("no GOST in openssl (Debian: apt-get install libengine-gost-openssl):\n" + "\n".join(tried))


def _options(kind: str) -> list[str]:
    return list(gost_options()) if kind.startswith("gost") else []


def _subject_arg(subject: dict[str, str]) -> str:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("/", "\\/").replace("=", "\\=").replace("+", "\\+")

    return "".join(f"/{field}={escape(value)}" for field, value in subject.items())


def _asn1_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%SZ")


def make_certificate(
    folder: str | os.PathLike,
    kind: str,
    subject: dict[str, str],
    days: int = 365,
    not_before: dt.datetime | None = None,
    serial: int | None = None,
) -> tuple[Path, Path]:
    """A key and a self-signed certificate valid from `not_before` (now, by default) for `days`.

    `kind` is one of KINDS; `subject` maps OpenSSL's short names to UTF-8 values, in order:
    {"CN": ..., "SN": "Иванова", "GN": "Мария Петровна", "title": "Директор", "O": ...}.
    A past `not_before` with few days makes an expired certificate; a future one, one not
    yet valid. Returns (key_path, cert_path), PEM files in `folder`.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    folder = Path(folder)
    name = f"{kind}-{next(_counter)}"
    work = folder / f"{name}.ca"
    work.mkdir(parents=True, exist_ok=True)
    key, request, cert = folder / f"{name}.key", work / "request.csr", folder / f"{name}.crt"
    options = _options(kind)

    if kind == "rsa":
        _run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)])
    elif kind == "ecdsa":
        _run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", str(key)])
    else:
        _run(["genpkey", *options, "-algorithm", kind, "-pkeyopt", "paramset:A", "-out", str(key)])
    digest = "-" + _DIGESTS[kind]
    _run(["req", *options, "-new", "-key", str(key), "-out", str(request), "-utf8", "-subj", _subject_arg(subject), digest])

    (work / "index.txt").write_text("")
    number = f"{serial if serial is not None else 0x01D6A1B2C3 + next(_counter):X}"
    (work / "serial").write_text(("0" * (len(number) % 2)) + number + "\n")  # whole bytes, or ca refuses
    config = work / "ca.cnf"
    config.write_text(_CA_CONFIG.format(dir=work))
    start = not_before or dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    end = start + dt.timedelta(days=days)
    _run([
        "ca", *options, "-batch", "-config", str(config), "-selfsign", "-keyfile", str(key), "-in", str(request),
        "-out", str(cert), "-utf8", "-preserveDN", "-notext", "-md", _DIGESTS[kind],
        "-startdate", _asn1_time(start), "-enddate", _asn1_time(end),
    ])
    return key, cert


def _is_gost_certificate(cert: str | os.PathLike) -> bool:
    """GOST needs the engine's options even to read the certificate's key."""
    text = _run(["asn1parse", "-in", str(cert)]).stdout.decode(errors="replace")
    return "1.2.643.7.1.1.1" in text or "GOST R 34.10-2012" in text


def _der_to(der: bytes, fmt: str) -> bytes:
    if fmt == "der":
        return der
    lines = [base64.b64encode(der)[i:i + 64] for i in range(0, len(base64.b64encode(der)), 64)]
    if fmt == "base64":
        return b"".join(line + b"\r\n" for line in lines)
    if fmt == "pem":
        return b"-----BEGIN CMS-----\n" + b"".join(line + b"\n" for line in lines) + b"-----END CMS-----\n"
    raise ValueError(f"fmt must be der, pem or base64, not {fmt!r}")


def sign(
    file: str | os.PathLike,
    key: str | os.PathLike,
    cert: str | os.PathLike,
    out: str | os.PathLike,
    fmt: str = "der",
) -> Path:
    """Writes to `out` the detached CMS signature of `file`'s bytes, with signingTime (now).

    `fmt`: "der" (as CryptoPro saves .sig), "pem" (-----BEGIN CMS-----), or "base64" (bare,
    CRLF line ends, CryptoPro's "Base64" option).
    """
    options = list(gost_options()) if _is_gost_certificate(cert) else []
    der = _run([
        "cms", "-sign", *options, "-binary", "-in", str(file), "-signer", str(cert), "-inkey", str(key),
        "-outform", "DER",
    ]).stdout
    out = Path(out)
    out.write_bytes(_der_to(der, fmt))
    return out


def to_der(signature: bytes) -> bytes:
    """The DER of a signature in any of sign()'s formats."""
    if signature[:1] == b"\x30":
        return signature
    text = signature.decode("ascii")
    if "-----BEGIN" in text:
        text = text.split("-----", 2)[2].rsplit("-----END", 1)[0]
    return base64.b64decode("".join(text.split()))


def verify(file: str | os.PathLike, signature: str | os.PathLike) -> bool:
    """What `openssl cms -verify` says of the signature and the file (the chain not checked)."""
    with tempfile.TemporaryDirectory() as folder:
        der = Path(folder) / "signature.der"
        der.write_bytes(to_der(Path(signature).read_bytes()))
        options = list(gost_options()) if _is_gost(der) else []
        result = subprocess.run(
            [OPENSSL, "cms", "-verify", *options, "-noverify", "-binary", "-inform", "DER", "-in", str(der),
             "-content", str(file), "-out", os.devnull],
            capture_output=True,
        )
    return result.returncode == 0


def _is_gost(der: Path) -> bool:
    """A signature by a GOST key: its certificate's key is of the tc26 arc (1.2.643.7.1)."""
    return b"\x06\x08\x2a\x85\x03\x07\x01\x01\x01" in der.read_bytes()


def _self_test() -> int:
    subject = {"CN": "МБОУ «Школа № 1»", "SN": "Иванова", "GN": "Мария Петровна", "title": "Директор",
               "O": "МБОУ «Школа № 1» г. Твери"}
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        order = Path(folder) / "prikaz-125.pdf"
        order.write_bytes(b"%PDF-1.7\n" + "Приказ № 125".encode() + b"\n%%EOF\n")
        changed = Path(folder) / "prikaz-125-changed.pdf"
        changed.write_bytes(order.read_bytes().replace(b"125", b"126"))
        for kind in KINDS:
            key, cert = make_certificate(folder, kind, subject)
            for fmt in ("der", "pem", "base64"):
                signature = sign(order, key, cert, Path(folder) / f"{kind}.{fmt}.sig", fmt)
                ok, tampered = verify(order, signature), verify(changed, signature)
                good = ok and not tampered
                failures += not good
                print(f"{'ok  ' if good else 'FAIL'} {kind} {fmt}: verifies {ok}, a changed file verifies {tampered}")
        past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)
        _, cert = make_certificate(folder, "gost2012_256", subject, days=30, not_before=past)
        dates = _run(["x509", *gost_options(), "-in", str(cert), "-noout", "-enddate"]).stdout.decode()
        end = dt.datetime.strptime(dates.strip().split("=", 1)[1], "%b %d %H:%M:%S %Y %Z").replace(tzinfo=dt.timezone.utc)
        expired = end < dt.datetime.now(dt.timezone.utc)
        failures += not expired
        print(f"{'ok  ' if expired else 'FAIL'} an expired GOST certificate: {dates.strip()}")
    print(f"{3 * len(KINDS) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(_self_test())
