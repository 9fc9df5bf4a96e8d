#include "pixel/vc2_bit_widths/bit_width_table.hpp"

#include <algorithm>
#include <map>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2_bit_widths/array_entries.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"

namespace rigor::pixel::vc2_bit_widths {

using rigor::vc2::QuantisationMatrix;

int TableRow::pattern_bits() const { return std::max(signed_bits(pattern_min), signed_bits(pattern_max)); }
int TableRow::bound_bits() const { return std::max(signed_bits(lower), signed_bits(upper)); }

std::string TableRow::bits_text() const {
    const int p = pattern_bits(), b = bound_bits();
    return p == b ? std::to_string(p) : std::to_string(p) + "-" + std::to_string(b);
}

namespace {

std::string describe(const formats::ArrayPhase& w) {
    return "(" + std::to_string(w.level) + ", " + w.array_name + ") phase (" + std::to_string(w.x) + ", " +
           std::to_string(w.y) + ")";
}

}  // namespace

BitWidthTable bit_width_table(const formats::StaticAnalysis& a, int bits, const QuantisationMatrix& matrix,
                              unsigned threads, const Progress& progress) {
    BitWidthTable out;
    out.bounds = concrete_bounds(a, bits, matrix);
    const ConcreteBounds& cb = out.bounds;

    // The pattern outputs of every reported entry (the expensive part).
    struct Job {
        const formats::TestPattern* pattern;
        bool synthesis;
        PatternRange result;
    };
    std::vector<Job> jobs;
    for (const auto& p : a.analysis_patterns) jobs.push_back({&p, false, {}});
    for (const auto& p : a.synthesis_patterns) jobs.push_back({&p, true, {}});
    ProgressTask task(progress, "test patterns", jobs.size());
    parallel_for(jobs.size(), threads, [&](std::size_t i) {
        Job& j = jobs[i];
        j.result = j.synthesis ? synthesis_pattern_output(a.config, *j.pattern, cb.picture, matrix,
                                                          cb.maximum_quantisation_index)
                               : analysis_pattern_output(a.config, *j.pattern, cb.picture);
        task.step();
    });
    task.finish();
    std::map<formats::ArrayPhase, PatternRange> outputs[2];
    for (const Job& j : jobs) outputs[j.synthesis][j.pattern->where] = j.result;

    for (bool synthesis : {false, true}) {
        const auto& bounds = synthesis ? cb.synthesis : cb.analysis;
        const char* kind = synthesis ? "synthesis" : "analysis";
        for (const ArrayEntry& e : all_array_phases(a.config, synthesis)) {
            const auto b = bounds.find(e.reported);
            if (b == bounds.end())
                throw UserError(std::string("the static analysis has no ") + kind + " bound for " +
                                describe(e.reported));
            const auto p = outputs[synthesis].find(e.reported);
            if (p == outputs[synthesis].end())
                throw UserError(std::string("the static analysis has no ") + kind + " test pattern for " +
                                describe(e.reported));
            out.rows.push_back({synthesis, e.where, b->second.lower, p->second.min, p->second.max, b->second.upper});
        }
    }
    return out;
}

std::vector<TableRow> merge_phases(const std::vector<TableRow>& rows) {
    std::vector<TableRow> out;
    for (const TableRow& r : rows) {
        if (!out.empty() && out.back().synthesis == r.synthesis && out.back().where.level == r.where.level &&
            out.back().where.array_name == r.where.array_name) {
            TableRow& m = out.back();
            m.lower = std::min(m.lower, r.lower);
            m.pattern_min = std::min(m.pattern_min, r.pattern_min);
            m.pattern_max = std::max(m.pattern_max, r.pattern_max);
            m.upper = std::max(m.upper, r.upper);
            continue;
        }
        out.push_back(r);
        out.back().where.x = out.back().where.y = 0;
    }
    return out;
}

}  // namespace rigor::pixel::vc2_bit_widths
