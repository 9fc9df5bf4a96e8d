# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor.regress against `rigor regress`/`reconstruct`/`regress-model` bit for bit, and
a property of the regression (a y that is an exact linear function of x)."""
import json
import os
import unittest

import numpy as np

import rigor
from support import assert_same_document, read_pfm, rigor as run_rigor, scratch, write_pfm


def planes(seed, shape=(41, 57)):
    rng = np.random.default_rng(seed)
    x = rng.random(shape, dtype=np.float32)
    y = (0.3 * x + 0.1 * rng.standard_normal(shape)).astype(np.float32) - 0.2
    return x, y


class Regression(unittest.TestCase):
    def test_equals_the_cli(self):
        x, y = planes(1)
        with scratch() as d:
            p = lambda n: os.path.join(d, n)
            write_pfm(p("x.pfm"), x)
            write_pfm(p("y.pfm"), y)
            for radius, intercept, method in ((1, 0, "threshold"), (2, 1, "fisher"), (3, 2, "threshold")):
                with self.subTest(radius=radius, intercept=intercept, method=method):
                    args = ["regress", "--x", p("x.pfm"), "--y", p("y.pfm"), "--radius", radius, "--intercept",
                            intercept, "--weight-method", method, "--slope", p("s.pfm"), "--correlation",
                            p("c.pfm"), "--threads", 1]
                    if intercept:
                        args += ["--intercept-out", p("i.pfm")]
                    code, _, err = run_rigor(*args)
                    self.assertEqual(code, 0, err)
                    r = rigor.regress.regression(x, y, radius=radius, intercept=intercept, weight_method=method,
                                                 threads=2)
                    np.testing.assert_array_equal(r.slope, read_pfm(p("s.pfm")))
                    np.testing.assert_array_equal(r.correlation, read_pfm(p("c.pfm")))
                    if intercept:
                        np.testing.assert_array_equal(r.intercept, read_pfm(p("i.pfm")))
                    else:
                        self.assertIsNone(r.intercept)
                    self.assertIn("w = %g" % r.weight, err)
                    code, _, err = run_rigor("reconstruct", "--x", p("x.pfm"), "--slope", p("s.pfm"),
                                             "--correlation", p("c.pfm"), "--radius", radius, "-o", p("r.pfm"),
                                             "--threads", 1)
                    self.assertEqual(code, 0, err)
                    np.testing.assert_array_equal(rigor.regress.reconstruct(x, r.slope, r.correlation, radius=radius),
                                                  read_pfm(p("r.pfm")))

    def test_a_linear_relation_is_found_and_reconstructed(self):
        x, _ = planes(2)
        y = (0.75 * x).astype(np.float32)
        r = rigor.regress.regression(x, y, radius=2)
        inner = (slice(3, -3), slice(3, -3))
        np.testing.assert_allclose(r.slope[inner], 0.75, rtol=1e-3)
        np.testing.assert_allclose(rigor.regress.reconstruct(x, r.slope, r.correlation, radius=1)[inner],
                                   y[inner], atol=1e-3)

    def test_the_default_border_is_vszip(self):
        x, y = planes(3, shape=(13, 17))
        self.assertEqual(rigor.regress.DEFAULT_BORDER, "vszip")
        default = rigor.regress.regression(x, y, radius=2)
        vszip = rigor.regress.regression(x, y, radius=2, border="vszip")
        mirror = rigor.regress.regression(x, y, radius=2, border="mirror")
        np.testing.assert_array_equal(default.slope, vszip.slope)
        self.assertFalse(np.array_equal(default.slope, mirror.slope))
        rec = lambda **kw: rigor.regress.reconstruct(x, vszip.slope, vszip.correlation, radius=2, **kw)
        np.testing.assert_array_equal(rec(), rec(border="vszip"))
        self.assertFalse(np.array_equal(rec(), rec(border="mirror")))
        for border in rigor.regress.BORDERS:
            rigor.regress.regression(x, y, border=border)
        with self.assertRaisesRegex(Exception, "expected vszip, mirror, reflect or clamp"):
            rigor.regress.regression(x, y, border="zero")

    def test_model_equals_the_cli(self):
        for kwargs, args in (({}, []), ({"radius": 2, "intercept": 1, "y_range": (-0.5, 0.5)},
                                        ["--radius", "2", "--intercept", "1", "--y-range=-0.5:0.5"])):
            code, out, err = run_rigor("regress-model", "--json", *args)
            self.assertEqual(code, 0, err)
            assert_same_document(self, rigor.regress.model(**kwargs), json.loads(out))


if __name__ == "__main__":
    unittest.main()
