// Witness batches as files, so the witness search of one tight table can run as N jobs
// on N machines (a cluster's array jobs, GNU parallel) and be combined into the table a
// single run prints (witness.hpp says why batches combine exactly).
//
// The document (JSON, one per batch):
//   {"document": "rigor witness batch", "version": 1,
//    "bounds_fingerprint": "<16 hex digits>",   // of the tight bounds the batch searched
//    "num_batches": N, "batch_num": K,
//    "picture_size": [W, H], "transforms": T,
//    "pictures": [{"key": KEY, "rows": [[s, …] × W] × H}, …],
//    "analysis": [ARRAY, …], "synthesis": [ARRAY, …]}
//   ARRAY = {"level": L, "array_name": NAME, "period": [PX, PY],
//            "phases": [[LOWEST, HIGHEST] × PX·PY]}   (x-major, as PhaseBound)
//   LOWEST, HIGHEST = null (no witness) or {"value": V, "picture": INDEX, "qi": Q, "x": X, "y": Y}
//
// Nothing in a batch file is trusted: combine_witness_batches checks that every batch
// was searched against the same bounds (the fingerprint: configuration, bit width,
// quantisation matrix and picture size all change it), that batches 0 … N−1 are there
// exactly once, that each file has the layout of this transform's arrays, and it runs
// every picture through the integer transform again, so each witness value in the table
// is a value the transform really produces (a forged or damaged file is refused).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_tight/analysis_bounds.hpp"
#include "pixel/vc2_tight/witness.hpp"

namespace rigor::pixel::vc2_tight {

struct WitnessBatch {
    std::uint64_t bounds_fingerprint = 0;
    int num_batches = 1, batch_num = 0;
    Witnesses witnesses;
};

// FNV-1a (64 bits) over the geometry, the picture range, the maximum quantisation index
// and every array's phase bounds, encoder and decoder.
std::uint64_t bounds_fingerprint(const TightBounds& bounds);

std::string write_witness_batch(const WitnessBatch& batch);
// Throws rigor::UserError naming `source` (a file name) for anything but a well-formed
// document: not JSON, missing or mistyped fields, impossible sizes or references.
WitnessBatch read_witness_batch(std::string_view text, const std::string& source);
// The same from a parsed document (formats::read_json_file reads a file's).
WitnessBatch witness_batch_from_json(const nlohmann::json& doc, const std::string& source);

// Every witness value of `w` recomputed from its picture through the integer transform of
// `config` (decoder values quantised at their index, at most max_qi, with `matrix`);
// throws rigor::UserError naming `source` when a picture has a sample outside `picture`,
// or a value is not reproduced or names no array position of its phase.
void verify_witnesses(const Witnesses& w, const rigor::vc2::TransformConfig& config,
                      const rigor::vc2::QuantisationMatrix& matrix, IntegerRange picture, int max_qi,
                      const std::string& source);

// The batches' witnesses combined (combine_witnesses) after the checks above; `sources`
// names each batch in messages.  `bounds` are those the combined table will print.
Witnesses combine_witness_batches(const std::vector<WitnessBatch>& batches, const std::vector<std::string>& sources,
                                  const TightBounds& bounds, const rigor::vc2::QuantisationMatrix& matrix);

}  // namespace rigor::pixel::vc2_tight
