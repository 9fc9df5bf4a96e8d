#include "symbolic/vc2/analysis_json.hpp"

#include <cln/integer_io.h>
#include <cln/rational.h>

#include <sstream>

namespace rigor::vc2 {

namespace {

std::string integer_text(const cln::cl_I& v) {
    std::ostringstream s;
    cln::print_integer(s, 10, v);
    return s.str();
}

void write_terms(std::ostream& out, const std::vector<BoundTerm>& terms) {
    out << '[';
    for (std::size_t i = 0; i < terms.size(); ++i) {
        if (i) out << ", ";
        out << "{\"symbol\": ";
        if (terms[i].symbol.empty())
            out << "null";
        else
            out << '"' << terms[i].symbol << '"';
        out << ", \"numer\": \"" << integer_text(cln::numerator(terms[i].value)) << "\", \"denom\": \""
            << integer_text(cln::denominator(terms[i].value)) << "\"}";
    }
    out << ']';
}

// Array names contain only letters and apostrophes: no escaping is needed.
void write_place(std::ostream& out, int level, const std::string& name, long x, long y) {
    out << "\"level\": " << level << ", \"array_name\": \"" << name << "\", \"phase\": [" << x << ", " << y << "]}";
}

void write_bounds(std::ostream& out, const std::vector<BoundEntry>& bounds) {
    out << '[';
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const BoundEntry& b = bounds[i];
        if (i) out << ", ";
        out << "{\"lower_bound\": ";
        write_terms(out, b.lower);
        out << ", \"upper_bound\": ";
        write_terms(out, b.upper);
        out << ", ";
        write_place(out, b.level, b.array_name, b.phase_x, b.phase_y);
    }
    out << ']';
}

void write_patterns(std::ostream& out, const std::vector<PatternEntry>& patterns) {
    out << '[';
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const PatternEntry& e = patterns[i];
        const PackedTestPattern& p = e.pattern;
        if (i) out << ", ";
        out << "{\"target\": [" << p.target_x << ", " << p.target_y << "], \"pattern\": {\"dx\": " << p.dx
            << ", \"dy\": " << p.dy << ", \"width\": " << p.width << ", \"height\": " << p.height
            << ", \"positive\": \"" << encode_positive(p) << "\", \"mask\": \"" << encode_mask(p)
            << "\"}, \"pattern_translation_multiple\": [" << p.pattern_multiple_x << ", " << p.pattern_multiple_y
            << "], \"target_translation_multiple\": [" << p.target_multiple_x << ", " << p.target_multiple_y
            << "], ";
        write_place(out, e.level, e.array_name, e.phase_x, e.phase_y);
    }
    out << ']';
}

}  // namespace

void write_analysis_json(std::ostream& out, const ExactAnalysis& a) {
    out << "{\"wavelet_index\": " << a.config.wavelet_index << ", \"wavelet_index_ho\": " << a.config.wavelet_index_ho
        << ", \"dwt_depth\": " << a.config.dwt_depth << ", \"dwt_depth_ho\": " << a.config.dwt_depth_ho
        << ", \"analysis_signal_bounds\": ";
    write_bounds(out, a.analysis_bounds);
    out << ", \"synthesis_signal_bounds\": ";
    write_bounds(out, a.synthesis_bounds);
    out << ", \"analysis_test_patterns\": ";
    write_patterns(out, a.analysis_patterns);
    out << ", \"synthesis_test_patterns\": ";
    write_patterns(out, a.synthesis_patterns);
    if (a.batched) out << ", \"num_batches\": " << a.num_batches << ", \"batch_num\": " << a.batch_num;
    out << "}\n";
}

}  // namespace rigor::vc2
