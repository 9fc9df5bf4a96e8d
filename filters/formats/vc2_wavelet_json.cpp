#include "filters/formats/vc2_wavelet_json.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>

#include "filters/base/error.hpp"
#include "filters/formats/json_file.hpp"

namespace rigor::formats {

using vc2::LiftingStage;
using vc2::LiftType;
using vc2::Wavelet;
using Json = nlohmann::json;

namespace {

// The position of a value in its document, for messages ("source: a.b[2].c: …").
struct Place {
    std::string source, path;

    Place operator[](const std::string& key) const { return {source, path.empty() ? key : path + "." + key}; }
    Place operator[](std::size_t i) const { return {source, path + "[" + std::to_string(i) + "]"}; }
    std::string prefix() const { return source + ": " + (path.empty() ? "" : path + ": "); }
    [[noreturn]] void fail(const std::string& what) const { throw UserError(prefix() + what); }
};

// Refuses every key of `object` that is not in `known`.
void only_known(const Json& object, const Place& at, std::initializer_list<const char*> known) {
    for (const auto& [key, value] : object.items())
        if (std::none_of(known.begin(), known.end(), [&, &k = key](const char* name) { return k == name; })) {
            std::string list;
            for (const char* name : known) list += std::string(list.empty() ? "" : ", ") + name;
            at[key].fail("unknown field (expected " + list + ")");
        }
}

const Json& member(const Json& object, const Place& at, const std::string& key) {
    const auto it = object.find(key);
    if (it == object.end()) at[key].fail("missing");
    return *it;
}

// An integer in [lo, hi]; JSON numbers beyond 64 bits, fractions and exponents refused.
int integer(const Json& value, const Place& at, long lo, long hi) {
    if (!value.is_number_integer()) at.fail("expected an integer");
    const bool too_large = value.is_number_unsigned() &&
                           value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<long>::max());
    const long v = too_large ? std::numeric_limits<long>::max() : value.get<long>();
    if (too_large || v < lo || v > hi)
        at.fail((too_large ? value.dump() : std::to_string(v)) + " is out of range (" + std::to_string(lo) + " to " +
                std::to_string(hi) + ")");
    return static_cast<int>(v);
}

std::string word(const Json& value, const Place& at, const char* first, const char* second) {
    if (!value.is_string() || (value != first && value != second))
        at.fail(std::string("expected \"") + first + "\" or \"" + second + "\"");
    return value.get<std::string>();
}

LiftingStage stage(const Json& value, const Place& at) {
    if (!value.is_object()) at.fail("expected an object {update, operation, shift, tap_offset, taps}");
    only_known(value, at, {"update", "operation", "shift", "tap_offset", "taps"});
    const bool even = word(member(value, at, "update"), at["update"], "even", "odd") == "even";
    const bool add = word(member(value, at, "operation"), at["operation"], "add", "subtract") == "add";
    LiftingStage s{};
    s.type = even ? (add ? LiftType::EvenAddOdd : LiftType::EvenSubtractOdd)
                  : (add ? LiftType::OddAddEven : LiftType::OddSubtractEven);
    s.shift = integer(member(value, at, "shift"), at["shift"], 0, vc2::kMaxLiftShift);
    s.delay = integer(member(value, at, "tap_offset"), at["tap_offset"], -vc2::kMaxTapOffset, vc2::kMaxTapOffset);
    const Json& taps = member(value, at, "taps");
    if (!taps.is_array()) at["taps"].fail("expected a list of integers");
    if (taps.size() > vc2::kMaxLiftingTaps)
        at["taps"].fail(std::to_string(taps.size()) + " taps are too many (at most " +
                        std::to_string(vc2::kMaxLiftingTaps) + ")");
    for (std::size_t i = 0; i < taps.size(); ++i)
        s.taps.push_back(integer(taps[i], at["taps"][i], -vc2::kMaxTapMagnitude, vc2::kMaxTapMagnitude));
    s.length = static_cast<int>(s.taps.size());
    vc2::check_lifting_stage(s, at.prefix().substr(0, at.prefix().size() - 2));
    return s;
}

std::vector<LiftingStage> stages(const Json& value, const Place& at) {
    if (!value.is_array()) at.fail("expected a list of lifting stages");
    if (value.empty()) at.fail("a wavelet needs at least one lifting stage");
    if (value.size() > vc2::kMaxLiftingStages)
        at.fail(std::to_string(value.size()) + " stages are too many (at most " +
                std::to_string(vc2::kMaxLiftingStages) + ")");
    std::vector<LiftingStage> out;
    for (std::size_t i = 0; i < value.size(); ++i) out.push_back(stage(value[i], at[i]));
    return out;
}

std::string stage_text(const LiftingStage& s) {
    std::string taps;
    for (int t : s.taps) taps += std::string(taps.empty() ? "" : ", ") + std::to_string(t);
    return std::string("update ") + (s.updates_even() ? "even" : "odd") + ", " + (s.adds() ? "add" : "subtract") +
           ", shift " + std::to_string(s.shift) + ", tap_offset " + std::to_string(s.delay) + ", taps [" + taps + "]";
}

// Synthesis stage k must undo analysis stage n−1−k (the analysis runs the synthesis
// stages backwards, each inverted: wavelet.hpp).
void check_inverses(const std::vector<LiftingStage>& synthesis, const std::vector<LiftingStage>& analysis,
                    const Place& at) {
    const std::string why = ", so the filter would not reconstruct perfectly";
    if (synthesis.size() != analysis.size())
        at["analysis_stages"].fail("has " + std::to_string(analysis.size()) + " stages and synthesis_stages " +
                                   std::to_string(synthesis.size()) + why);
    for (std::size_t k = 0; k < synthesis.size(); ++k) {
        const std::size_t a = analysis.size() - 1 - k;
        if (synthesis[k] != analysis[a].inverse())
            at["synthesis_stages"][k].fail("does not undo analysis_stages[" + std::to_string(a) + "] (" +
                                           stage_text(analysis[a]) + "): it must be " +
                                           stage_text(analysis[a].inverse()) + why);
    }
}

bool looks_like_file(std::string_view text) {
    std::error_code ec;
    return text.ends_with(".json") || text.find('/') != std::string_view::npos ||
           std::filesystem::is_regular_file(std::filesystem::path(text), ec);
}

}  // namespace

Wavelet parse_wavelet(const Json& value, const std::string& source, const std::string& path) {
    const Place at{source, path};
    if (!value.is_object()) at.fail("expected a wavelet: an object {name, filter_bit_shift, synthesis_stages}");
    only_known(value, at, {"name", "filter_bit_shift", "synthesis_stages", "analysis_stages"});
    Wavelet w{vc2::kCustomWavelet, "", 0, {}};
    const Json& name = member(value, at, "name");
    if (!name.is_string()) at["name"].fail("expected a string");
    w.name = name.get<std::string>();
    w.filter_bit_shift = integer(member(value, at, "filter_bit_shift"), at["filter_bit_shift"], 0,
                                 vc2::kMaxFilterBitShift);
    const bool has_synthesis = value.contains("synthesis_stages"), has_analysis = value.contains("analysis_stages");
    if (!has_synthesis && !has_analysis) at["synthesis_stages"].fail("missing (or give analysis_stages)");
    if (has_synthesis) w.synthesis_stages = stages(value["synthesis_stages"], at["synthesis_stages"]);
    if (has_analysis) {
        const auto analysis = stages(value["analysis_stages"], at["analysis_stages"]);
        if (has_synthesis) {
            check_inverses(w.synthesis_stages, analysis, at);
        } else {
            Wavelet encoder = w;
            encoder.synthesis_stages = analysis;
            w.synthesis_stages = encoder.analysis_stages();  // reversed and inverted: the decoder's
        }
    }
    try {
        return vc2::identify_wavelet(std::move(w));
    } catch (const UserError& e) {
        throw UserError(at.prefix() + e.what());
    }
}

nlohmann::ordered_json wavelet_json(const Wavelet& w) {
    nlohmann::ordered_json out;
    out["name"] = w.name;
    out["filter_bit_shift"] = w.filter_bit_shift;
    auto& list = out["synthesis_stages"] = nlohmann::ordered_json::array();
    for (const LiftingStage& s : w.synthesis_stages) {
        nlohmann::ordered_json j;
        j["update"] = s.updates_even() ? "even" : "odd";
        j["operation"] = s.adds() ? "add" : "subtract";
        j["shift"] = s.shift;
        j["tap_offset"] = s.delay;
        j["taps"] = s.taps;
        list.push_back(std::move(j));
    }
    return out;
}

Wavelet read_wavelet_file(const std::string& path) { return parse_wavelet(read_json_file(path, "wavelet file"), path); }

Wavelet wavelet_from_argument(std::string_view text) {
    try {
        return vc2::wavelet_by_name_or_index(text);
    } catch (const UserError& e) {
        if (!looks_like_file(text)) {
            const std::string message = e.what();
            if (message.starts_with("unknown wavelet"))
                throw UserError(message.substr(0, message.size() - 1) + ", or a wavelet file ending in .json)");
            throw;
        }
    }
    return read_wavelet_file(std::string(text));
}

nlohmann::ordered_json wavelet_field(const Wavelet& w) {
    if (w.custom()) return wavelet_json(w);
    return w.index;
}

Wavelet wavelet_from_field(const Json& value, const std::string& source, const std::string& key) {
    const Place at{source, key};
    if (value.is_object()) return parse_wavelet(value, source, key);
    if (!value.is_number_integer()) at.fail("expected a wavelet index or a custom wavelet's definition");
    const int index = integer(value, at, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    try {
        return vc2::wavelet(index);
    } catch (const UserError& e) {
        throw UserError(source + ": " + e.what());  // the wording documents always had
    }
}

}  // namespace rigor::formats
