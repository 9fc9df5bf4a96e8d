// The entry points the fuzz targets drive, one per reader of untrusted input.  Each takes
// raw bytes and either returns normally or throws rigor::UserError (a rejected input);
// anything else — a crash, a sanitizer report, another exception — is a bug.  Shared by
// the libFuzzer targets (tests/fuzz/fuzz_*.cpp) and by tests/fuzz_regressions, which
// replays every seed and every kept crashing input through these same functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rigor::fuzz {

using Bytes = std::span<const std::uint8_t>;

// An entry point by target name ("expr", "y4m", ...), as the corpus folders are named.
struct Entry {
    std::string_view name;
    void (*run)(Bytes);
};
const std::vector<Entry>& entries();

void expr_program(Bytes data);        // filters/expr parse → optimize → pixel/expr compile → run
void infix_program(Bytes data);       // symbolic/expr infix parser
void y4m_stream(Bytes data);          // pixel/io Y4mReader: header and a few frames
void ffmpeg_stream(Bytes data);       // pixel/io FfmpegReader on a stream: container, decoder, a few frames
void png_picture(Bytes data);         // pixel/io read_picture on a .png
void tiff_picture(Bytes data);        // … on a .tif
void pfm_picture(Bytes data);         // … on a .pfm
void static_analysis_json(Bytes data);  // formats read_static_analysis (+ its quantisation matrix)
void optimised_patterns_json(Bytes data);  // formats read_optimised_patterns
void coefficients_json(Bytes data);   // formats coefficients_from_json (vc2-idwt's input)
void bundle_zip(Bytes data);          // formats read_bundle: zip archive and its index.json
void wavelet_file(Bytes data);        // formats read_wavelet_file (-w FILE), its round trip, one level
void quantisation_arguments(Bytes data);  // filters/vc2 quantisation_matrix on -q words
void command_arguments(Bytes data);   // cli ArgumentParser and the VC-2 tools' argument parser
void recipe_json(Bytes data);         // filters/regress parse_recipe (chroma-reconstruct --recipe; recipe_entry.cpp)
void analyse_arguments(Bytes data);
void witness_batch_json(Bytes data);  // pixel/vc2_tight read_witness_batch and its checks (witness_batch_entry.cpp)   // `rigor analyse`: program, --range/--format/--input, the analysis (analyse_entry.cpp)

}  // namespace rigor::fuzz
