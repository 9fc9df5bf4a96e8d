// Standard base64 ('=' padded, RFC 4648 alphabet): how the static-analysis documents
// store a test pattern's bits (spec §4, "Serialisation": row-major, MSB first, last byte
// zero-padded).  Written once for the analysis and the tools (filters/formats).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rigor::vc2 {

std::string base64_encode(const std::vector<std::uint8_t>& bytes);
// nullopt for text that is not padded standard base64.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace rigor::vc2
