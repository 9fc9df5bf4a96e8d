# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python tests share: paths from CTest's environment, a y4m reader, the rigor
program run as a subprocess."""
import os
import subprocess
import tempfile

import numpy as np

DATA = os.environ.get("RIGOR_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "data"))
BIN = os.environ.get("RIGOR_BIN_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin"))

# y4m colour tag -> (numpy dtype, log2 chroma subsampling (w, h) or None for gray)
_COLOUR = {"mono": ("u1", None), "mono10": ("<u2", None), "mono16": ("<u2", None), "mono32": ("<f4", None),
           "420": ("u1", (1, 1)), "444p16": ("<u2", (0, 0)), "444ps": ("<f4", (0, 0))}


def read_y4m(path):
    """The frames of a y4m file: a list of lists of 2-D arrays (one per plane)."""
    with open(path, "rb") as f:
        data = f.read()
    header, rest = data.split(b"\n", 1)
    fields = {t[:1]: t[1:] for t in header.split()[1:]}
    width, height = int(fields[b"W"]), int(fields[b"H"])
    dtype, ss = _COLOUR[fields.get(b"C", b"420").decode()]
    shapes = [(height, width)]
    if ss is not None:
        chroma = (-(-height >> ss[1]), -(-width >> ss[0]))
        shapes += [chroma, chroma]
    frames = []
    while rest:
        assert rest.startswith(b"FRAME"), "bad frame header"
        rest = rest.split(b"\n", 1)[1]
        planes = []
        for shape in shapes:
            n = shape[0] * shape[1] * np.dtype(dtype).itemsize
            planes.append(np.frombuffer(rest[:n], dtype=dtype).reshape(shape).astype(np.dtype(dtype).newbyteorder("=")))
            rest = rest[n:]
        frames.append(planes)
    return frames


def rigor(*args):
    """Runs build/bin/rigor; returns (exit code, stdout, stderr) as text."""
    r = subprocess.run([os.path.join(BIN, "rigor")] + [str(a) for a in args], capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def scratch():
    return tempfile.TemporaryDirectory(prefix="rigor-python-test-")


def write_pfm(path, plane):
    """A gray PFM (rows stored bottom to top, little-endian)."""
    h, w = plane.shape
    with open(path, "wb") as f:
        f.write(b"Pf\n%d %d\n-1.0\n" % (w, h))
        f.write(np.ascontiguousarray(plane[::-1], dtype="<f4").tobytes())


def read_pfm(path):
    with open(path, "rb") as f:
        data = f.read()
    header = data.split(b"\n", 3)
    assert header[0] == b"Pf"
    w, h = map(int, header[1].split())
    scale = float(header[2])
    dtype = "<f4" if scale < 0 else ">f4"
    return np.frombuffer(header[3][:w * h * 4], dtype=dtype).reshape(h, w)[::-1].astype(np.float32)


def assert_same_document(test, got, expected, where="document"):
    """got == expected, except that text may order its terms differently (GiNaC prints a
    sum's terms in an order that varies from run to run): strings are compared by their
    names and numbers, as multisets."""
    import re
    if isinstance(expected, dict):
        test.assertIsInstance(got, dict, where)
        test.assertEqual(sorted(got), sorted(expected), where)
        for k in expected:
            assert_same_document(test, got[k], expected[k], where + "." + str(k))
    elif isinstance(expected, list):
        test.assertIsInstance(got, list, where)
        test.assertEqual(len(got), len(expected), where)
        for i, (g, e) in enumerate(zip(got, expected)):
            assert_same_document(test, g, e, "%s[%d]" % (where, i))
    elif isinstance(expected, str):
        test.assertIsInstance(got, str, where)
        tokens = lambda s: sorted(re.findall(r"[A-Za-z_][A-Za-z_0-9']*|[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?", s))
        test.assertEqual(tokens(got), tokens(expected), where)
    else:
        test.assertEqual(got, expected, where)
