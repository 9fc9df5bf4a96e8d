// vc2-static-filter-analysis-combine: merge batched analyses back into the unbatched
// document.  Exit codes as the reference: 1 not batched, 2 incompatible, 3 duplicate
// batch, 4 missing batch.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "filters/base/output_file.hpp"
#include "cli/vc2/python_json.hpp"

namespace rigor::cli {

namespace {

constexpr const char* kLists[] = {"analysis_signal_bounds", "synthesis_signal_bounds", "analysis_test_patterns",
                                  "synthesis_test_patterns"};
constexpr const char* kConfig[] = {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho", "num_batches"};

nlohmann::ordered_json load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot read '" + path + "'");
    try {
        return nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw UserError("'" + path + "' is not valid JSON: " + e.what());
    }
}

int fail(int code, const std::string& message) {
    std::cerr << "vc2-static-filter-analysis-combine: error: " << message << "\n";
    return code;
}

}  // namespace

int vc2_static_filter_analysis_combine_main(std::span<const std::string> args) {
    ArgumentParser p("vc2-static-filter-analysis-combine",
                     "Combine the batches of a batched vc2-static-filter-analysis run into the\n"
                     "document an unbatched run writes.");
    p.positional("FILE", "the batch files (every batch exactly once)", true)
        .option("-o", "--output", "FILE", "write the combined JSON here (default: stdout)")
        .epilog("exit codes: 1 a file is not batched, 2 files are incompatible, 3 a batch is given twice,\n"
                "4 a batch is missing.");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const auto& files = parsed->positional("FILE");

    std::vector<nlohmann::ordered_json> docs;
    for (const std::string& f : files) {
        docs.push_back(load(f));
        const auto& d = docs.back();
        if (!d.is_object() || !d.contains("num_batches") || !d.contains("batch_num"))
            return fail(1, "'" + f + "' is not a batched analysis (no num_batches/batch_num)");
        for (const char* k : kLists)
            if (!d.contains(k) || !d[k].is_array()) throw UserError("'" + f + "' has no list '" + k + "'");
    }
    for (std::size_t i = 1; i < docs.size(); ++i)
        for (const char* k : kConfig)
            if (docs[i].value(k, nlohmann::ordered_json()) != docs[0].value(k, nlohmann::ordered_json()))
                return fail(2, "'" + files[i] + "' and '" + files[0] + "' are incompatible (" + k + " differs)");
    const long n = docs[0]["num_batches"].get<long>();
    std::vector<const nlohmann::ordered_json*> batch(static_cast<std::size_t>(std::max(n, 0L)), nullptr);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const long k = docs[i]["batch_num"].get<long>();
        if (k < 0 || k >= n) return fail(2, "'" + files[i] + "' has batch_num " + std::to_string(k) + " of " + std::to_string(n));
        if (batch[static_cast<std::size_t>(k)]) return fail(3, "batch " + std::to_string(k) + " is given twice");
        batch[static_cast<std::size_t>(k)] = &docs[i];
    }
    for (long k = 0; k < n; ++k)
        if (!batch[static_cast<std::size_t>(k)]) return fail(4, "batch " + std::to_string(k) + " is missing");

    // Phase n (from 1) of the unbatched run lives in batch (n−1) mod N at position (n−1) div N.
    nlohmann::ordered_json out;
    for (const char* k : {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho"}) out[k] = docs[0][k];
    for (const char* list : kLists) {
        nlohmann::ordered_json merged = nlohmann::ordered_json::array();
        for (std::size_t i = 0;; ++i) {
            bool any = false;
            for (long k = 0; k < n; ++k) {
                const auto& l = (*batch[static_cast<std::size_t>(k)])[list];
                if (i < l.size()) {
                    merged.push_back(l[i]);
                    any = true;
                }
            }
            if (!any) break;
        }
        out[list] = std::move(merged);
    }
    write_text_file(parsed->get_or("--output", "-"), python_json_dumps(out) + "\n");
    return 0;
}

}  // namespace rigor::cli
