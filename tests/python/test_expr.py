# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor.expr against the rigor program on the golden Expr cases (bit for bit), the
golden outputs themselves (the conformance tolerance), props, in-place reads, analyse."""
import json
import os
import unittest

import numpy as np

import rigor
from support import DATA, assert_same_document, read_y4m, rigor as run_rigor, scratch

EXPR = os.path.join(DATA, "expr")
with open(os.path.join(EXPR, "manifest.json")) as f:
    MANIFEST = json.load(f)


def plane_format(output_format, plane):
    """The gray format of one plane of an output format (rigor.expr works per plane)."""
    depth = {"yuv420p8": "gray8", "yuv444ps": "grays", "yuv444p16": "gray16"}
    return depth.get(output_format, output_format)


class GoldenCases(unittest.TestCase):
    def test_every_case_equals_the_cli_bit_for_bit(self):
        self.assertGreater(len(MANIFEST["cases"]), 40)
        with scratch() as folder:
            for case in MANIFEST["cases"]:
                with self.subTest(case=case["id"], expr=case["expr"]):
                    inputs = [read_y4m(os.path.join(EXPR, i)) for i in case["inputs"]]
                    out = os.path.join(folder, "out_%d.y4m" % case["id"])
                    args = ["expr"] + sum((["-e", e] for e in case["expr"]), []) + [
                        "--format", case["output_format"], "--boundary", case["boundary"], "-q", "-o", out]
                    code, _, err = run_rigor(*(args + [os.path.join(EXPR, i) for i in case["inputs"]]))
                    self.assertEqual(code, 0, err)
                    cli = read_y4m(out)
                    golden = read_y4m(os.path.join(EXPR, case["expected"]))
                    self.assertEqual(len(cli), len(inputs[0]))
                    for n, cli_frame in enumerate(cli):
                        for p, cli_plane in enumerate(cli_frame):
                            e = case["expr"][min(p, len(case["expr"]) - 1)]
                            arrays = [clip[n][p] for clip in inputs]
                            if e.strip() == "":
                                continue  # a copy of x's plane: nothing of rigor's to test
                            got = rigor.expr.evaluate(e, *arrays, format=plane_format(case["output_format"], p),
                                                      boundary=case["boundary"], frame=n)
                            self.assertEqual(got.dtype, cli_plane.dtype)
                            np.testing.assert_array_equal(got, cli_plane)
                            expected = golden[n][p].copy()
                            if case["id"] == 64:  # akarin's 0 ** 0.45 is 1 (tests/expr/golden_test.cpp)
                                expected[(arrays[0] == 0) & (expected == 255)] = 0
                            self.assert_conforms(got, expected, case)

    def assert_conforms(self, got, expected, case):
        """The conformance data's own tolerance (data/expr/README.md)."""
        if got.dtype.kind == "f":
            rel = 1e-4 if case["transcendental"] else 1e-5
            np.testing.assert_allclose(got, expected, rtol=rel, atol=1e-6, equal_nan=True)
        else:
            diff = np.abs(got.astype(np.int64) - expected.astype(np.int64))
            self.assertLessEqual(int(diff.max()), 1)
            self.assertLess(np.count_nonzero(diff), max(3, diff.size // 100))

    def test_interpreter_gives_the_same_bits_as_generated_code(self):
        x = read_y4m(os.path.join(EXPR, "in_gray8_0.y4m"))[0][0]
        y = read_y4m(os.path.join(EXPR, "in_gray8_1.y4m"))[0][0]
        for e in ("x y - 128 +", "x 0.3 * y 0.7 * +", "x[-1,0] x[1,0] + 2 /", "x sqrt 16 *"):
            np.testing.assert_array_equal(rigor.expr.evaluate(e, x, y), rigor.expr.evaluate(e, x, y, jit=False))


class Planes(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(15)
        self.x = rng.integers(0, 256, (37, 53), dtype=np.uint8)
        self.y = rng.integers(0, 65536, (37, 53), dtype=np.uint16)

    def test_formats_and_clamping(self):
        x = self.x.astype(np.int64)
        np.testing.assert_array_equal(rigor.expr.evaluate("x 100 +", self.x), np.minimum(x + 100, 255))
        got = rigor.expr.evaluate("x 4 *", self.x, format="gray10")
        self.assertEqual(got.dtype, np.uint16)
        np.testing.assert_array_equal(got, np.minimum(x * 4, 1023))
        got = rigor.expr.evaluate("x 255 /", self.x, format=np.float32)
        np.testing.assert_allclose(got, self.x / np.float32(255), rtol=1e-6)
        got = rigor.expr.evaluate("x 3 +", self.y)
        self.assertEqual(got.dtype, np.uint16)
        np.testing.assert_array_equal(got, np.minimum(self.y.astype(np.int64) + 3, 65535))

    def test_strided_and_transposed_views_read_like_copies(self):
        big = np.random.default_rng(1).integers(0, 256, (80, 120), dtype=np.uint8)
        for view in (big[5:42, 7:60], big[::2, :], big[:, ::3], big.T, big[::-1]):
            np.testing.assert_array_equal(rigor.expr.evaluate("x x[1,1] + 2 /", view),
                                          rigor.expr.evaluate("x x[1,1] + 2 /", np.ascontiguousarray(view)))

    def test_output_into_a_given_array_and_a_view(self):
        out = np.zeros((37, 53), np.uint8)
        r = rigor.expr.evaluate("x 1 +", self.x, out=out)
        self.assertIs(r, out)
        np.testing.assert_array_equal(out, np.minimum(self.x.astype(int) + 1, 255))
        wide = np.zeros((37, 80), np.uint8)
        rigor.expr.evaluate("x", self.x, out=wide[:, 10:63])
        np.testing.assert_array_equal(wide[:, 10:63], self.x)
        self.assertFalse(wide[:, :10].any() or wide[:, 63:].any())

    def test_a_held_filter_computes_each_call_on_its_own(self):
        # The caller's Filter compiles once and is then called with other planes, shapes,
        # dtypes, frame numbers and properties (and after a failed call): every call
        # computes its own result.
        x = self.x.astype(np.int64)
        f = rigor.expr.Filter("x N +")
        for k in range(3):
            np.testing.assert_array_equal(f.evaluate(self.x, frame=k), np.minimum(x + k, 255))
        np.testing.assert_array_equal(f.evaluate(self.x[:20, :31], frame=5), np.minimum(x[:20, :31] + 5, 255))
        np.testing.assert_array_equal(f.evaluate(self.y, frame=2), np.minimum(self.y.astype(np.int64) + 2, 65535))
        with self.assertRaises(rigor.UserError):
            f.evaluate(self.x.astype(np.int32))
        np.testing.assert_array_equal(f.evaluate(self.x, frame=1), np.minimum(x + 1, 255))
        np.testing.assert_array_equal(f(self.x, frame=4), np.minimum(x + 4, 255))  # __call__ = evaluate
        g = rigor.expr.Filter("x x.G *")
        for gain in (2, 3):
            np.testing.assert_array_equal(g.evaluate(self.x, props={"x.G": gain}), np.minimum(x * gain, 255))

    def test_evaluate_keeps_no_state(self):
        # The one-shot form holds nothing between calls (review item: no module-level
        # store of compiled programs): the module's attributes are the same before and
        # after, and no Filter outlives its call.
        import gc
        import weakref
        before = set(vars(rigor.expr))
        made = []
        original = rigor.expr.Filter.__init__

        def tracked(f, *args, **kwargs):
            original(f, *args, **kwargs)
            made.append(weakref.ref(f))
        rigor.expr.Filter.__init__ = tracked
        try:
            for k in range(3):
                np.testing.assert_array_equal(rigor.expr.evaluate("x N +", self.x, frame=k),
                                              np.minimum(self.x.astype(np.int64) + k, 255))
        finally:
            rigor.expr.Filter.__init__ = original
        gc.collect()
        self.assertEqual(len(made), 3)  # one compilation per call
        self.assertTrue(all(r() is None for r in made))
        self.assertEqual(set(vars(rigor.expr)), before)

    def test_evaluate_from_several_threads(self):
        import threading
        results, errors = {}, []
        shared = rigor.expr.Filter("x N + y -")  # one Filter: calls take turns

        def work(k):
            try:
                for n in range(20):
                    frame = k * 100 + n
                    got = (rigor.expr.evaluate("x N + y -", self.x, self.x, frame=frame) if k % 2 else
                           shared.evaluate(self.x, self.x, frame=frame))
                    results[(k, n)] = bool((got == min(frame, 255)).all())
            except Exception as e:  # reported below
                errors.append(e)
        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 80)
        self.assertTrue(all(results.values()))

    def test_properties_and_frame_number(self):
        x = self.x
        got = rigor.expr.evaluate("x.Gain x * y.Offset +", x, x, props={"x.Gain": 2, "y.Offset": 10})
        np.testing.assert_array_equal(got, np.minimum(x.astype(np.int64) * 2 + 10, 255))
        got2 = rigor.expr.evaluate("x.Gain x * y.Offset +", x, x, props=[{"Gain": 2}, {"Offset": 10}])
        np.testing.assert_array_equal(got, got2)
        # A missing property is an error naming it, as in the CLI, unless a default is asked:
        # NaN is akarin.Expr's rule, 0 akarin.Select's.
        with self.assertRaisesRegex(rigor.UserError, "no property 'Missing'"):
            rigor.expr.evaluate("x.Missing", x, format="grays")
        got = rigor.expr.evaluate("x.Missing", x, format="grays", missing_props="nan")
        self.assertTrue(np.isnan(got).all())
        got = rigor.expr.evaluate("x.Missing 1 +", x, format="grays", missing_props="zero")
        np.testing.assert_array_equal(got, np.ones(x.shape, np.float32))
        with self.assertRaisesRegex(rigor.UserError, "missing_props expects"):
            rigor.expr.evaluate("x", x, missing_props="maybe")
        np.testing.assert_array_equal(rigor.expr.evaluate("N 7 *", x, frame=3), np.full(x.shape, 21, np.uint8))

    def test_a_filter_runs_again_and_recompiles_for_new_shapes(self):
        f = rigor.expr.Filter("x 2 *", format="gray16", threads=2)
        a = f(self.x)
        np.testing.assert_array_equal(a, self.x.astype(np.uint16) * 2)
        np.testing.assert_array_equal(f(self.x[:10]), a[:10])
        np.testing.assert_array_equal(f(self.y), np.minimum(self.y.astype(np.int64) * 2, 65535))
        self.assertEqual(len(f.jit_planes), 2)


class Text(unittest.TestCase):
    def test_infix_and_postfix_equal_the_cli(self):
        for postfix_text in ("x 40 - dup * 32 *", "x 0.3 * y 0.7 * +", "x y > x y ?"):
            _, out, _ = run_rigor("infix", postfix_text)
            self.assertEqual(rigor.expr.infix(postfix_text), out.rstrip("\n"))
        for infix_text in ("(x - 128) * 1.1 + 128", "max(x, y) * 2"):
            _, out, _ = run_rigor("postfix", infix_text)
            self.assertEqual(rigor.expr.postfix(infix_text), out.rstrip("\n"))
            _, out, _ = run_rigor("postfix", "--stored", infix_text)
            self.assertEqual(rigor.expr.postfix(infix_text, stored=True), out.rstrip("\n"))

    def test_analyse_equals_the_cli_json(self):
        cases = [("x 0.3 * y 0.7 * +", {"x": (0, 255), "y": (0, 255)}, ["--range", "x=0:255", "--range", "y=0:255"],
                  "gray8"),
                 ("x 128 - 1.1 * 128 +", {"x": "16:235"}, ["--range", "x=16:235"], None)]
        for e, ranges, cli_ranges, fmt in cases:
            with self.subTest(expr=e):
                args = ["analyse", e] + cli_ranges + ["--json"] + (["--format", fmt] if fmt else [])
                code, out, err = run_rigor(*args)
                self.assertEqual(code, 0, err)
                assert_same_document(self, rigor.expr.analyse(e, ranges, format=fmt), json.loads(out))

    def test_analyse_takes_fractions_and_infix(self):
        from fractions import Fraction
        a = rigor.expr.analyse("(x - 1) * 2", {"x": (Fraction(1, 3), 2)}, infix=True)
        b = json.loads(run_rigor("analyse", "--infix", "(x - 1) * 2", "--range", "x=1/3:2", "--json")[1])
        assert_same_document(self, a, b)


if __name__ == "__main__":
    unittest.main()
