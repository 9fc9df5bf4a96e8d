# SPDX-License-Identifier: GPL-3.0-or-later
"""VC-2 (SMPTE ST 2042-1): the exact static analysis in the structures of BBC R&D's
vc2_bit_widths Python package, the bit-width table, the integer transform.

A static analysis is a dict with the JSON document's keys.  Bounds are keyed, as the
reference's deserialise_signal_bounds keys them, by (level, array_name, x, y) and are
(lower, upper) pairs of {symbol or None: fractions.Fraction} (None: the constant term);
test patterns are keyed the same way and are TestPatternSpecification tuples whose
pattern is {(x, y): +1 or -1}.
"""
import base64
import collections
import json
import os
from fractions import Fraction

from . import _command, _rigor

__all__ = ["static_filter_analysis", "load", "StaticAnalysis", "TestPatternSpecification",
           "bit_widths_table", "dwt", "idwt"]

TestPatternSpecification = collections.namedtuple(
    "TestPatternSpecification",
    ["target", "pattern", "pattern_translation_multiple", "target_translation_multiple"])


class StaticAnalysis(dict):
    """A static analysis (a dict of the document's keys, deserialised); .json is the
    document as the reference writes it."""

    def __init__(self, text):
        document = json.loads(text)
        super().__init__(document)
        self.json = text
        for key in ("analysis_signal_bounds", "synthesis_signal_bounds"):
            self[key] = {_where(e): (_bound(e["lower_bound"]), _bound(e["upper_bound"])) for e in document[key]}
        for key in ("analysis_test_patterns", "synthesis_test_patterns"):
            self[key] = {_where(e): _pattern_specification(e) for e in document[key]}


def _where(entry):
    x, y = entry["phase"]
    return (entry["level"], entry["array_name"], x, y)


def _bound(terms):
    out = {}
    for t in terms:
        out[t["symbol"]] = out.get(t["symbol"], 0) + Fraction(int(t["numer"]), int(t["denom"]))
    return out


def _pattern(p):
    positive, mask = base64.b64decode(p["positive"]), base64.b64decode(p["mask"])
    out = {}
    for i in range(p["width"] * p["height"]):
        if mask[i // 8] >> (7 - i % 8) & 1:
            out[(p["dx"] + i % p["width"], p["dy"] + i // p["width"])] = \
                1 if positive[i // 8] >> (7 - i % 8) & 1 else -1
    return out


def _pattern_specification(e):
    return TestPatternSpecification(tuple(e["target"]), _pattern(e["pattern"]),
                                    tuple(e["pattern_translation_multiple"]),
                                    tuple(e["target_translation_multiple"]))


def _transform_args(wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho):
    args = ["-w", str(wavelet_index), "-d", str(dwt_depth), "-D", str(dwt_depth_ho)]
    if wavelet_index_ho is not None:
        args += ["-W", str(wavelet_index_ho)]
    return args


def static_filter_analysis(wavelet_index, wavelet_index_ho=None, dwt_depth=0, dwt_depth_ho=0, threads=0):
    """The exact static analysis (`vc2-static-filter-analysis`): wavelets by index, name
    or wavelet file; threads for the synthesis test patterns (0: every core)."""
    args = _transform_args(wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho) + ["-t", str(threads)]
    return StaticAnalysis(_command.document("vc2-static-filter-analysis", args))


def load(path):
    """A static analysis JSON file (the reference's or rigor's), checked as the companion
    tools check it."""
    return StaticAnalysis(_rigor.vc2.analysis_text(os.fspath(path)))


def bit_widths_table(analysis, picture_bit_width, quantisation_matrix=None, tight=False, width=None, height=None,
                     show_all_filter_phases=False, threads=0):
    """The bit-width table (`vc2-bit-widths-table --format json`) as a dict: its rows,
    the maximum quantisation index, and with tight=True the pictures the bounds hold for.

    analysis: a StaticAnalysis or a path.  quantisation_matrix: {level: {orientation:
    value}} overriding the default matrix (required for wavelets without one).
    tight: bounds that hold at every position, edges included (for every picture from
    the minimum size, or for exactly width x height)."""
    inputs = {}
    if isinstance(analysis, StaticAnalysis):
        inputs["analysis.json"] = analysis.json
        path = "{dir}/analysis.json"
    else:
        path = os.fspath(analysis)
    args = [path, "-b", str(picture_bit_width), "--format", "json", "-j", str(threads)]
    if quantisation_matrix:
        args.append("-q")
        for level, bands in quantisation_matrix.items():
            for orientation, value in bands.items():
                args += [str(level), str(orientation), str(value)]
    if tight:
        args.append("--tight")
    if width is not None or height is not None:
        args += ["--width", str(width), "--height", str(height)]
    if show_all_filter_phases:
        args.append("-p")
    return _command.json_document("vc2-bit-widths-table", args, inputs=inputs)


def dwt(picture, wavelet_index, wavelet_index_ho=None, dwt_depth=0, dwt_depth_ho=0):
    """The integer analysis transform (ST 2042-1 15.4) of a 2-D integer array:
    {level: {band name: int64 array}} (level 0: "DC" or "LL"; 2-D levels "LH", "HL",
    "HH"; horizontal-only levels "H")."""
    w_ho = "" if wavelet_index_ho is None else str(wavelet_index_ho)
    return _rigor.vc2.dwt(picture, str(wavelet_index), w_ho, dwt_depth, dwt_depth_ho)


def idwt(coefficients, wavelet_index, wavelet_index_ho=None, dwt_depth=0, dwt_depth_ho=0):
    """The integer synthesis transform: the picture (int64) from dwt()'s structure."""
    w_ho = "" if wavelet_index_ho is None else str(wavelet_index_ho)
    return _rigor.vc2.idwt(dict(coefficients), str(wavelet_index), w_ho, dwt_depth, dwt_depth_ho)
