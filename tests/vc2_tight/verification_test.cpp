// vc2-verify's check against the edge-inclusive bounds (ReplacementBounds): Fidelity,
// whose edge values exceed the reference's bounds, has no value outside them, at the
// minimum size and larger; bounds narrowed by hand are caught, at edges too; and a
// picture smaller than the bounds' minimum is refused.
#include <catch2/catch.hpp>

#include "filters/base/error.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

using namespace rigor::pixel::vc2_tight;
namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

struct Fidelity {
    rigor::formats::StaticAnalysis analysis =
        rigor::formats::read_static_analysis(RIGOR_DATA_DIR "/vc2/static-analysis/w5_W5_d1_D0.json");
    rigor::vc2::QuantisationMatrix matrix = *rigor::vc2::default_quantisation_matrix(analysis.config);
    PictureGeometry geometry = minimum_geometry(analysis.config);
    bit_widths::ReplacementBounds bounds =
        replacement_bounds(tight_bounds(geometry, bit_widths::picture_range(10), matrix));

    bit_widths::VerificationReport verify(long width, long height, const bit_widths::ReplacementBounds& b) const {
        bit_widths::VerificationOptions o;
        o.width = width;
        o.height = height;
        o.random_pictures = 2;
        o.replacement = &b;
        return bit_widths::verify_bounds(analysis, 10, matrix, o);
    }
};

}  // namespace

TEST_CASE("every value of Fidelity's transform lies within the edge-inclusive bounds") {
    const Fidelity f;
    // The reference's bounds are exceeded at the edges of this picture (tools_test.cpp).
    for (const auto& [w, h] : {std::pair{f.geometry.width, f.geometry.height}, std::pair{104L, 104L}}) {
        INFO(w << "x" << h);
        const auto report = f.verify(w, h, f.bounds);
        CHECK(report.include_edges);
        CHECK(report.edge_values > 0);
        CHECK(report.violations == 0);
        for (const auto& v : report.first_violations) FAIL_CHECK(v);
    }
}

TEST_CASE("edge-inclusive verification catches narrowed bounds and refuses smaller pictures") {
    const Fidelity f;
    bit_widths::ReplacementBounds narrowed = f.bounds;
    for (auto& [where, r] : narrowed.analysis)
        if (where.level == 1 && where.array_name == "DC''") r = {r.lower / 2, r.upper / 2};
    const auto report = f.verify(104, 104, narrowed);
    CHECK(report.violations > 0);
    CHECK(report.edge_beyond > 0);  // edge values count too
    REQUIRE(!report.first_violations.empty());
    CHECK(report.first_violations.front().find("DC''") != std::string::npos);
    CHECK_THROWS_AS(f.verify(f.geometry.width - 2, f.geometry.height, f.bounds), rigor::UserError);
}
