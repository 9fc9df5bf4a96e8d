# SPDX-License-Identifier: GPL-3.0-or-later
"""rigor for Python: exact and numeric analysis of video filters.

    rigor.expr     Expr programs on numpy planes; infix, postfix; analyse
    rigor.vc2      the VC-2 static analysis with exact fractions, the bit-width
                   table, the integer transform on numpy arrays
    rigor.regress  local regression, reconstruct, the derived model

Errors are rigor.Error: rigor.UserError (also a ValueError) for bad input,
rigor.IoError (a UserError and an OSError) for files, rigor.InternalError (also a
RuntimeError) for bugs; the message is the one line the rigor program prints.
"""
from ._rigor import Error, UserError, IoError, InternalError
from . import expr, vc2, regress

__all__ = ["Error", "UserError", "IoError", "InternalError", "expr", "vc2", "regress"]
