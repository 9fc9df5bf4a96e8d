// The witness batch reader's fuzz entry (pixel/vc2_tight/witness_batch.hpp,
// `vc2-bit-widths-table --tight --witnesses FILE…`): what it accepts writes back to a
// document it reads the same, and its pictures and values go through the checks a
// combining table makes (here against a Haar depth-1 transform at 8 bits), which either
// pass or refuse in one line.
#include <cstdlib>
#include <string>

#include "filters/base/error.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"
#include "pixel/vc2_tight/witness_batch.hpp"
#include "tests/fuzz/entries.hpp"

namespace rigor::fuzz {

void witness_batch_json(Bytes data) {
    namespace t = rigor::pixel::vc2_tight;
    const std::string text(reinterpret_cast<const char*>(data.data()), data.size());
    const t::WitnessBatch b = t::read_witness_batch(text, "'fuzz.json'");
    const std::string written = t::write_witness_batch(b);
    if (t::write_witness_batch(t::read_witness_batch(written, "'again.json'")) != written) std::abort();
    rigor::vc2::TransformConfig haar;
    haar.wavelet_index = haar.wavelet_index_ho = 3;
    haar.dwt_depth = 1;
    const rigor::vc2::QuantisationMatrix matrix = *rigor::vc2::default_quantisation_matrix(haar);
    t::verify_witnesses(b.witnesses, haar, matrix, rigor::pixel::vc2_bit_widths::picture_range(8), 60, "'fuzz.json'");
}

}  // namespace rigor::fuzz
