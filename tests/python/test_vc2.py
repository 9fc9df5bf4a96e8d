# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor.vc2: exact fractions equal to the reference's documents (data/vc2/static-analysis),
test patterns decoded independently, the bit-width table against the reference's CSV
and the CLI, the integer transform against the reference's coefficients."""
import csv
import glob
import json
import os
import unittest
from fractions import Fraction

import numpy as np

import rigor
from support import DATA, rigor as run_rigor, scratch

STATIC = os.path.join(DATA, "vc2", "static-analysis")


def reference_bounds(entries):
    """The reference's deserialise_signal_bounds, written out here independently."""
    out = {}
    for e in entries:
        pair = []
        for key in ("lower_bound", "upper_bound"):
            terms = {}
            for t in e[key]:
                terms[t["symbol"]] = terms.get(t["symbol"], 0) + Fraction(int(t["numer"]), int(t["denom"]))
            pair.append(terms)
        out[(e["level"], e["array_name"], e["phase"][0], e["phase"][1])] = tuple(pair)
    return out


def reference_patterns(entries):
    out = {}
    for e in entries:
        p = e["pattern"]
        import base64
        bits = np.unpackbits(np.frombuffer(base64.b64decode(p["mask"]), np.uint8))[:p["width"] * p["height"]]
        pos = np.unpackbits(np.frombuffer(base64.b64decode(p["positive"]), np.uint8))[:p["width"] * p["height"]]
        pixels = {}
        for i in np.flatnonzero(bits):
            pixels[(p["dx"] + int(i) % p["width"], p["dy"] + int(i) // p["width"])] = 1 if pos[i] else -1
        out[(e["level"], e["array_name"], e["phase"][0], e["phase"][1])] = (
            tuple(e["target"]), pixels, tuple(e["pattern_translation_multiple"]),
            tuple(e["target_translation_multiple"]))
    return out


class StaticAnalysis(unittest.TestCase):
    def check_against(self, analysis, document):
        for key in ("wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho"):
            self.assertEqual(analysis[key], document[key])
        for key in ("analysis_signal_bounds", "synthesis_signal_bounds"):
            expected = reference_bounds(document[key])
            self.assertEqual(analysis[key], expected)
            for lower, upper in analysis[key].values():
                for v in list(lower.values()) + list(upper.values()):
                    self.assertIsInstance(v, Fraction)
        for key in ("analysis_test_patterns", "synthesis_test_patterns"):
            got = {k: tuple(v) for k, v in analysis[key].items()}
            self.assertEqual(got, reference_patterns(document[key]))

    def test_every_reference_document_exactly(self):
        files = sorted(glob.glob(os.path.join(STATIC, "*.json")))
        self.assertEqual(len(files), 11)
        for path in files:
            with self.subTest(file=os.path.basename(path)):
                with open(path) as f:
                    document = json.load(f)
                a = rigor.vc2.static_filter_analysis(document["wavelet_index"], document["wavelet_index_ho"],
                                                     document["dwt_depth"], document["dwt_depth_ho"], threads=2)
                self.check_against(a, document)
                self.check_against(rigor.vc2.load(path), document)

    def test_names_and_the_default_horizontal_wavelet(self):
        a = rigor.vc2.static_filter_analysis("le_gall_5_3", dwt_depth=1)
        self.assertEqual(a, rigor.vc2.load(os.path.join(STATIC, "w1_W1_d1_D0.json")))
        lower, upper = a["analysis_signal_bounds"][(1, "Input", 0, 0)]
        self.assertEqual((lower, upper), ({"signal_min": 1}, {"signal_max": 1}))


class BitWidthTable(unittest.TestCase):
    def test_equals_the_reference_csv(self):
        for name in ("w1_W1_d1_D0", "w3_W3_d2_D0", "w5_W5_d1_D0"):
            with self.subTest(name=name):
                with open(os.path.join(DATA, "vc2", "tables", name + "_b10_table.csv"), newline="") as f:
                    expected = list(csv.DictReader(f))
                t = rigor.vc2.bit_widths_table(rigor.vc2.load(os.path.join(STATIC, name + ".json")), 10,
                                               show_all_filter_phases=True)
                self.assertEqual(len(t["rows"]), len(expected))
                with open(os.path.join(DATA, "vc2", "tables", name + "_b10_maxqi.txt")) as f:
                    maxqi = f.read().split()[-1]
                self.assertEqual(t["maximum_quantisation_index"], int(maxqi))
                for row, ref in zip(t["rows"], expected):
                    self.assertEqual((row["type"], str(row["level"]), row["array_name"]),
                                     (ref["type"], ref["level"], ref["array_name"]))
                    self.assertEqual([str(v) for v in row["phase"]], [ref["x"], ref["y"]])
                    for k in ("lower_bound", "test_pattern_min", "test_pattern_max", "upper_bound"):
                        self.assertEqual(str(row[k]), ref[k])

    def test_plain_and_tight_equal_the_cli(self):
        path = os.path.join(STATIC, "w1_W1_d2_D0.json")
        for extra, kwargs in (([], {}), (["--tight"], {"tight": True}),
                              (["--tight", "--width", "64", "--height", "32"], {"tight": True, "width": 64, "height": 32}),
                              (["-q", "0", "LL", "3"], {"quantisation_matrix": {0: {"LL": 3}}})):
            with self.subTest(args=extra):
                code, out, err = run_rigor("vc2-bit-widths-table", path, "-b", "10", "--format", "json", *extra)
                self.assertEqual(code, 0, err)
                self.assertEqual(rigor.vc2.bit_widths_table(path, 10, **kwargs), json.loads(out))


class Transform(unittest.TestCase):
    def test_equals_the_reference_coefficients_and_inverts(self):
        with open(os.path.join(DATA, "vc2", "vc2-dwt.json")) as f:
            golden = json.load(f)
        self.assertGreater(len(golden["transforms"]), 4)
        for t in golden["transforms"]:
            config = (t["wavelet_index"], t["wavelet_index_ho"], t["dwt_depth"], t["dwt_depth_ho"])
            with self.subTest(config=config):
                picture = np.array(t["picture"], dtype=np.int64)
                c = rigor.vc2.dwt(picture, *config)
                expected = {int(level): bands for level, bands in t["coefficients"].items()}
                self.assertEqual(sorted(c), sorted(expected))
                for level, bands in expected.items():
                    self.assertEqual(sorted(c[level]), sorted(bands))
                    for name, rows in bands.items():
                        self.assertEqual(c[level][name].dtype, np.int64)
                        np.testing.assert_array_equal(c[level][name], np.array(rows, dtype=np.int64))
                np.testing.assert_array_equal(rigor.vc2.idwt(c, *config), picture)

    def test_random_pictures_round_trip_from_any_integer_dtype(self):
        rng = np.random.default_rng(2042)
        for w in range(7):
            picture = rng.integers(-512, 512, (16, 32)).astype(np.int16)
            c = rigor.vc2.dwt(picture, w, None, 2, 1)
            np.testing.assert_array_equal(rigor.vc2.idwt(c, w, None, 2, 1), picture)


if __name__ == "__main__":
    unittest.main()
