// Batched static analyses: the reference's `vc2-static-filter-analysis --num-batches N
// --batch-num K` and `vc2-static-filter-analysis-combine`.
//
// The one rule both sides follow: the reported values of one transform direction
// (analysis or synthesis), counted n = 0, 1, … in the order of the unbatched document,
// are dealt out like cards — value n is computed by batch n mod N, where it is entry
// n div N of each of that direction's lists (bounds and test patterns).  symbolic/vc2
// picks a batch's values by batch_position(); combining puts them back by it.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/base/error.hpp"

namespace rigor::formats {

// One batch of N: the document's "num_batches" and "batch_num".
struct Batch {
    int num_batches = 1;
    int batch_num = 0;
    bool operator==(const Batch&) const = default;
};

struct BatchPosition {
    std::size_t batch = 0;  // n mod N
    std::size_t index = 0;  // n div N: the entry within that batch's lists
};
// Where value n of the unbatched document is in a run of num_batches ≥ 1 batches.
BatchPosition batch_position(std::size_t n, std::size_t num_batches);

// Why batch files cannot be combined; the values are the reference tool's exit codes.
enum class CombineProblem { NotBatched = 1, Incompatible = 2, DuplicateBatch = 3, MissingBatch = 4 };

struct CombineError : UserError {
    CombineError(CombineProblem problem, const std::string& message) : UserError(message), problem(problem) {}
    CombineProblem problem;
};

// Reads every batch of one analysis (each exactly once, in any order) and returns the
// document the unbatched run writes: python_json_dumps of it plus "\n" is that file byte
// for byte.  Files are read and checked in order; throws CombineError for a file that is
// not a batch, files of different analyses, a batch given twice or missing, and
// rigor::IoError / UserError for a file that cannot be read, is not JSON or lacks a list.
nlohmann::ordered_json combine_batch_files(const std::vector<std::string>& paths);

}  // namespace rigor::formats
