#include "filters/formats/vc2_batches.hpp"

#include <algorithm>
#include <fstream>

#include "filters/base/file_error.hpp"

namespace rigor::formats {

namespace {

constexpr const char* kLists[] = {"analysis_signal_bounds", "synthesis_signal_bounds", "analysis_test_patterns",
                                  "synthesis_test_patterns"};
constexpr const char* kConfig[] = {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho", "num_batches"};

nlohmann::ordered_json load(const std::string& path) {
    std::ifstream in = open_input_file(path);
    try {
        return nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw UserError("'" + path + "' is not valid JSON: " + e.what());
    }
}

}  // namespace

BatchPosition batch_position(std::size_t n, std::size_t num_batches) { return {n % num_batches, n / num_batches}; }

nlohmann::ordered_json combine_batch_files(const std::vector<std::string>& files) {
    std::vector<nlohmann::ordered_json> docs;
    for (const std::string& f : files) {
        docs.push_back(load(f));
        const auto& d = docs.back();
        if (!d.is_object() || !d.contains("num_batches") || !d.contains("batch_num"))
            throw CombineError(CombineProblem::NotBatched,
                               "'" + f + "' is not a batched analysis (no num_batches/batch_num)");
        for (const char* k : kLists)
            if (!d.contains(k) || !d[k].is_array()) throw UserError("'" + f + "' has no list '" + k + "'");
    }
    for (std::size_t i = 1; i < docs.size(); ++i)
        for (const char* k : kConfig)
            if (docs[i].value(k, nlohmann::ordered_json()) != docs[0].value(k, nlohmann::ordered_json()))
                throw CombineError(CombineProblem::Incompatible,
                                   "'" + files[i] + "' and '" + files[0] + "' are incompatible (" + k + " differs)");
    const long n = docs[0]["num_batches"].get<long>();
    std::vector<const nlohmann::ordered_json*> batch(static_cast<std::size_t>(std::max(n, 0L)), nullptr);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const long k = docs[i]["batch_num"].get<long>();
        if (k < 0 || k >= n)
            throw CombineError(CombineProblem::Incompatible, "'" + files[i] + "' has batch_num " + std::to_string(k) +
                                                                 " of " + std::to_string(n));
        if (batch[static_cast<std::size_t>(k)])
            throw CombineError(CombineProblem::DuplicateBatch, "batch " + std::to_string(k) + " is given twice");
        batch[static_cast<std::size_t>(k)] = &docs[i];
    }
    for (long k = 0; k < n; ++k)
        if (!batch[static_cast<std::size_t>(k)])
            throw CombineError(CombineProblem::MissingBatch, "batch " + std::to_string(k) + " is missing");

    nlohmann::ordered_json out;
    for (const char* k : {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho"}) out[k] = docs[0][k];
    for (const char* list : kLists) {
        std::size_t total = 0;
        for (const auto* b : batch) total += (*b)[list].size();
        nlohmann::ordered_json merged = nlohmann::ordered_json::array();
        for (std::size_t v = 0; merged.size() < total; ++v) {
            const BatchPosition at = batch_position(v, batch.size());
            const auto& entries = (*batch[at.batch])[list];
            if (at.index < entries.size()) merged.push_back(entries[at.index]);
        }
        out[list] = std::move(merged);
    }
    return out;
}

}  // namespace rigor::formats
