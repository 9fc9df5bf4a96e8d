#include "pixel/vc2_tight/witness_batch.hpp"

#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "filters/base/error.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::pixel::vc2_tight {

using nlohmann::json;
using rigor::vc2::SampleArray;

namespace {

constexpr const char* kDocument = "rigor witness batch";
constexpr int kVersion = 1;
// Sizes no real batch reaches (the search's pictures are at most 2^18 pixels): beyond
// them a file is refused before anything is allocated for it.
constexpr long kMaxPictureSide = 1L << 16, kMaxPicturePixels = 1L << 22, kMaxPictures = 1L << 20;
constexpr long kMaxPeriod = 1L << 10, kMaxArrays = 1L << 12, kMaxBatches = 1L << 20, kMaxQi = 1L << 12;

class Fnv {
public:
    void bytes(const void* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ static_cast<const unsigned char*>(p)[i]) * 1099511628211ull;
    }
    void integer(std::int64_t v) { bytes(&v, sizeof v); }
    void text(const std::string& s) {
        integer(static_cast<std::int64_t>(s.size()));
        bytes(s.data(), s.size());
    }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 14695981039346656037ull;
};

json witness_json(const WitnessValue& v) {
    if (v.picture < 0) return nullptr;
    return {{"value", v.value}, {"picture", v.picture}, {"qi", v.qi}, {"x", v.x}, {"y", v.y}};
}

json arrays_json(const std::vector<ArrayWitnesses>& arrays) {
    json out = json::array();
    for (const ArrayWitnesses& a : arrays) {
        json phases = json::array();
        for (const PhaseWitness& p : a.phases) phases.push_back({witness_json(p.lowest), witness_json(p.highest)});
        out.push_back({{"level", a.level},
                       {"array_name", a.name},
                       {"period", {a.period_x, a.period_y}},
                       {"phases", std::move(phases)}});
    }
    return out;
}

// Typed access to a parsed document; every failure is one line naming the file.
class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw UserError(source_ + ": not a valid witness batch: " + what);
    }
    const json& field(const json& o, const char* name) const {
        if (!o.is_object()) fail(std::string("expected an object holding \"") + name + "\"");
        auto it = o.find(name);
        if (it == o.end()) fail(std::string("missing \"") + name + "\"");
        return *it;
    }
    std::int64_t integer(const json& v, const char* what, std::int64_t lo, std::int64_t hi) const {
        if (!v.is_number_integer()) fail(std::string(what) + " is not an integer");
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            fail(std::string(what) + " is out of range");
        const auto x = v.get<std::int64_t>();
        if (x < lo || x > hi)
            fail(std::string(what) + " " + std::to_string(x) + " is outside " + std::to_string(lo) + "…" +
                 std::to_string(hi));
        return x;
    }
    std::int64_t member_integer(const json& o, const char* name, std::int64_t lo, std::int64_t hi) const {
        return integer(field(o, name), name, lo, hi);
    }
    const json& array_at_most(const json& v, const char* what, std::size_t max) const {
        if (!v.is_array()) fail(std::string(what) + " is not an array");
        if (v.size() > max) fail(std::string(what) + " has too many entries");
        return v;
    }
    const json& array_of(const json& v, const char* what, std::size_t exact) const {
        if (!v.is_array() || v.size() != exact)
            fail(std::string(what) + " must be an array of " + std::to_string(exact) + " entries");
        return v;
    }

private:
    const std::string& source_;
};

WitnessValue read_value(const Reader& r, const json& v, long pictures) {
    WitnessValue out;
    if (v.is_null()) return out;
    out.value = r.member_integer(v, "value", INT64_MIN, INT64_MAX);
    out.picture = static_cast<long>(r.member_integer(v, "picture", 0, pictures - 1));
    out.qi = static_cast<int>(r.member_integer(v, "qi", -1, kMaxQi));
    out.x = static_cast<long>(r.member_integer(v, "x", 0, kMaxPictureSide));
    out.y = static_cast<long>(r.member_integer(v, "y", 0, kMaxPictureSide));
    return out;
}

std::vector<ArrayWitnesses> read_arrays(const Reader& r, const json& list, long pictures) {
    std::vector<ArrayWitnesses> out;
    for (const json& a : r.array_at_most(list, "an array list", static_cast<std::size_t>(kMaxArrays))) {
        ArrayWitnesses w;
        w.level = static_cast<int>(r.member_integer(a, "level", 0, 64));
        const json& name = r.field(a, "array_name");
        if (!name.is_string() || name.get<std::string>().size() > 64) r.fail("array_name is not a short string");
        w.name = name.get<std::string>();
        const json& period = r.array_of(r.field(a, "period"), "period", 2);
        w.period_x = static_cast<long>(r.integer(period[0], "period", 1, kMaxPeriod));
        w.period_y = static_cast<long>(r.integer(period[1], "period", 1, kMaxPeriod));
        const json& phases =
            r.array_of(r.field(a, "phases"), "phases", static_cast<std::size_t>(w.period_x * w.period_y));
        for (const json& p : phases) {
            const json& pair = r.array_of(p, "a phase", 2);
            w.phases.push_back({read_value(r, pair[0], pictures), read_value(r, pair[1], pictures)});
        }
        out.push_back(std::move(w));
    }
    return out;
}

bool same_layout(const std::vector<ArrayWitnesses>& a, const std::vector<ArrayWitnesses>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].level != b[i].level || a[i].name != b[i].name || a[i].period_x != b[i].period_x ||
            a[i].period_y != b[i].period_y)
            return false;
    return true;
}

// The values of one side that name picture p (and, decoder, index qi), checked against
// the arrays of one run of the transform.
struct Check {
    const ArrayWitnesses* array;
    std::size_t phase;
    const WitnessValue* value;
};

}  // namespace

std::uint64_t bounds_fingerprint(const TightBounds& b) {
    Fnv h;
    const PictureGeometry& g = b.geometry();
    for (std::int64_t v : {std::int64_t(g.config.wavelet_index), std::int64_t(g.config.wavelet_index_ho),
                           std::int64_t(g.config.dwt_depth), std::int64_t(g.config.dwt_depth_ho),
                           std::int64_t(g.width), std::int64_t(g.height), std::int64_t(g.exact_size),
                           b.analysis.picture.lower, b.analysis.picture.upper,
                           std::int64_t(b.maximum_quantisation_index)})
        h.integer(v);
    for (const auto* arrays : {&b.analysis.arrays, &b.decoder.arrays})
        for (const ArrayBound& a : *arrays) {
            h.integer(a.level);
            h.text(a.name);
            h.integer(a.period_x);
            h.integer(a.period_y);
            for (const PhaseBound& p : a.phases) {
                h.integer(p.lower);
                h.integer(p.upper);
            }
        }
    return h.value();
}

std::string write_witness_batch(const WitnessBatch& b) {
    const Witnesses& w = b.witnesses;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(b.bounds_fingerprint));
    json pictures = json::array();
    for (std::size_t i = 0; i < w.pictures.size(); ++i) {
        const SampleArray& p = w.pictures[i];
        json rows = json::array();
        for (long y = 0; y < p.height; ++y) {
            const auto* row = &p.samples[static_cast<std::size_t>(y * p.width)];
            rows.push_back(std::vector<std::int64_t>(row, row + p.width));
        }
        pictures.push_back({{"key", w.keys.at(i)}, {"rows", std::move(rows)}});
    }
    nlohmann::ordered_json doc;
    doc["document"] = kDocument;
    doc["version"] = kVersion;
    doc["bounds_fingerprint"] = hex;
    doc["num_batches"] = b.num_batches;
    doc["batch_num"] = b.batch_num;
    doc["picture_size"] = {w.width, w.height};
    doc["transforms"] = w.transforms;
    doc["pictures"] = std::move(pictures);
    doc["analysis"] = arrays_json(w.analysis);
    doc["synthesis"] = arrays_json(w.synthesis);
    return doc.dump() + "\n";
}

WitnessBatch read_witness_batch(std::string_view text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        throw UserError(source + ": not a valid witness batch: not JSON (" + e.what() + ")");
    }
    return witness_batch_from_json(doc, source);
}

WitnessBatch witness_batch_from_json(const nlohmann::json& doc, const std::string& source) {
    const Reader r(source);
    const json& kind = r.field(doc, "document");
    if (!kind.is_string() || kind.get<std::string>() != kDocument) r.fail("\"document\" is not \"rigor witness batch\"");
    if (r.member_integer(doc, "version", 0, INT64_MAX) != kVersion)
        r.fail("version " + doc["version"].dump() + " (this rigor reads version 1)");
    WitnessBatch b;
    const json& fp = r.field(doc, "bounds_fingerprint");
    if (!fp.is_string() || fp.get<std::string>().size() != 16 ||
        fp.get<std::string>().find_first_not_of("0123456789abcdef") != std::string::npos)
        r.fail("bounds_fingerprint is not 16 lowercase hex digits");
    b.bounds_fingerprint = std::stoull(fp.get<std::string>(), nullptr, 16);
    b.num_batches = static_cast<int>(r.member_integer(doc, "num_batches", 1, kMaxBatches));
    b.batch_num = static_cast<int>(r.member_integer(doc, "batch_num", 0, b.num_batches - 1));
    Witnesses& w = b.witnesses;
    const json& size = r.array_of(r.field(doc, "picture_size"), "picture_size", 2);
    w.width = static_cast<long>(r.integer(size[0], "picture width", 1, kMaxPictureSide));
    w.height = static_cast<long>(r.integer(size[1], "picture height", 1, kMaxPictureSide));
    if (w.width * w.height > kMaxPicturePixels) r.fail("pictures of more than 2^22 pixels");
    w.transforms = static_cast<long>(r.member_integer(doc, "transforms", 0, INT64_MAX));
    const json& pictures = r.array_at_most(r.field(doc, "pictures"), "pictures", static_cast<std::size_t>(kMaxPictures));
    if (static_cast<long>(pictures.size()) * w.width * w.height > 4 * kMaxPicturePixels)
        r.fail("more picture samples than any search writes");
    std::set<std::uint64_t> keys;
    for (const json& p : pictures) {
        const json& key = r.field(p, "key");
        if (!key.is_number_unsigned() && !(key.is_number_integer() && key.get<std::int64_t>() >= 0))
            r.fail("a picture key is not a non-negative integer");
        if (!keys.insert(key.get<std::uint64_t>()).second) r.fail("two pictures share a key");
        w.keys.push_back(key.get<std::uint64_t>());
        SampleArray picture(w.width, w.height);
        const json& rows = r.array_of(r.field(p, "rows"), "a picture's rows", static_cast<std::size_t>(w.height));
        for (long y = 0; y < w.height; ++y) {
            const json& row = r.array_of(rows[static_cast<std::size_t>(y)], "a picture row", static_cast<std::size_t>(w.width));
            for (long x = 0; x < w.width; ++x)
                picture.at(x, y) = r.integer(row[static_cast<std::size_t>(x)], "a sample", INT64_MIN, INT64_MAX);
        }
        w.pictures.push_back(std::move(picture));
    }
    const long n = static_cast<long>(w.pictures.size());
    w.analysis = read_arrays(r, r.field(doc, "analysis"), n);
    w.synthesis = read_arrays(r, r.field(doc, "synthesis"), n);
    return b;
}

void verify_witnesses(const Witnesses& w, const rigor::vc2::TransformConfig& config,
                      const rigor::vc2::QuantisationMatrix& matrix, IntegerRange picture, int max_qi,
                      const std::string& source) {
    auto fail = [&](const std::string& what) { throw UserError(source + ": witness refused: " + what); };
    for (const SampleArray& p : w.pictures)
        for (std::int64_t s : p.samples)
            if (s < picture.lower || s > picture.upper)
                fail("a picture holds the sample " + std::to_string(s) + ", outside the picture's range " +
                     std::to_string(picture.lower) + "…" + std::to_string(picture.upper));
    // (picture, qi) → the values to check; qi −1: the encoder's arrays.
    std::map<std::pair<long, int>, std::vector<Check>> runs;
    for (int side = 0; side < 2; ++side)
        for (const ArrayWitnesses& a : side ? w.synthesis : w.analysis)
            for (std::size_t k = 0; k < a.phases.size(); ++k)
                for (const WitnessValue* v : {&a.phases[k].lowest, &a.phases[k].highest}) {
                    if (v->picture < 0) continue;
                    if (side == 0 ? v->qi != -1 : v->qi < 0 || v->qi > max_qi)
                        fail("(" + std::to_string(a.level) + ", " + a.name + ") names quantisation index " +
                             std::to_string(v->qi));
                    runs[{v->picture, v->qi}].push_back({&a, k, v});
                }
    for (const auto& entry : runs) {
        const std::pair<long, int>& run = entry.first;  // named, not bound: clang 14 lambdas cannot capture bindings
        const std::vector<Check>& checks = entry.second;
        std::size_t seen = 0;
        pixel::vc2::ArrayVisitor visit = [&](int level, std::string_view name, const SampleArray& p) {
            for (const Check& c : checks) {
                if (c.array->level != level || c.array->name != name) continue;
                const WitnessValue& v = *c.value;
                const long px = static_cast<long>(c.phase) / c.array->period_y,
                           py = static_cast<long>(c.phase) % c.array->period_y;
                if (v.x >= p.width || v.y >= p.height || v.x % c.array->period_x != px ||
                    v.y % c.array->period_y != py)
                    fail("(" + std::to_string(level) + ", " + c.array->name + ") position (" + std::to_string(v.x) +
                         ", " + std::to_string(v.y) + ") is not of its phase or outside the array");
                if (p.at(v.x, v.y) != v.value)
                    fail("picture " + std::to_string(run.first) + " gives " + std::to_string(p.at(v.x, v.y)) +
                         " at (" + std::to_string(level) + ", " + c.array->name + ") (" + std::to_string(v.x) + ", " +
                         std::to_string(v.y) + "), not the " + std::to_string(v.value) + " the file claims");
                ++seen;
            }
        };
        const SampleArray& picture_of_run = w.pictures.at(static_cast<std::size_t>(run.first));
        if (run.second < 0) {
            pixel::vc2::analyse(config, picture_of_run, visit);
        } else {
            rigor::vc2::Coefficients c = pixel::vc2::analyse(config, picture_of_run);
            pixel::vc2_bit_widths::quantise_in_place(c, matrix, run.second);
            pixel::vc2::synthesise(config, c, visit);
        }
        if (seen != checks.size()) fail("a witness names an array the transform does not have");
    }
}

Witnesses combine_witness_batches(const std::vector<WitnessBatch>& batches, const std::vector<std::string>& sources,
                                  const TightBounds& bounds, const rigor::vc2::QuantisationMatrix& matrix) {
    if (batches.empty() || batches.size() != sources.size()) throw InternalError("combine_witness_batches: no batches");
    const PictureGeometry& geo = bounds.geometry();
    const std::uint64_t fingerprint = bounds_fingerprint(bounds);
    const Witnesses layout = no_witnesses(geo.config, geo.width, geo.height);
    std::vector<int> seen(static_cast<std::size_t>(batches[0].num_batches), -1);
    std::vector<Witnesses> parts;
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const WitnessBatch& b = batches[i];
        const std::string& s = sources[i];
        if (b.bounds_fingerprint != fingerprint)
            throw UserError(s + ": a witness batch of other bounds (another configuration, bit width, quantisation "
                                "matrix, picture size or rigor version): its fingerprint differs");
        if (b.num_batches != batches[0].num_batches)
            throw UserError(s + ": a batch of " + std::to_string(b.num_batches) + ", where " + sources[0] + " is of " +
                            std::to_string(batches[0].num_batches));
        int& first = seen[static_cast<std::size_t>(b.batch_num)];
        if (first >= 0)
            throw UserError(s + ": batch " + std::to_string(b.batch_num) + " again (also " +
                            sources[static_cast<std::size_t>(first)] + ")");
        first = static_cast<int>(i);
        const Witnesses& w = b.witnesses;
        if (w.width != geo.width || w.height != geo.height || !same_layout(w.analysis, layout.analysis) ||
            !same_layout(w.synthesis, layout.synthesis))
            throw UserError(s + ": the witness batch's arrays or picture size are not this transform's");
        verify_witnesses(w, geo.config, matrix, bounds.analysis.picture, bounds.maximum_quantisation_index, s);
        parts.push_back(w);
    }
    for (std::size_t k = 0; k < seen.size(); ++k)
        if (seen[k] < 0)
            throw UserError("witness batch " + std::to_string(k) + " of " + std::to_string(seen.size()) +
                            " is missing (give every batch file exactly once)");
    return combine_witnesses(parts);
}

}  // namespace rigor::pixel::vc2_tight
