# SPDX-License-Identifier: GPL-3.0-or-later
"""Expr programs (the akarin.Expr / std.Expr language) on numpy planes.

Filter(expr, ...).evaluate(*arrays) runs rigor's engine on 2-D arrays (uint8, uint16,
float16, float32: gray8, gray16, grayh, grays) read in place when their rows are
contiguous, the GIL released while it runs; the caller keeps the Filter, which compiles
once for many calls.  evaluate() is the one-shot form (compiles every call, keeps
nothing).  infix()/postfix() convert the text, analyse() returns what
`rigor analyse --json` prints.
"""
from . import _command, _rigor

__all__ = ["evaluate", "Filter", "infix", "postfix", "analyse"]


class Filter:
    """One expression held by the caller: compiled on the first evaluate() (again only
    when the arrays' dtypes or shape change), then run on every call:
    f.evaluate(*arrays, props=None, frame=0, out=None), or f(*arrays, ...).  Keep one
    per expression (and per thread for threads that should not take turns: calls on
    one Filter from several threads are serialised).

    format: the output's format name ("gray10", "grays", ...) or numpy dtype; None: the
    first array's.  boundary: "clamp" or "mirror" (the default rule of x[dx,dy]).
    threads: threads over rows (the results do not depend on it).  jit: False runs the
    block interpreter only (the same results, slower).  missing_props: what a property a
    frame lacks reads as: "error" (the default, as in the CLI: an exception naming it),
    "nan" (akarin.Expr's rule) or "zero" (akarin.Select's)."""

    def __init__(self, expr, format=None, boundary="clamp", threads=1, jit=True, missing_props="error"):
        if not isinstance(expr, str):
            raise _rigor.UserError("expr is a string holding one postfix program, got %r" % (expr,))
        self._filter = _rigor.expr.Filter(expr, format, boundary, threads, jit, missing_props)

    def evaluate(self, *arrays, props=None, frame=0, out=None):
        """The output plane (a new array, or out).  props: {"x.Name": value} or one
        {"Name": value} dict per array (see missing_props);
        frame: the frame number N."""
        return self._filter(*arrays, props=props, frame=frame, out=out)

    __call__ = evaluate

    @property
    def jit_planes(self):
        """(planes run as generated code, of those in fixed point) of the last call."""
        return self._filter.jit_planes


def evaluate(expr, *arrays, format=None, boundary="clamp", props=None, frame=0, threads=1, jit=True, out=None,
             missing_props="error"):
    """expr evaluated once on the arrays (clips x, y, z, a, ... in order); see Filter.
    A one-shot convenience: it compiles on every call and keeps nothing, so code that
    runs one expression on many planes holds a Filter instead."""
    f = Filter(expr, format=format, boundary=boundary, threads=threads, jit=jit, missing_props=missing_props)
    return f.evaluate(*arrays, props=props, frame=frame, out=out)


def infix(postfix_text):
    """A postfix program as infix text (`rigor infix`)."""
    return _rigor.expr.infix(postfix_text)


def postfix(infix_text, stored=False):
    """An infix expression as a postfix program (`rigor postfix [--stored]`)."""
    return _rigor.expr.postfix(infix_text, stored)


def analyse(expr, ranges, format=None, inputs=None, infix=False):
    """The analysis `rigor analyse --json` prints, as a dict.

    ranges: {input name: (min, max)} (ints, floats or Fractions; or "min:max" text).
    format: the output format name (None: float, no clipping).  inputs: the stored
    format of the inputs, one name for all or {clip: name}.  infix: expr is infix."""
    args = [expr]
    for name, value in dict(ranges).items():
        if isinstance(value, str):
            text = value
        else:
            lo, hi = value
            text = _command.number_text(lo) + ":" + _command.number_text(hi)
        args += ["--range", "%s=%s" % (name, text)]
    if format is not None:
        args += ["--format", format]
    if isinstance(inputs, str):
        args += ["--input", inputs]
    elif inputs is not None:
        args += sum((["--input", "%s=%s" % (c, f)] for c, f in dict(inputs).items()), [])
    if infix:
        args.append("--infix")
    return _command.json_document("analyse", args + ["--json"])
