// Witnesses (pixel/vc2_tight/witness.hpp): every witness is a real value of the integer
// transform (its picture, re-run, gives it at its position and index) and never exceeds a
// proven bound; the analysis sign pictures meet every analysis bound's bit width; batches
// combined give what one run gives.
#include <catch2/catch.hpp>

#include "filters/base/error.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_tight/tight_table.hpp"
#include "pixel/vc2_tight/witness_batch.hpp"

using namespace rigor::pixel::vc2_tight;
namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

struct Setup {
    rigor::formats::StaticAnalysis analysis;
    rigor::vc2::QuantisationMatrix matrix;
    TightBounds bounds;

    explicit Setup(const std::string& name, int bits = 10)
        : analysis(rigor::formats::read_static_analysis(RIGOR_DATA_DIR "/vc2/static-analysis/" + name + ".json")),
          matrix(*rigor::vc2::default_quantisation_matrix(analysis.config)),
          bounds(tight_bounds(minimum_geometry(analysis.config), bit_widths::picture_range(bits), matrix)) {}
};

// The value of (level, name) at (x, y) when `picture` is analysed (qi < 0) or coded at qi.
std::int64_t value_of(const Setup& s, const rigor::vc2::SampleArray& picture, bool synthesis, int qi, int level,
                      const std::string& name, long x, long y) {
    std::int64_t out = 0;
    bool seen = false;
    auto grab = [&](int l, std::string_view n, const rigor::vc2::SampleArray& p) {
        if (l == level && n == name) out = p.at(x, y), seen = true;
    };
    if (!synthesis) {
        rigor::pixel::vc2::analyse(s.analysis.config, picture, grab);
    } else {
        auto c = rigor::pixel::vc2::analyse(s.analysis.config, picture);
        bit_widths::quantise_in_place(c, s.matrix, qi);
        rigor::pixel::vc2::synthesise(s.analysis.config, c, grab);
    }
    REQUIRE(seen);
    return out;
}

void check_real_and_bounded(const Setup& s, const Witnesses& w) {
    long checked = 0;
    for (bool synthesis : {false, true})
        for (const ArrayWitnesses& a : synthesis ? w.synthesis : w.analysis)
            for (long px = 0; px < a.period_x; ++px)
                for (long py = 0; py < a.period_y; ++py) {
                    const rigor::formats::ArrayPhase where{a.level, a.name, px, py};
                    const PhaseWitness& p = w.at(synthesis, where);
                    const IntegerRange b = s.bounds.at(synthesis, where);
                    for (const WitnessValue* v : {&p.lowest, &p.highest}) {
                        INFO((synthesis ? "synthesis " : "analysis ") << a.level << " " << a.name << " phase " << px
                                                                      << "," << py << " value " << v->value);
                        REQUIRE(v->picture >= 0);
                        CHECK(v->x % a.period_x == px);
                        CHECK(v->y % a.period_y == py);
                        CHECK(v->value >= b.lower);
                        CHECK(v->value <= b.upper);
                        const auto& picture = w.pictures.at(static_cast<std::size_t>(v->picture));
                        CHECK(value_of(s, picture, synthesis, v->qi, a.level, a.name, v->x, v->y) == v->value);
                        ++checked;
                    }
                    CHECK(p.lowest.value <= p.highest.value);
                }
    CHECK(checked > 0);
}

}  // namespace

TEST_CASE("witnesses are values of the integer transform within the tight bounds", "[vc2][tight][witness]") {
    for (const char* name : {"w1_W1_d1_D0", "w3_W3_d2_D0", "w1_W1_d0_D2"}) {
        INFO(name);
        const Setup s(name);
        WitnessOptions o;
        o.moves = 40;
        o.threads = 2;
        const Witnesses w = find_witnesses(s.bounds, s.matrix, o);
        CHECK(w.width == s.bounds.geometry().width);
        for (const auto& p : w.pictures) {
            CHECK(p.width == w.width);
            CHECK(p.height == w.height);
            for (std::int64_t v : p.samples) CHECK((v >= -512 && v <= 511));
        }
        check_real_and_bounded(s, w);
    }
}

TEST_CASE("analysis witnesses come within the roundings of every analysis bound", "[vc2][tight][witness]") {
    // Haar without shift: the bounds of L-type arrays are 1 above the true extreme (the
    // rounding is taken independently of the linear part), which no witness can reach.
    for (const auto& [name, exact_bits] : {std::pair{"w1_W1_d1_D0", true}, std::pair{"w3_W3_d2_D0", false},
                                           std::pair{"w5_W5_d1_D0", true}}) {
        INFO(name);
        const Setup s(name);
        WitnessOptions o;
        o.moves = 0;  // the sign pictures alone
        const Witnesses w = find_witnesses(s.bounds, s.matrix, o);
        for (const ArrayBound& a : s.bounds.analysis.arrays)
            for (std::size_t k = 0; k < a.phases.size(); ++k) {
                const PhaseBound& b = a.phases[k];
                const PhaseWitness& p = w.analysis.at(static_cast<std::size_t>(&a - s.bounds.analysis.arrays.data()))
                                            .phases[k];
                INFO(a.level << " " << a.name << " phase " << k << " bound [" << b.lower << ", " << b.upper
                             << "] witnesses [" << p.lowest.value << ", " << p.highest.value << "]");
                if (exact_bits)
                    CHECK(std::max(bit_widths::signed_bits(p.lowest.value), bit_widths::signed_bits(p.highest.value)) ==
                      std::max(bit_widths::signed_bits(b.lower), bit_widths::signed_bits(b.upper)));
                // The sign picture's linear part is the bound's; only roundings are between.
                CHECK(b.upper - p.highest.value <= 8);
                CHECK(p.lowest.value - b.lower <= 8);
            }
    }
}

// Equal pictures, keys and, at every array, phase and side, value, picture, index and position.
void check_same_witnesses(const Witnesses& combined, const Witnesses& whole) {
    REQUIRE(combined.pictures.size() == whole.pictures.size());
    CHECK(combined.pictures == whole.pictures);
    CHECK(combined.keys == whole.keys);
    for (bool synthesis : {false, true}) {
        const auto& a = synthesis ? whole.synthesis : whole.analysis;
        const auto& b = synthesis ? combined.synthesis : combined.analysis;
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t k = 0; k < a[i].phases.size(); ++k)
                for (int side : {0, 1}) {
                    const WitnessValue& x = side ? a[i].phases[k].highest : a[i].phases[k].lowest;
                    const WitnessValue& y = side ? b[i].phases[k].highest : b[i].phases[k].lowest;
                    CHECK(x.value == y.value);
                    CHECK(x.picture == y.picture);
                    CHECK(x.qi == y.qi);
                    CHECK(x.x == y.x);
                    CHECK(x.y == y.y);
                }
    }
}

// Batches combined give the whole search, directly and through their files
// (witness_batch.hpp): what a batch writes reads back the same, in any order.
TEST_CASE("witness batches combined are the whole search", "[vc2][tight][witness]") {
    const Setup s("w1_W1_d1_D0");
    WitnessOptions o;
    o.moves = 30;
    const Witnesses whole = find_witnesses(s.bounds, s.matrix, o);
    std::vector<Witnesses> parts;
    std::vector<WitnessBatch> files;
    std::vector<std::string> names;
    for (int b : {2, 0, 1}) {
        o.batch = b;
        o.batches = 3;
        parts.push_back(find_witnesses(s.bounds, s.matrix, o));
        const std::string text = write_witness_batch({bounds_fingerprint(s.bounds), 3, b, parts.back()});
        names.push_back("batch" + std::to_string(b) + ".json");
        files.push_back(read_witness_batch(text, names.back()));
        CHECK(write_witness_batch(files.back()) == text);
        CHECK(files.back().batch_num == b);
        check_same_witnesses(files.back().witnesses, parts.back());
    }
    check_same_witnesses(combine_witnesses(parts), whole);
    check_same_witnesses(combine_witness_batches(files, names, s.bounds, s.matrix), whole);
    // Another configuration's batch does not combine.
    const Setup other("w3_W3_d2_D0");
    parts.push_back(find_witnesses(other.bounds, other.matrix, o));
    CHECK_THROWS_AS(combine_witnesses(parts), rigor::UserError);
}

TEST_CASE("witness batch files that do not belong or were altered are refused", "[vc2][tight][witness]") {
    using Catch::Contains;
    const Setup s("w1_W1_d1_D0");
    WitnessOptions o;
    o.moves = 10;
    o.batches = 2;
    std::vector<WitnessBatch> good;
    for (int b : {0, 1}) {
        o.batch = b;
        good.push_back({bounds_fingerprint(s.bounds), 2, b, find_witnesses(s.bounds, s.matrix, o)});
    }
    const std::vector<std::string> names = {"a.json", "b.json"};
    REQUIRE_NOTHROW(combine_witness_batches(good, names, s.bounds, s.matrix));
    auto refused = [&](std::vector<WitnessBatch> batches, const std::string& fragment) {
        std::vector<std::string> n(names.begin(), names.begin() + long(std::min(batches.size(), names.size())));
        while (n.size() < batches.size()) n.push_back("c.json");
        CHECK_THROWS_WITH(combine_witness_batches(batches, n, s.bounds, s.matrix), Contains(fragment));
    };
    refused({good[0]}, "witness batch 1 of 2 is missing");
    refused({good[0], good[1], good[1]}, "batch 1 again");
    // Another bit width: other bounds, so another fingerprint.
    const Setup eight("w1_W1_d1_D0", 8);
    refused({good[0], {bounds_fingerprint(eight.bounds), 2, 1, good[1].witnesses}}, "fingerprint differs");
    // The first decoder witness altered in each way a damaged or edited file could be.
    auto altered = [&](auto change) {
        WitnessBatch b = good[1];
        for (ArrayWitnesses& a : b.witnesses.synthesis)
            for (PhaseWitness& p : a.phases)
                if (p.highest.picture >= 0) {
                    change(b.witnesses, a, p.highest);
                    return std::vector<WitnessBatch>{good[0], b};
                }
        FAIL("no decoder witness");
        return std::vector<WitnessBatch>{};
    };
    refused(altered([](Witnesses&, ArrayWitnesses&, WitnessValue& v) { v.value += 1; }), "b.json: witness refused");
    refused(altered([](Witnesses&, ArrayWitnesses& a, WitnessValue& v) { v.x += a.period_x; }),
            "b.json: witness refused");
    refused(altered([](Witnesses&, ArrayWitnesses& a, WitnessValue& v) { v.x += a.period_x == 1 ? 0 : 1, v.y += a.period_y == 1 ? 0 : 1, v.value = 0; }),
            "witness refused");
    refused(altered([&](Witnesses&, ArrayWitnesses&, WitnessValue& v) { v.qi = s.bounds.maximum_quantisation_index + 1; }),
            "quantisation index");
    refused(altered([](Witnesses& w, ArrayWitnesses&, WitnessValue& v) {
                w.pictures[std::size_t(v.picture)].samples[0] = 1 << 12;
            }),
            "outside the picture's range");
    refused(altered([](Witnesses&, ArrayWitnesses& a, WitnessValue&) { a.name += "x"; }), "not this transform's");
}

TEST_CASE("malformed witness batch files are refused with the file's name", "[vc2][tight][witness]") {
    using Catch::Contains;
    const Setup s("w1_W1_d1_D0");
    WitnessOptions o;
    o.moves = 0;
    const std::string good = write_witness_batch({bounds_fingerprint(s.bounds), 1, 0, find_witnesses(s.bounds, s.matrix, o)});
    REQUIRE_NOTHROW(read_witness_batch(good, "w.json"));
    auto edited = [&](const std::string& from, const std::string& to) {
        const auto at = good.find(from);
        REQUIRE(at != std::string::npos);
        std::string t = good;
        t.replace(at, from.size(), to);
        return t;
    };
    const std::vector<std::string> bad = {
        "",
        "[]",
        good.substr(0, good.size() / 2),
        edited("\"rigor witness batch\"", "\"rigor witness\""),
        edited("\"version\":1", "\"version\":2"),
        edited("\"num_batches\":1", "\"num_batches\":0"),
        edited("\"batch_num\":0", "\"batch_num\":1"),
        edited("\"picture_size\":[", "\"picture_size\":[0,"),
        edited("\"rows\":[[", "\"rows\":[[1],["),
        edited("\"period\":[", "\"period\":[0,"),
        edited("\"picture\":", "\"picture\":1000"),
        edited("\"picture\":", "\"picture\":-1"),
        edited("\"transforms\":", "\"transforms\":-1"),
        edited("\"key\":", "\"key\":-1"),
        edited("\"bounds_fingerprint\":\"", "\"bounds_fingerprint\":\"x"),
        edited("\"analysis\":", "\"analysis\":7,\"x\":"),
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        const std::string& t = bad[i];
        INFO("edit " << i);
        CHECK_THROWS_WITH(read_witness_batch(t, "w.json"), Contains("w.json: not a valid witness batch"));
    }
}
