#include "filters/formats/vc2_static_analysis_reader.hpp"

#include "filters/base/error.hpp"
#include "filters/formats/json_file.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/base64.hpp"

namespace rigor::formats {

namespace {

using Json = nlohmann::json;

// The position of a value inside the document, for error messages.
struct Field {
    const std::string& source;
    std::string path;

    Field operator[](const std::string& key) const { return {source, path.empty() ? key : path + "." + key}; }
    Field operator[](std::size_t i) const { return {source, path + "[" + std::to_string(i) + "]"}; }
    [[noreturn]] void fail(const std::string& what) const { throw UserError(source + ": " + path + ": " + what); }
};

const Json& member(const Json& object, const Field& at, const std::string& key) {
    if (!object.is_object()) at.fail("expected an object");
    const auto it = object.find(key);
    if (it == object.end()) at[key].fail("missing");
    return *it;
}

const Json& array_of(const Json& value, const Field& at, std::size_t size = 0) {
    if (!value.is_array()) at.fail("expected a list");
    if (size != 0 && value.size() != size) at.fail("expected a list of " + std::to_string(size) + " numbers");
    return value;
}

long integer(const Json& value, const Field& at) {
    if (!value.is_number_integer()) at.fail("expected an integer");
    return value.get<long>();
}

long integer_member(const Json& object, const Field& at, const std::string& key) {
    return integer(member(object, at, key), at[key]);
}

std::string string_member(const Json& object, const Field& at, const std::string& key) {
    const Json& v = member(object, at, key);
    if (!v.is_string()) at[key].fail("expected a string");
    return v.get<std::string>();
}

boost::multiprecision::cpp_int big_integer(const Json& object, const Field& at, const std::string& key) {
    const std::string text = string_member(object, at, key);
    std::size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
    if (i == text.size()) at[key].fail("expected a string holding an integer");
    for (; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') at[key].fail("expected a string holding an integer, got \"" + text + "\"");
    return boost::multiprecision::cpp_int(text);
}

LinearExpression expression(const Json& value, const Field& at) {
    LinearExpression out;
    array_of(value, at);
    for (std::size_t i = 0; i < value.size(); ++i) {
        const Field t = at[i];
        LinearTerm term;
        const Json& symbol = member(value[i], t, "symbol");
        if (symbol.is_string())
            term.symbol = symbol.get<std::string>();
        else if (!symbol.is_null())
            t["symbol"].fail("expected a string or null");
        const auto numer = big_integer(value[i], t, "numer");
        const auto denom = big_integer(value[i], t, "denom");
        if (denom <= 0) t["denom"].fail("expected a positive integer");
        term.coefficient = Rational(numer, denom);
        out.push_back(std::move(term));
    }
    return out;
}

ArrayPhase where(const Json& entry, const Field& at) {
    ArrayPhase w;
    w.level = static_cast<int>(integer_member(entry, at, "level"));
    w.array_name = string_member(entry, at, "array_name");
    const Json& phase = array_of(member(entry, at, "phase"), at["phase"], 2);
    w.x = integer(phase[0], at["phase"][0]);
    w.y = integer(phase[1], at["phase"][1]);
    if (w.x < 0 || w.y < 0) at["phase"].fail("expected non-negative numbers");
    return w;
}

std::vector<SignalBound> bounds(const Json& doc, const Field& root, const std::string& key) {
    const Field at = root[key];
    const Json& list = array_of(member(doc, root, key), at);
    std::vector<SignalBound> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Field e = at[i];
        SignalBound b;
        b.where = where(list[i], e);
        b.lower = expression(member(list[i], e, "lower_bound"), e["lower_bound"]);
        b.upper = expression(member(list[i], e, "upper_bound"), e["upper_bound"]);
        out.push_back(std::move(b));
    }
    return out;
}

// The pattern bits (spec §4), base64 as the reference writes them.
std::vector<std::uint8_t> base64(const std::string& text, const Field& at) {
    auto bytes = vc2::base64_decode(text);
    if (!bytes) at.fail("expected base64 text");
    return std::move(*bytes);
}

std::vector<TestPattern> patterns(const Json& doc, const Field& root, const std::string& key) {
    const Field at = root[key];
    const Json& list = array_of(member(doc, root, key), at);
    std::vector<TestPattern> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Field e = at[i];
        const Json& entry = list[i];
        TestPattern p;
        p.where = where(entry, e);
        const Json& target = array_of(member(entry, e, "target"), e["target"], 2);
        p.target_x = integer(target[0], e["target"][0]);
        p.target_y = integer(target[1], e["target"][1]);
        for (const char* name : {"pattern_translation_multiple", "target_translation_multiple"}) {
            const Json& m = array_of(member(entry, e, name), e[name], 2);
            const long mx = integer(m[0], e[name][0]), my = integer(m[1], e[name][1]);
            if (mx <= 0 || my <= 0) e[name].fail("expected positive numbers");
            (name[0] == 'p' ? p.pattern_multiple_x : p.target_multiple_x) = mx;
            (name[0] == 'p' ? p.pattern_multiple_y : p.target_multiple_y) = my;
        }
        const Field pf = e["pattern"];
        const Json& pattern = member(entry, e, "pattern");
        p.dx = integer_member(pattern, pf, "dx");
        p.dy = integer_member(pattern, pf, "dy");
        p.width = integer_member(pattern, pf, "width");
        p.height = integer_member(pattern, pf, "height");
        if (p.width < 0 || p.height < 0 || p.width * p.height > (1L << 28)) pf.fail("bad pattern size");
        auto positive = base64(string_member(pattern, pf, "positive"), pf["positive"]);
        auto mask = base64(string_member(pattern, pf, "mask"), pf["mask"]);
        const std::size_t n = static_cast<std::size_t>(p.width * p.height);
        const std::size_t bytes = (n + 7) / 8;
        if (positive.size() < bytes) pf["positive"].fail("too short for the pattern's width × height");
        if (mask.size() < bytes) pf["mask"].fail("too short for the pattern's width × height");
        // Kept as TestPattern holds its bits: exactly the box's bytes, padding bits clear,
        // positive bits only where the mask is set (an unset pixel has no sign).
        positive.resize(bytes);
        mask.resize(bytes);
        if (n % 8 != 0) mask.back() &= static_cast<std::uint8_t>(0xff00u >> (n % 8));
        for (std::size_t k = 0; k < bytes; ++k) positive[k] &= mask[k];
        p.positive_bits = std::move(positive);
        p.mask_bits = std::move(mask);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

StaticAnalysis parse_static_analysis(const Json& doc, const std::string& source) {
    const Field root{source, ""};
    if (!doc.is_object()) throw UserError(source + ": expected a JSON object (a static analysis)");
    if (doc.contains("num_batches") && doc["num_batches"] != 1)
        throw UserError(source + ": is one batch of a batched analysis; combine the batches first "
                                 "(vc2-static-filter-analysis-combine)");
    StaticAnalysis a;
    a.config.set_vertical_wavelet(wavelet_from_field(member(doc, root, "wavelet_index"), source, "wavelet_index"));
    a.config.set_horizontal_wavelet(
        wavelet_from_field(member(doc, root, "wavelet_index_ho"), source, "wavelet_index_ho"));
    a.config.dwt_depth = static_cast<int>(integer_member(doc, root, "dwt_depth"));
    a.config.dwt_depth_ho = static_cast<int>(integer_member(doc, root, "dwt_depth_ho"));
    try {
        vc2::check_transform_config(a.config);
    } catch (const UserError& e) {
        throw UserError(source + ": " + e.what());
    }
    a.analysis_bounds = bounds(doc, root, "analysis_signal_bounds");
    a.synthesis_bounds = bounds(doc, root, "synthesis_signal_bounds");
    a.analysis_patterns = patterns(doc, root, "analysis_test_patterns");
    a.synthesis_patterns = patterns(doc, root, "synthesis_test_patterns");
    return a;
}

StaticAnalysis read_static_analysis(const std::string& path) {
    return parse_static_analysis(read_json_file(path, "static analysis"), path);
}

std::vector<TestPattern> parse_test_patterns(const Json& document, const std::string& key,
                                             const std::string& source) {
    const Field root{source, ""};
    if (!document.is_object()) throw UserError(source + ": expected a JSON object");
    return patterns(document, root, key);
}

}  // namespace rigor::formats
