#include "pixel/vc2_tight/tight_verification.hpp"

#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::pixel::vc2_tight {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

bit_widths::ReplacementBounds checked_bounds(const TightBounds& bounds, const TightVerificationOptions& o) {
    bit_widths::ReplacementBounds b = replacement_bounds(bounds);
    if (o.adjust_bounds) o.adjust_bounds(b);
    return b;
}

bit_widths::VerificationOptions pictures(const PictureGeometry& geometry, const TightVerificationOptions& o) {
    bit_widths::VerificationOptions v;
    v.width = geometry.width;
    v.height = geometry.height;
    v.random_pictures = o.random_pictures;
    v.seed = o.seed;
    v.include_edges = true;
    v.progress = o.search.progress;
    return v;
}

}  // namespace

TightVerification verify_tight(const formats::StaticAnalysis& analysis, int bits,
                               const rigor::vc2::QuantisationMatrix& matrix, const TightVerificationOptions& o) {
    const IntegerRange picture = bit_widths::picture_range(bits);
    const unsigned threads = o.search.threads;
    TightVerification out;

    const PictureGeometry given = exact_geometry(analysis.config, o.width, o.height);
    {
        const bit_widths::ReplacementBounds b =
            checked_bounds(tight_bounds(given, picture, matrix, threads, o.search.progress), o);
        bit_widths::VerificationOptions v = pictures(given, o);
        v.replacement = &b;
        v.test_patterns = false;
        out.at_size = bit_widths::verify_bounds(analysis, bits, matrix, v);
    }

    const PictureGeometry least = minimum_geometry(analysis.config);
    const TightBounds bounds = tight_bounds(least, picture, matrix, threads, o.search.progress);
    Witnesses witnesses = find_witnesses(bounds, matrix, o.search);
    const bit_widths::ReplacementBounds b = checked_bounds(bounds, o);
    bit_widths::VerificationOptions v = pictures(least, o);
    v.replacement = &b;
    out.witness_pictures = static_cast<long>(witnesses.pictures.size());
    v.extra_pictures = std::move(witnesses.pictures);
    v.extra_name = "witness picture";
    out.at_minimum = bit_widths::verify_bounds(analysis, bits, matrix, v);
    return out;
}

}  // namespace rigor::pixel::vc2_tight
