#include "filters/regress/recipe.hpp"

#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"

namespace rigor::regress {

namespace {
constexpr std::pair<std::string_view, DescaleBorder> kBorders[] = {
    {"mirror", DescaleBorder::mirror}, {"zero", DescaleBorder::zero}, {"repeat", DescaleBorder::repeat}};
constexpr std::pair<std::string_view, OutputMode> kModes[] = {{"source", OutputMode::source},
                                                              {"444", OutputMode::full444},
                                                              {"native", OutputMode::native},
                                                              {"production", OutputMode::production}};

// A name ↔ value table's two lookups; the first entry is the fallback name.
template <class E, std::size_t N>
E by_name(const std::pair<std::string_view, E> (&table)[N], std::string_view text, const char* what,
          const char* choices) {
    for (const auto& [name, value] : table)
        if (name == text) return value;
    throw UserError("unknown " + std::string(what) + " '" + std::string(text) + "' (expected " + choices + ")");
}
template <class E, std::size_t N>
std::string_view name_of(const std::pair<std::string_view, E> (&table)[N], E value) {
    for (const auto& [name, v] : table)
        if (v == value) return name;
    return table[0].first;
}

}  // namespace

DescaleBorder parse_descale_border(std::string_view text) {
    return by_name(kBorders, text, "descale border", "mirror, zero or repeat");
}
std::string_view to_string(DescaleBorder border) { return name_of(kBorders, border); }
OutputMode parse_output_mode(std::string_view text) {
    return by_name(kModes, text, "output mode", "source, 444, native or production");
}
std::string_view to_string(OutputMode mode) { return name_of(kModes, mode); }

std::string to_string(Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

Size Chain::output_size(Size input) const {
    for (const ResizeStep& s : steps) input = {s.width.value_or(input.width), s.height.value_or(input.height)};
    return input;
}

Size ChromaRecipe::check_sizes(Size luma_base, Size chroma) const {
    const Size ld = demangle_luma.output_size(mangle_luma.output_size(luma_base));
    const Size cd = demangle_chroma.output_size(chroma);
    const Size lb = base_for_reconstruct.output_size(luma_base);
    if (cd != ld)
        throw UserError("recipe '" + name + "': chain demangle_chroma ends at " + to_string(cd) + " (from chroma " +
                        to_string(chroma) + ") but mangle_luma + demangle_luma end at " + to_string(ld) +
                        " (from luma base " + to_string(luma_base) + "); all chains must end at the same size");
    if (lb != ld)
        throw UserError("recipe '" + name + "': chain base_for_reconstruct ends at " + to_string(lb) +
                        " but the demangled luma is " + to_string(ld) + "; they must match");
    return ld;
}

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw UserError("recipe " + where + ": " + what);
}

ShiftSpec parse_shift(const json& v, const std::string& where) {
    if (v.is_number()) {
        const double d = v.get<double>();
        if (!(std::fabs(d) <= 65536)) fail(where, "a shift must be from -65536 to 65536 (got " + v.dump() + ")");
        return {ShiftSpec::Source::number, d};
    }
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "to_full") return {ShiftSpec::Source::to_full, 0};
        if (s == "to_subsampled") return {ShiftSpec::Source::to_subsampled, 0};
    }
    fail(where, "a shift must be a number, \"to_full\" or \"to_subsampled\" (got " + v.dump() + ")");
}

int parse_dimension(const json& v, const std::string& where) {
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 65536)
        fail(where, "a size must be an integer from 1 to 65536 (got " + v.dump() + ")");
    return v.get<int>();
}

double parse_window(const json& v, const std::string& where) {
    if (!v.is_number() || !(v.get<double>() > 0 && v.get<double>() <= 65536))
        fail(where, "src_width and src_height must be numbers above 0, at most 65536 (got " + v.dump() + ")");
    return v.get<double>();
}

// The keys every resize step has; `extra` gets the others (true: taken).
using ExtraKey = std::function<bool(const std::string& key, const json& value)>;

ResizeStep parse_step(const json& s, const std::string& at, const ExtraKey& extra, const char* extra_names) {
    if (!s.is_object()) fail(at, "must be an object with \"kernel\"");
    if (!s.contains("kernel") || !s["kernel"].is_string()) fail(at, "needs \"kernel\" (a string)");
    ResizeStep step;
    try {
        step.kernel = parse_resize_kernel(s["kernel"].get<std::string>());
    } catch (const UserError& e) {
        fail(at, e.what());
    }
    for (const auto& [key, value] : s.items()) {
        if (key == "kernel") continue;
        else if (key == "width") step.width = parse_dimension(value, at);
        else if (key == "height") step.height = parse_dimension(value, at);
        else if (key == "src_left") step.src_left = parse_shift(value, at);
        else if (key == "src_top") step.src_top = parse_shift(value, at);
        else if (key == "src_width") step.src_width = parse_window(value, at);
        else if (key == "src_height") step.src_height = parse_window(value, at);
        else if (key == "b" || key == "c") {
            if (step.kernel.kind != ResizeKernel::Kind::bicubic || !value.is_number() ||
                !(std::fabs(value.get<double>()) <= 16))
                fail(at, "\"" + key + "\" is a number from -16 to 16 for bicubic kernels only");
            (key == "b" ? step.kernel.b : step.kernel.c) = value.get<double>();
        } else if (key == "taps") {
            if (step.kernel.kind != ResizeKernel::Kind::lanczos || !value.is_number_integer() ||
                value.get<long long>() < 1 || value.get<long long>() > 64)
                fail(at, "\"taps\" is an integer from 1 to 64 for lanczos only");
            step.kernel.taps = value.get<int>();
        } else if (!extra || !extra(key, value))
            fail(at, "unknown key \"" + key + "\" (expected kernel, width, height, src_left, src_top, src_width, "
                     "src_height, b, c, taps" + extra_names + ")");
    }
    return step;
}

Chain parse_chain(const json& v, const std::string& name, const std::string& origin) {
    const std::string where = origin + ", chain " + name;
    if (!v.is_array()) fail(where, "must be a list of resize steps");
    Chain chain{name, {}};
    for (std::size_t i = 0; i < v.size(); ++i)
        chain.steps.push_back(parse_step(v[i], where + " step " + std::to_string(i + 1), nullptr, ""));
    return chain;
}

DescaleStep parse_descale(const json& v, const std::string& origin) {
    const std::string at = origin + ", descale";
    DescaleStep d;
    d.step = parse_step(
        v, at,
        [&](const std::string& key, const json& value) {
            if (key == "border") {
                if (!value.is_string()) fail(at, "\"border\" must be mirror, zero or repeat");
                try {
                    d.border = parse_descale_border(value.get<std::string>());
                } catch (const UserError& e) {
                    fail(at, e.what());
                }
                return true;
            }
            if (key == "blur") {
                if (!value.is_number() || !(value.get<double>() >= 0.01 && value.get<double>() <= 100))
                    fail(at, "\"blur\" must be a number from 0.01 to 100");
                return true;  // applied below, after the kernel is known
            }
            return false;
        },
        ", border, blur");
    if (v.contains("blur")) d.step.kernel.blur = v["blur"].get<double>();
    if (!d.step.width || !d.step.height) fail(at, "needs \"width\" and \"height\" (the production size)");
    for (const ShiftSpec* s : {&d.step.src_left, &d.step.src_top})
        if (s->source != ShiftSpec::Source::number) fail(at, "shifts must be numbers (the luma has no siting)");
    return d;
}

OutputStep parse_output(const json& v, const std::string& origin) {
    const std::string at = origin + ", output";
    if (!v.is_object()) fail(at, "must be an object");
    OutputStep out;
    json step = v;
    if (!step.contains("kernel")) step["kernel"] = "hermite";
    out.step = parse_step(
        step, at,
        [&](const std::string& key, const json& value) {
            if (key != "mode") return false;
            if (!value.is_string()) fail(at, "\"mode\" must be source, 444, native or production");
            try {
                out.mode = parse_output_mode(value.get<std::string>());
            } catch (const UserError& e) {
                fail(at, e.what());
            }
            return true;
        },
        ", mode");
    if (out.step.width || out.step.height) fail(at, "the output size follows from the mode; give no width or height");
    out.shift_given = v.contains("src_left") || v.contains("src_top");
    return out;
}

}  // namespace

ChromaRecipe parse_recipe(const std::string& text, const std::string& origin) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {  // also out_of_range (huge numbers)
        fail(origin, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) fail(origin, "must be a JSON object");
    ChromaRecipe r;
    r.name = origin;
    bool has_demangle = false, has_split = false;
    for (const auto& [key, value] : doc.items()) {
        if (key == "name" || key == "description") {
            if (!value.is_string()) fail(origin, "\"" + key + "\" must be a string");
            (key == "name" ? r.name : r.description) = value.get<std::string>();
        } else if (key == "radius" || key == "recon_radius") {
            if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 1024)
                fail(origin, "\"" + key + "\" must be an integer from 0 to 1024");
            (key == "radius" ? r.radius : r.recon_radius) = value.get<int>();
        } else if (key == "alpha") {
            if (!value.is_number()) fail(origin, "\"alpha\" must be a number");
            r.alpha = value.get<double>();
        } else if (key == "mean" || key == "recon_mean" || key == "border" || key == "recon_border") {
            if (!value.is_string()) fail(origin, "\"" + key + "\" must be a string");
            try {
                if (key == "mean") r.mean = parse_mean_mode(value.get<std::string>());
                else if (key == "recon_mean") r.recon_mean = parse_mean_mode(value.get<std::string>());
                else (key == "border" ? r.border : r.recon_border) = parse_border_mode(value.get<std::string>());
            } catch (const UserError& e) {
                fail(origin, "\"" + key + "\": " + e.what());
            }
        } else if (key == "descale") r.descale = parse_descale(value, origin);
        else if (key == "output") r.output = parse_output(value, origin);
        else if (key == "mangle_luma") r.mangle_luma = parse_chain(value, key, origin);
        else if (key == "base_for_reconstruct") r.base_for_reconstruct = parse_chain(value, key, origin);
        else if (key == "demangle") {
            has_demangle = true;
            r.demangle_luma = parse_chain(value, "demangle (luma)", origin);
            r.demangle_chroma = parse_chain(value, "demangle (chroma)", origin);
        } else if (key == "demangle_luma" || key == "demangle_chroma") {
            has_split = true;
            (key == "demangle_luma" ? r.demangle_luma : r.demangle_chroma) = parse_chain(value, key, origin);
        } else
            fail(origin, "unknown key \"" + key +
                             "\" (expected name, description, radius, recon_radius, alpha, mean, recon_mean, border, "
                             "recon_border, mangle_luma, demangle, "
                             "demangle_luma, demangle_chroma, base_for_reconstruct, descale, output)");
    }
    if (has_demangle && has_split) fail(origin, "give either \"demangle\" or \"demangle_luma\"/\"demangle_chroma\", not both");
    return r;
}

ChromaRecipe load_recipe(const std::string& path) {
    std::ifstream in = open_input_file(path);
    std::ostringstream text;
    text << in.rdbuf();
    return parse_recipe(text.str(), "'" + path + "'");
}

Shift resolve_shift(const ResizeStep& step, ChromaLocation location, int ssw, int ssh, Size src, Size dst) {
    const Shift full = to_full(location, ssw, ssh);
    const Shift sub = to_subsampled(location, ssw, ssh, src.width, src.height, dst.width, dst.height);
    auto pick = [&](const ShiftSpec& s, double from_full, double from_sub) {
        switch (s.source) {
            case ShiftSpec::Source::number: return s.value;
            case ShiftSpec::Source::to_full: return from_full;
            case ShiftSpec::Source::to_subsampled: return from_sub;
        }
        return 0.0;
    };
    return {pick(step.src_top, full.top, sub.top), pick(step.src_left, full.left, sub.left)};
}

}  // namespace rigor::regress
