# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile input gives a clean exception carrying the CLI's message, never a crash: wrong
dtypes, 3-D arrays, mismatched sizes, bad expressions, bad properties, bad documents."""
import os
import unittest

import numpy as np

import rigor
from support import DATA, rigor as run_rigor, scratch

PLANE = np.zeros((8, 16), np.uint8)


class ErrorClasses(unittest.TestCase):
    def test_hierarchy(self):
        self.assertTrue(issubclass(rigor.UserError, rigor.Error))
        self.assertTrue(issubclass(rigor.UserError, ValueError))
        self.assertTrue(issubclass(rigor.IoError, rigor.UserError))
        self.assertTrue(issubclass(rigor.IoError, OSError))
        self.assertTrue(issubclass(rigor.InternalError, RuntimeError))


class ExprErrors(unittest.TestCase):
    def assert_user_error(self, pattern, f, *args, **kwargs):
        with self.assertRaisesRegex(rigor.UserError, pattern):
            f(*args, **kwargs)

    def test_arrays(self):
        e = rigor.expr.evaluate
        self.assert_user_error(r"array 0 has dtype int32", e, "x", PLANE.astype(np.int32))
        self.assert_user_error(r"array 0 has dtype float64", e, "x", PLANE.astype(np.float64))
        self.assert_user_error(r"array 0 has 3 dimension", e, "x", np.zeros((2, 8, 16), np.uint8))
        self.assert_user_error(r"array 0 has 1 dimension", e, "x", np.zeros(16, np.uint8))
        self.assert_user_error(r"array 1 is 8x15 but array 0 is 8x16", e, "x y +", PLANE, PLANE[:, 1:])
        self.assert_user_error(r"array 0 is empty", e, "x", PLANE[:0])
        self.assert_user_error(r"not a numpy array", e, "x", [[1, 2], [3, 4]])
        self.assert_user_error(r"no array given", e, "x")
        self.assert_user_error(r"undefined clip: y", e, "x y +", PLANE)

    def test_expressions_carry_the_cli_message(self):
        for text in ("x +", "x 1 2", "x foo", "x[1,", "x 2 ? "):
            with self.subTest(expr=text):
                with self.assertRaises(rigor.UserError) as caught:
                    rigor.expr.evaluate(text, PLANE)
                with scratch() as d:
                    path = os.path.join(d, "in.y4m")
                    with open(path, "wb") as f:
                        f.write(b"YUV4MPEG2 W16 H8 F25:1 Ip A0:0 Cmono\nFRAME\n" + PLANE.tobytes())
                    code, _, err = run_rigor("expr", "-e", text, "-o", os.path.join(d, "out.y4m"), path)
                self.assertEqual(code, 1, err)
                self.assertIn(str(caught.exception), err)

    def test_options_and_properties(self):
        e = rigor.expr.evaluate
        self.assert_user_error(r"format yuv420p8 has 3 planes", e, "x", PLANE, format="yuv420p8")
        self.assert_user_error(r"gray9000|format", e, "x", PLANE, format="gray9000")
        self.assert_user_error(r"dtype int64", e, "x", PLANE, format=np.int64)
        self.assert_user_error(r"boundary expects 'clamp' or 'mirror'", e, "x", PLANE, boundary="wrap")
        self.assert_user_error(r"threads must be at least 1", e, "x", PLANE, threads=0)
        self.assert_user_error(r"props= keys are CLIP.NAME", e, "x", PLANE, props={"Gain": 1})
        self.assert_user_error(r"not a clip name", e, "x", PLANE, props={"q1.Gain": 1})
        self.assert_user_error(r"clip|input", e, "x", PLANE, props={"y.Gain": 1})
        self.assert_user_error(r"not a number", e, "x.Gain", PLANE, props={"x.Gain": "fast"})
        self.assert_user_error(r"2 dicts for 1 array", e, "x", PLANE, props=[{}, {}])
        self.assert_user_error(r"out= must be a 8x16 array", e, "x", PLANE, out=np.zeros((8, 8), np.uint8))
        self.assert_user_error(r"out= has dtype uint16", e, "x", PLANE, out=np.zeros((8, 16), np.uint16))
        ro = np.zeros((8, 16), np.uint8)
        ro.flags.writeable = False
        self.assert_user_error(r"out= is read-only", e, "x", PLANE, out=ro)
        self.assert_user_error(r"contiguous", e, "x", PLANE, out=np.zeros((8, 32), np.uint8)[:, ::2])

    def test_analyse_and_text(self):
        self.assert_user_error(r"no range given for the input y", rigor.expr.analyse, "x y +", {"x": (0, 1)})
        self.assert_user_error(r"minimum", rigor.expr.analyse, "x", {"x": (2, 1)})
        self.assertRaises(rigor.UserError, rigor.expr.infix, "x +")
        self.assertRaises(rigor.UserError, rigor.expr.postfix, "(x +")


class Vc2Errors(unittest.TestCase):
    def test_documents_and_arguments(self):
        with self.assertRaises(rigor.IoError) as caught:
            rigor.vc2.load("/nonexistent/analysis.json")
        self.assertIn("/nonexistent/analysis.json", str(caught.exception))
        with scratch() as d:
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write('{"wavelet_index": 1}')
            self.assertRaises(rigor.UserError, rigor.vc2.load, bad)
            with open(bad, "w") as f:
                f.write('{"wavelet_index": ')
            self.assertRaises(rigor.UserError, rigor.vc2.load, bad)
        self.assertRaises(rigor.UserError, rigor.vc2.static_filter_analysis, 9)
        self.assertRaises(rigor.UserError, rigor.vc2.static_filter_analysis, 1, None, 13)
        self.assertRaises(rigor.UserError, rigor.vc2.bit_widths_table,
                          os.path.join(DATA, "vc2", "static-analysis", "w1_W1_d1_D0.json"), 0)

    def test_transform_inputs(self):
        self.assertRaisesRegex(rigor.UserError, "multiple", rigor.vc2.dwt, np.zeros((6, 6), np.int64), 1, None, 2)
        self.assertRaisesRegex(rigor.UserError, "integers", rigor.vc2.dwt, np.zeros((8, 8), np.float32), 1, None, 1)
        self.assertRaises(rigor.UserError, rigor.vc2.dwt, np.zeros((2, 8, 8), np.int64), 1, None, 1)
        c = rigor.vc2.dwt(np.zeros((8, 8), np.int64), 1, None, 1)
        del c[1]["HH"]
        self.assertRaises(rigor.UserError, rigor.vc2.idwt, c, 1, None, 1)
        self.assertRaises(rigor.UserError, rigor.vc2.idwt, {"a": 1}, 1, None, 1)


class RegressErrors(unittest.TestCase):
    def test_planes_and_parameters(self):
        x = np.zeros((8, 8), np.float32)
        self.assertRaisesRegex(rigor.UserError, "float32", rigor.regress.regression, x.astype(np.uint8), x)
        self.assertRaises(rigor.UserError, rigor.regress.regression, x, x[:4])
        self.assertRaises(rigor.UserError, rigor.regress.regression, x, x, radius=0)
        self.assertRaises(rigor.UserError, rigor.regress.regression, x, x, weight_method="guess")
        self.assertRaises(rigor.UserError, rigor.regress.regression, x, x, border="wrap")
        self.assertRaises(rigor.UserError, rigor.regress.reconstruct, x, x, x[:, :4])
        self.assertRaises(rigor.UserError, rigor.regress.model, radius=0)


if __name__ == "__main__":
    unittest.main()
