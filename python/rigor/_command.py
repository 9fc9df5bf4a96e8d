# SPDX-License-Identifier: GPL-3.0-or-later
"""A rigor command run in-process on a private scratch folder: for results that are a
document the CLI writes (so Python gets exactly the CLI's document and messages)."""
import json
import os
import tempfile

from . import _rigor


def document(command, args, name="out.json", inputs=None):
    """Runs `rigor COMMAND ARGS... -o <scratch>/NAME` and returns the file's text.

    inputs: {file name: text} written to the scratch folder first; "{dir}" in an
    argument is replaced by the folder's path."""
    with tempfile.TemporaryDirectory(prefix="rigor-") as folder:
        for file_name, text in (inputs or {}).items():
            with open(os.path.join(folder, file_name), "w", encoding="utf-8") as f:
                f.write(text)
        output = os.path.join(folder, name)
        args = [a.replace("{dir}", folder) for a in args]
        _rigor.command(command, args + ["-o", output])
        with open(output, encoding="utf-8") as f:
            return f.read()


def json_document(command, args, inputs=None):
    return json.loads(document(command, args, inputs=inputs))


def number_text(value):
    """A number as the CLI reads it: integers and Fractions exactly, floats by repr."""
    import numbers
    from fractions import Fraction
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _rigor.UserError("expected a number, got %r" % (value,))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Fraction):
        return "%d/%d" % (value.numerator, value.denominator)
    return repr(float(value))
