# SPDX-License-Identifier: GPL-3.0-or-later
"""Local linear regression (spec: local-regression.md) on numpy float32 planes, and the
model it derives (`rigor regress-model`)."""
import collections

from . import _command, _rigor

__all__ = ["regression", "reconstruct", "Regression", "model"]

Regression = collections.namedtuple("Regression", ["slope", "correlation", "intercept", "weight"])


DEFAULT_BORDER = _rigor.regress.default_border  # "vszip", the library's default
BORDERS = ("vszip", "mirror", "reflect", "clamp")


def regression(x, y, radius=1, alpha=0.2, weight_method="threshold", intercept=0, eps=1e-7, border=DEFAULT_BORDER,
               threads=None):
    """The regression of y on x over (2r+1)^2 windows (`rigor regress`): a Regression of
    the slope, correlation and (intercept > 0) intercept planes and the reliability
    weight w.  border: how the window means read past the edges, one of BORDERS; the
    default "vszip" is the module's own box blur (vszip.BoxBlur: reflect at the top/left,
    past the bottom/right the sample at offset d from the centre is n-1-d; mirror above
    radius 22), "mirror" repeats the edge (Expr's :m), "reflect" does not, "clamp"
    extends it.  threads: None uses every core (results do not depend on it)."""
    return Regression(*_rigor.regress.regression(x, y, radius, alpha, weight_method, intercept, eps, border,
                                                 threads))


def reconstruct(x, slope, correlation, intercept=None, radius=1, eps=1e-7, border=DEFAULT_BORDER, threads=None):
    """The correlation-weighted average of the neighbours' linear models (`rigor
    reconstruct`); border as regression's."""
    return _rigor.regress.reconstruct(x, slope, correlation, intercept, radius, eps, border, threads)


def model(radius=1, alpha=0.2, weight_method="threshold", intercept=0, eps=1e-7, recon_radius=1,
          x_range=(0, 1), y_range=(-0.5, 0.5)):
    """The regression model derived (`rigor regress-model --json`): the Expr strings, the
    formulas as text and the exact ranges, as a dict."""
    n = _command.number_text
    args = ["--radius", str(radius), "--alpha", n(alpha), "--weight-method", weight_method,
            "--intercept", n(intercept), "--eps", n(eps), "--recon-radius", str(recon_radius),
            "--x-range", n(x_range[0]) + ":" + n(x_range[1]), "--y-range", n(y_range[0]) + ":" + n(y_range[1]),
            "--json"]
    return _command.json_document("regress-model", args)
