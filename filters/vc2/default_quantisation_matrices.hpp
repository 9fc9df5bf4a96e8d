// The table of default quantisation matrices as data (see the .cpp).
#pragma once
#include <span>
#include <string_view>

namespace rigor::vc2 {

struct DefaultMatrixEntry {
    std::string_view key;   // "w,w_ho,d,d_ho"
    std::string_view json;  // {"level": {"orient": value}}
};

std::span<const DefaultMatrixEntry> default_matrix_entries();

}  // namespace rigor::vc2
