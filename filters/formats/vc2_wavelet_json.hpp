// A VC-2 wavelet as JSON: the wavelet files `-w FILE` / `-W FILE` read (the seven standard
// wavelets ship so in data/vc2/wavelets/), and how documents record a custom wavelet.
//
// A wavelet file:
//   {"name": "le_gall_5_3",
//    "filter_bit_shift": 1,
//    "synthesis_stages": [
//      {"update": "even", "operation": "subtract", "shift": 2, "tap_offset": 0, "taps": [1, 1]},
//      {"update": "odd", "operation": "add", "shift": 1, "tap_offset": 0, "taps": [1, 1]}]}
// A stage in synthesis (decoder) form, as the spec's table 15.1 (filters/vc2/wavelet.hpp):
// "update" the samples it changes ("even": A[2n], read from the odd ones; "odd": A[2n+1]),
// "operation" whether it adds or subtracts (taps·samples + o) >> shift, "tap_offset" the
// spec's D (the first tap reads A[2(n+D)−1] or A[2(n+D)]), "taps" its L taps.  Instead of
// "synthesis_stages" a file may give "analysis_stages" (encoder form, in encoder order);
// given both, they must be inverses or the file is refused as not perfectly
// reconstructing.  Every field is required but one of the two stage lists, others are
// refused (a misspelt field must not pass unnoticed), and filters/vc2's limits apply
// (check_wavelet).  A file whose filter is a standard wavelet's is that wavelet.
//
// Documents (static analyses, their batches, optimised patterns, bundle indexes, vc2-dwt
// coefficients) keep the reference's integer in "wavelet_index" / "wavelet_index_ho" for
// a standard wavelet; for a custom one the field holds the definition itself (the object
// above, in this canonical form with "synthesis_stages"), so a document alone says which
// transform it is about, and a reader that expects an index fails instead of guessing.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "filters/vc2/wavelet.hpp"

namespace rigor::formats {

// A wavelet definition (`value`, at `path` inside `source`, "" for the whole document);
// throws rigor::UserError "source: path.field: …" for anything malformed or refused.
vc2::Wavelet parse_wavelet(const nlohmann::json& value, const std::string& source, const std::string& path = "");
// The canonical definition: name, filter_bit_shift, synthesis_stages (keys in that order).
nlohmann::ordered_json wavelet_json(const vc2::Wavelet& wavelet);

// Throws rigor::IoError when the file cannot be read, rigor::UserError naming it otherwise.
vc2::Wavelet read_wavelet_file(const std::string& path);

// What -w / -W accept: an index ("1"), a standard name ("le_gall_5_3") or a wavelet file
// (a path ending in .json, holding a '/', or naming an existing file).  Throws
// rigor::UserError listing the choices for anything else.
vc2::Wavelet wavelet_from_argument(std::string_view text);

// A document's wavelet field: the index of a standard wavelet, the definition of a custom one.
nlohmann::ordered_json wavelet_field(const vc2::Wavelet& wavelet);
// Reads one (an integer 0…6 or a definition); throws rigor::UserError "source: key: …".
vc2::Wavelet wavelet_from_field(const nlohmann::json& value, const std::string& source, const std::string& key);

}  // namespace rigor::formats
