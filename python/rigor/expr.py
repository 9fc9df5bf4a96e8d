# SPDX-License-Identifier: GPL-3.0-or-later
"""Expr programs (the akarin.Expr / std.Expr language) on numpy planes.

evaluate() runs rigor's engine on 2-D arrays (uint8, uint16, float16, float32: gray8,
gray16, grayh, grays) read in place when their rows are contiguous, the GIL released
while it runs; Filter compiles once for many calls.  infix()/postfix() convert the
text, analyse() returns what `rigor analyse --json` prints.
"""
import collections
import threading

from . import _command, _rigor

__all__ = ["evaluate", "Filter", "infix", "postfix", "analyse"]


class Filter:
    """One expression, compiled on the first call (again only when the arrays' dtypes or
    shape change), then run on every call: f(*arrays, props=None, frame=0, out=None).

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

    def __call__(self, *arrays, props=None, frame=0, out=None):
        """The output plane (a new array, or out).  props: {"x.Name": value} or one
        {"Name": value} dict per array (see missing_props);
        frame: the frame number N."""
        return self._filter(*arrays, props=props, frame=frame, out=out)

    @property
    def jit_planes(self):
        """(planes run as generated code, of those in fixed point) of the last call."""
        return self._filter.jit_planes


class _Compiled:
    """The Filters evaluate() made recently, by their settings, so that calling it again
    on the same kind of plane does not compile again (compiling costs about as much as
    the kernel on a whole 1920x1080 8-bit plane).  A call takes its Filter out while it
    runs, so calls from several threads never wait for each other (each then has a
    Filter of its own); results do not depend on which Filter computes them."""

    SIZE = 16

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = collections.OrderedDict()  # settings -> [Filter, ...], oldest first

    def take(self, key):
        with self._lock:
            filters = self._idle.get(key)
            if filters:
                f = filters.pop()
                if not filters:
                    del self._idle[key]
                return f
        return None

    def give_back(self, key, f):
        with self._lock:
            self._idle.setdefault(key, []).append(f)
            self._idle.move_to_end(key)
            while len(self._idle) > self.SIZE:
                self._idle.popitem(last=False)


_compiled = _Compiled()


def evaluate(expr, *arrays, format=None, boundary="clamp", props=None, frame=0, threads=1, jit=True, out=None,
             missing_props="error"):
    """expr evaluated on the arrays (clips x, y, z, a, ... in order); see Filter.  The
    program is compiled on the first call with these settings and kept for later ones."""
    try:
        key = (expr, format, boundary, threads, jit, missing_props)
        hash(key)
    except TypeError:  # an unhashable argument: Filter says what is wrong with it
        key = None
    f = _compiled.take(key) if key is not None else None
    if f is None:
        f = Filter(expr, format=format, boundary=boundary, threads=threads, jit=jit, missing_props=missing_props)
    result = f(*arrays, props=props, frame=frame, out=out)
    if key is not None:
        _compiled.give_back(key, f)  # only a Filter whose call succeeded is kept
    return result


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
