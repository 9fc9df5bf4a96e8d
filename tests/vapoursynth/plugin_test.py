#!/usr/bin/env python3
# The VapourSynth plugin against rigor's command line, bit for bit: core.rigor.Expr on
# every golden Expr case (data/expr/manifest.json) and on frame properties (numbers and
# strings), core.rigor.Regression / Reconstruct against `rigor regress` / `reconstruct`,
# core.rigor.Select against the rule it implements, and hostile input (wrong formats,
# mismatched sizes, bad expressions, missing properties) as vapoursynth.Error, never a
# crash.  Exit 77 (CTest's SKIP_RETURN_CODE) when VapourSynth or the plugin is missing.
#
# usage: plugin_test.py PLUGIN RIGOR DATA_DIR
import ctypes
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

SKIP = 77

if len(sys.argv) != 4:
    sys.exit("usage: plugin_test.py PLUGIN RIGOR DATA_DIR")
PLUGIN, RIGOR, DATA = sys.argv[1:]
if not PLUGIN or not os.path.exists(PLUGIN):
    print("SKIP: the plugin was not built (no VapourSynth SDK found by pkg-config)")
    sys.exit(SKIP)
try:
    import vapoursynth as vs
except ImportError as e:
    print("SKIP: import vapoursynth failed:", e)
    sys.exit(SKIP)

core = vs.core
core.std.LoadPlugin(PLUGIN)
TMP = tempfile.mkdtemp(prefix="rigor_vs_")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


# --- y4m files as VapourSynth clips and back ------------------------------------------

# y4m colour tag -> VapourSynth format (vspipe's tags, as data/expr/README.md lists).
Y4M_FORMATS = {"mono": vs.GRAY8, "mono10": vs.GRAY10, "mono16": vs.GRAY16, "mono32": vs.GRAYS,
               "420": vs.YUV420P8, "420jpeg": vs.YUV420P8, "444p16": vs.YUV444P16, "444ps": vs.YUV444PS}
NAMES = {"gray8": vs.GRAY8, "gray10": vs.GRAY10, "gray16": vs.GRAY16, "grays": vs.GRAYS,
         "yuv420p8": vs.YUV420P8, "yuv444p16": vs.YUV444P16, "yuv444ps": vs.YUV444PS}


def read_y4m(path):
    """(format, width, height, [frame bytes]) of a y4m file."""
    with open(path, "rb") as f:
        data = f.read()
    header, rest = data.split(b"\n", 1)
    fields = {t[:1]: t[1:] for t in header.split(b" ")[1:]}
    fmt = core.get_video_format(Y4M_FORMATS[fields.get(b"C", b"420").decode()])
    w, h = int(fields[b"W"]), int(fields[b"H"])
    size = sum(plane_bytes(fmt, w, h, p) for p in range(fmt.num_planes))
    frames = []
    while rest:
        marker, rest = rest.split(b"\n", 1)
        assert marker.startswith(b"FRAME"), marker
        frames.append(rest[:size])
        rest = rest[size:]
    return fmt, w, h, frames


def plane_dims(fmt, w, h, p):
    if p == 0:
        return w, h
    return (w + (1 << fmt.subsampling_w) - 1) >> fmt.subsampling_w, (h + (1 << fmt.subsampling_h) - 1) >> fmt.subsampling_h


def plane_bytes(fmt, w, h, p):
    pw, ph = plane_dims(fmt, w, h, p)
    return pw * ph * fmt.bytes_per_sample


def write_y4m(path, tag, w, h, frames):
    with open(path, "wb") as f:
        f.write(b"YUV4MPEG2 W%d H%d F25:1 Ip A0:0 C%s\n" % (w, h, tag.encode()))
        for frame in frames:
            f.write(b"FRAME\n" + frame)


def clip_from_frames(fmt, w, h, frames):
    """A clip whose frame n holds frames[n]'s samples (planes packed, no padding)."""
    blank = core.std.BlankClip(format=fmt.id, width=w, height=h, length=len(frames))

    def fill(n, f):
        out = f.copy()
        data, offset = frames[n], 0
        for p in range(fmt.num_planes):
            pw, ph = plane_dims(fmt, w, h, p)
            row = pw * fmt.bytes_per_sample
            ptr, stride = out.get_write_ptr(p).value, out.get_stride(p)
            for y in range(ph):
                ctypes.memmove(ptr + y * stride, data[offset:offset + row], row)
                offset += row
        return out

    return core.std.ModifyFrame(blank, blank, fill)


def frame_bytes(frame):
    """A VapourSynth frame's samples, planes packed without padding."""
    fmt = frame.format
    out = []
    for p in range(fmt.num_planes):
        pw, ph = plane_dims(fmt, frame.width, frame.height, p)
        row = pw * fmt.bytes_per_sample
        ptr, stride = frame.get_read_ptr(p).value, frame.get_stride(p)
        out.extend(ctypes.string_at(ptr + y * stride, row) for y in range(ph))
    return b"".join(out)


def clip_bytes(clip):
    return [frame_bytes(clip.get_frame(n)) for n in range(clip.num_frames)]


def load(path):
    fmt, w, h, frames = read_y4m(path)
    return clip_from_frames(fmt, w, h, frames)


def rigor(*args):
    r = subprocess.run([RIGOR, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("rigor %s: %s" % (" ".join(args), r.stderr.strip()))


def raises(what, make, needle):
    """make() must raise vapoursynth.Error whose message holds `needle`."""
    try:
        result = make()
        if isinstance(result, vs.VideoNode):
            result.get_frame(0)
    except vs.Error as e:
        check(needle in str(e), "%s: message %r lacks %r" % (what, str(e), needle))
        return
    check(False, "%s: no error raised" % what)


# --- Expr on the golden cases ---------------------------------------------------------

manifest = json.load(open(os.path.join(DATA, "expr", "manifest.json")))
cases = 0
for case in manifest["cases"]:
    inputs = [os.path.join(DATA, "expr", i) for i in case["inputs"]]
    out = os.path.join(TMP, "cli_%03d.y4m" % case["id"])
    args = ["expr", "-q", "-o", out, "--boundary", case["boundary"]]
    for e in case["expr"]:
        args += ["-e", e]
    kwargs = {"boundary": 1 if case["boundary"] == "mirror" else 0}
    if case["format_given"]:
        args += ["--format", case["output_format"]]
        kwargs["format"] = NAMES[case["output_format"]]
    rigor(*args, *inputs)
    expected = read_y4m(out)[3]
    got = clip_bytes(core.rigor.Expr([load(i) for i in inputs], case["expr"], **kwargs))
    check(got == expected, "Expr case %d (%s): differs from rigor expr" % (case["id"], case["expr"]))
    cases += 1
print("Expr: %d golden cases equal to rigor expr" % cases)

# Frame properties: numbers and strings (first byte), as rigor expr --prop gives them.
gray = os.path.join(DATA, "expr", "in_gray8_0.y4m")
clip = core.std.SetFrameProp(load(gray), prop="Gain", floatval=1.5)
clip = core.std.SetFrameProp(clip, prop="Offset", intval=7)
clip = core.std.SetFrameProp(clip, prop="_PictType", data="I")
program = "x x.Gain * x.Offset + x._PictType 64 - +"
out = os.path.join(TMP, "cli_props.y4m")
rigor("expr", "-q", "-e", program, "--prop", "x.Gain=1.5", "--prop", "x.Offset=7", "--prop", "x._PictType=73",
      "-o", out, gray)
check(clip_bytes(core.rigor.Expr(clip, program)) == read_y4m(out)[3], "Expr: frame properties differ from rigor expr")
# A missing property is NaN (akarin), which an integer output stores as 0 here.
nan_out = clip_bytes(core.rigor.Expr(load(gray), "x.Missing"))
check(all(b == 0 for frame in nan_out for b in frame), "Expr: a missing property is not NaN")
# N counts frames; the output has the longest clip's length and clip 0's properties.
longer = core.std.Splice([load(gray), load(gray)])
result = core.rigor.Expr([clip, longer], "N")
check(result.num_frames == 6, "Expr: length is not the longest clip's")
check(result.get_frame(1).props["Gain"] == 1.5, "Expr: clip 0's properties are not kept")
check(frame_bytes(result.get_frame(4))[0] == 4, "Expr: N is not the frame number")
# An empty expression copies clip 0's plane; more planes than given repeat the last.
yuv = load(os.path.join(DATA, "expr", "in_yuv420p8_0.y4m"))
copy = core.rigor.Expr(yuv, ["x 1 +", ""])
src, dst = yuv.get_frame(0), copy.get_frame(0)
check(frame_bytes(dst)[38 * 24:] == frame_bytes(src)[38 * 24:], "Expr: '' does not copy the chroma planes")

# --- Select ---------------------------------------------------------------------------

a = core.std.BlankClip(format=vs.GRAY8, width=8, height=4, length=4, color=10)
b = core.std.BlankClip(format=vs.GRAY8, width=8, height=4, length=4, color=20)
scores = core.std.Splice([core.std.SetFrameProp(a[n], prop="Score", floatval=s) for n, s in enumerate([0.2, 0.9, 1.6, -3])])
picked = core.rigor.Select([a, b], scores, "x.Score")
values = [frame_bytes(picked.get_frame(n))[0] for n in range(4)]
check(values == [10, 20, 20, 10], "Select: picked %s, expected [10, 20, 20, 10]" % values)
check(frame_bytes(core.rigor.Select([a, b], a, "x.Missing 1 +").get_frame(0))[0] == 20,
      "Select: a missing property is not 0")

# --- Regression and Reconstruct against rigor regress / reconstruct -------------------

rng = random.Random(15)
W, H, FRAMES = 45, 31, 2


def random_frames(scale, offset):
    return [struct.pack("<%df" % (W * H), *[offset + scale * rng.random() for _ in range(W * H)]) for _ in range(FRAMES)]


x_frames = random_frames(1.0, 0.0)
y_frames = [struct.pack("<%df" % (W * H), *[0.3 * v - 0.1 + 0.05 * rng.random() for v in struct.unpack("<%df" % (W * H), f)])
            for f in x_frames]
paths = {name: os.path.join(TMP, name + ".y4m") for name in ("x", "y", "slope", "corr", "icpt", "rec", "rec2")}
write_y4m(paths["x"], "mono32", W, H, x_frames)
write_y4m(paths["y"], "mono32", W, H, y_frames)
grays = core.get_video_format(vs.GRAYS)
xc, yc = clip_from_frames(grays, W, H, x_frames), clip_from_frames(grays, W, H, y_frames)
for radius, method, intercept in ((1, "threshold", 0), (2, "fisher", 1), (3, "threshold", 2)):
    what = "Regression radius=%d %s intercept=%g" % (radius, method, intercept)
    args = ["regress", "--x", paths["x"], "--y", paths["y"], "--radius", str(radius), "--weight-method", method,
            "--intercept", str(intercept), "--slope", paths["slope"], "--correlation", paths["corr"], "--threads", "2"]
    if intercept:
        args += ["--intercept-out", paths["icpt"]]
    rigor(*args)
    outs = core.rigor.Regression(xc, [yc], radius=radius, weight_method=method, intercept=intercept)
    check(len(outs) == (3 if intercept else 2), what + ": wrong number of clips")
    check(clip_bytes(outs[0]) == read_y4m(paths["slope"])[3], what + ": slope differs from rigor regress")
    check(clip_bytes(outs[1]) == read_y4m(paths["corr"])[3], what + ": correlation differs from rigor regress")
    check("RegressWeight" in outs[1].get_frame(0).props, what + ": no RegressWeight property")
    if intercept:
        check(clip_bytes(outs[2]) == read_y4m(paths["icpt"])[3], what + ": intercept differs from rigor regress")
        rigor("reconstruct", "--x", paths["x"], "--slope", paths["slope"], "--correlation", paths["corr"],
              "--intercept-in", paths["icpt"], "--radius", "2", "-o", paths["rec"])
        rec = core.rigor.Reconstruct(xc, outs[0], outs[1], outs[2], radius=2)
        check(clip_bytes(rec) == read_y4m(paths["rec"])[3], what + ": Reconstruct differs from rigor reconstruct")
    rigor("reconstruct", "--x", paths["x"], "--slope", paths["slope"], "--correlation", paths["corr"], "--radius",
          "0", "--eps", "1e-5", "-o", paths["rec2"])
    rec = core.rigor.Reconstruct(xc, outs[0], outs[1], radius=0, eps=1e-5)
    check(clip_bytes(rec) == read_y4m(paths["rec2"])[3], what + ": Reconstruct (radius 0) differs")
# Two clips to predict: two (slope, correlation) pairs, the second as if alone.
pair = core.rigor.Regression(xc, [yc, xc])
check(len(pair) == 4 and clip_bytes(pair[0]) == clip_bytes(core.rigor.Regression(xc, yc)[0]),
      "Regression: two ys do not give two independent pairs")

# --- Hostile input: clean errors, never a crash ----------------------------------------

g8 = core.std.BlankClip(format=vs.GRAY8, width=16, height=8)
g8_small = core.std.BlankClip(format=vs.GRAY8, width=8, height=8)
yuv8 = core.std.BlankClip(format=vs.YUV420P8, width=16, height=8)
gs = core.std.BlankClip(format=vs.GRAYS, width=16, height=8)
gs_small = core.std.BlankClip(format=vs.GRAYS, width=8, height=8)
g32 = core.std.BlankClip(format=vs.GRAY32, width=16, height=8)
raises("Expr: bad expression", lambda: core.rigor.Expr(g8, "x +"), "plane 0")
raises("Expr: bad expression on plane 1", lambda: core.rigor.Expr(yuv8, ["x", "x y"]), "planes 1, 2")  # the last expression serves planes 1 and 2
raises("Expr: unknown token", lambda: core.rigor.Expr(g8, "x foo"), "Expr:")
raises("Expr: too many expressions", lambda: core.rigor.Expr(g8, ["x", "x"]), "plane")
raises("Expr: sizes", lambda: core.rigor.Expr([g8, g8_small], "x y +"), "one size")
raises("Expr: families", lambda: core.rigor.Expr([g8, yuv8], "x y +"), "colour family")
raises("Expr: 32-bit integer", lambda: core.rigor.Expr(g32, "x"), "accepted are")
raises("Expr: boundary", lambda: core.rigor.Expr(g8, "x", boundary=2), "boundary")
raises("Expr: format", lambda: core.rigor.Expr(g8, "x", format=12345), "not a VapourSynth format")
raises("Expr: empty on another format", lambda: core.rigor.Expr(g8, "", format=vs.GRAYS), "plane 0")
raises("Expr: clip beyond inputs", lambda: core.rigor.Expr(g8, "x y +"), "Expr:")
raises("Select: pixel access", lambda: core.rigor.Select([g8, g8], g8, "x 1 +"), "Select:")
raises("Select: formats", lambda: core.rigor.Select([g8, yuv8], g8, "0"), "one format")
raises("Select: property clip beyond prop_src", lambda: core.rigor.Select([g8], g8, "y.A"), "Select:")
raises("Regression: format", lambda: core.rigor.Regression(g8, [g8]), "only GRAYS")
raises("Regression: sizes", lambda: core.rigor.Regression(gs, [gs_small]), "16x8")
raises("Regression: radius", lambda: core.rigor.Regression(gs, [gs], radius=0), "radius")
raises("Regression: alpha", lambda: core.rigor.Regression(gs, [gs], alpha=2.0), "alpha")
raises("Regression: method", lambda: core.rigor.Regression(gs, [gs], weight_method="magic"), "magic")
raises("Reconstruct: format", lambda: core.rigor.Reconstruct(gs, g8, gs), "only GRAYS")
raises("Reconstruct: sizes", lambda: core.rigor.Reconstruct(gs, gs, gs_small), "16x8")

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all checks passed")
