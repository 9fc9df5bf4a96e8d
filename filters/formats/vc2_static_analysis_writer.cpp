#include "filters/formats/vc2_static_analysis_writer.hpp"

#include <algorithm>
#include <charconv>

#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/base64.hpp"

namespace rigor::formats {

namespace {

__extension__ typedef unsigned __int128 Unsigned128;
static_assert(sizeof(boost::multiprecision::limb_type) == 8);

// Decimal text of an integer.  The bounds' numerators and denominators rarely need more
// than 128 bits, so those are written from the two limbs in base 10^19 (three
// std::to_chars); cpp_int's general conversion, a long division per 19 digits, is kept
// for the rest.
void write_integer(std::ostream& out, const boost::multiprecision::cpp_int& v) {
    const auto& b = v.backend();
    if (b.size() > 2) {
        out << v.str();
        return;
    }
    Unsigned128 m = b.limbs()[0];
    if (b.size() == 2) m |= Unsigned128{b.limbs()[1]} << 64;
    constexpr std::uint64_t kBase = 10'000'000'000'000'000'000u;  // 10^19
    std::uint64_t digits[3];  // base 10^19, least significant first
    int n = 0;
    do {
        digits[n++] = static_cast<std::uint64_t>(m % kBase);
        m /= kBase;
    } while (m != 0);
    char text[64];
    char* p = text;
    if (b.sign()) *p++ = '-';
    p = std::to_chars(p, text + sizeof text, digits[n - 1]).ptr;
    for (int k = n - 2; k >= 0; --k) {
        char part[20];
        char* const end = std::to_chars(part, part + sizeof part, digits[k]).ptr;
        p = std::fill_n(p, 19 - (end - part), '0');
        p = std::copy(part, end, p);
    }
    out.write(text, p - text);
}

void write_terms(std::ostream& out, const LinearExpression& terms) {
    out << '[';
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (i) out << ", ";
        out << "{\"symbol\": ";
        if (terms[i].symbol)
            out << '"' << *terms[i].symbol << '"';
        else
            out << "null";
        out << ", \"numer\": \"";
        write_integer(out, boost::multiprecision::numerator(terms[i].coefficient));
        out << "\", \"denom\": \"";
        write_integer(out, boost::multiprecision::denominator(terms[i].coefficient));
        out << "\"}";
    }
    out << ']';
}

// Array names contain only letters and apostrophes: no escaping is needed.
void write_place(std::ostream& out, const ArrayPhase& w) {
    out << "\"level\": " << w.level << ", \"array_name\": \"" << w.array_name << "\", \"phase\": [" << w.x << ", "
        << w.y << "]}";
}

void write_bounds(std::ostream& out, const std::vector<SignalBound>& bounds) {
    out << '[';
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const SignalBound& b = bounds[i];
        if (i) out << ", ";
        out << "{\"lower_bound\": ";
        write_terms(out, b.lower);
        out << ", \"upper_bound\": ";
        write_terms(out, b.upper);
        out << ", ";
        write_place(out, b.where);
    }
    out << ']';
}

void write_patterns(std::ostream& out, const std::vector<TestPattern>& patterns) {
    out << '[';
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const TestPattern& p = patterns[i];
        if (i) out << ", ";
        out << "{\"target\": [" << p.target_x << ", " << p.target_y << "], \"pattern\": {\"dx\": " << p.dx
            << ", \"dy\": " << p.dy << ", \"width\": " << p.width << ", \"height\": " << p.height
            << ", \"positive\": \"" << vc2::base64_encode(p.positive_bits) << "\", \"mask\": \""
            << vc2::base64_encode(p.mask_bits) << "\"}, \"pattern_translation_multiple\": [" << p.pattern_multiple_x
            << ", " << p.pattern_multiple_y << "], \"target_translation_multiple\": [" << p.target_multiple_x << ", "
            << p.target_multiple_y << "], ";
        write_place(out, p.where);
    }
    out << ']';
}

}  // namespace

void write_static_analysis(std::ostream& out, const StaticAnalysis& a) {
    out << "{\"wavelet_index\": " << python_json_dumps(wavelet_field(a.config.vertical_wavelet()))
        << ", \"wavelet_index_ho\": " << python_json_dumps(wavelet_field(a.config.horizontal_wavelet()))
        << ", \"dwt_depth\": " << a.config.dwt_depth << ", \"dwt_depth_ho\": " << a.config.dwt_depth_ho
        << ", \"analysis_signal_bounds\": ";
    write_bounds(out, a.analysis_bounds);
    out << ", \"synthesis_signal_bounds\": ";
    write_bounds(out, a.synthesis_bounds);
    out << ", \"analysis_test_patterns\": ";
    write_patterns(out, a.analysis_patterns);
    out << ", \"synthesis_test_patterns\": ";
    write_patterns(out, a.synthesis_patterns);
    if (a.batch) out << ", \"num_batches\": " << a.batch->num_batches << ", \"batch_num\": " << a.batch->batch_num;
    out << "}\n";
}

}  // namespace rigor::formats
