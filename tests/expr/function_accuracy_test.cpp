// The checked-in accuracy tables of the engine's exp, log, sin and cos, and of its tan,
// asin, acos and atan (pixel/expr/function_accuracy.hpp) belong to the engine as built:
// their fingerprints match, and a sparse re-scan (every 4096th argument of every third
// slice) finds no error beyond the bounds the full scans stored.
#include <catch2/catch.hpp>

#include <initializer_list>

#include "pixel/expr/function_accuracy.hpp"

using namespace rigor;

namespace {

struct Stored {
    expr::Op op;
    const expr::SliceAccuracy* slices;
};

// Re-scans slices first, first + 3, ... of each function; returns how many were checked.
int check_sparse_rescan(std::initializer_list<Stored> functions, std::uint32_t first) {
    int checked = 0;
    for (const Stored& f : functions) {
        REQUIRE(f.slices);
        for (std::uint32_t s = first; s < std::uint32_t(expr::FunctionAccuracy::kSlices); s += 3) {
            const expr::SliceAccuracy found = pixel::expr::scan_slice(f.op, s, 4096);
            const expr::SliceAccuracy& stored = f.slices[s];
            INFO("function " << int(f.op) << " slice " << s);
            CHECK(found.abs_error <= stored.abs_error);
            CHECK(found.rel_error <= stored.rel_error);
            CHECK((found.flags & ~stored.flags) == 0);
            ++checked;
        }
    }
    return checked;
}

}  // namespace

TEST_CASE("the accuracy table is the engine's and its bounds hold on a sparse re-scan", "[expr][accuracy]") {
    const expr::FunctionAccuracy& table = pixel::expr::function_accuracy();
    CHECK(pixel::expr::fingerprint() == table.fingerprint);
    const int checked = check_sparse_rescan({{expr::Op::Exp, table.exp}, {expr::Op::Log, table.log},
                                             {expr::Op::Sin, table.sin}, {expr::Op::Cos, table.cos}}, 0);
    CHECK(checked == 4 * 1366);
}

TEST_CASE("the trig accuracy table is the engine's and its bounds hold on a sparse re-scan", "[expr][accuracy]") {
    const expr::FunctionAccuracy& table = pixel::expr::engine_accuracy();
    CHECK(pixel::expr::trig_fingerprint() == table.trig_fingerprint);
    CHECK(table.fingerprint == pixel::expr::function_accuracy().fingerprint);  // both tables in one
    const int checked = check_sparse_rescan({{expr::Op::Tan, table.tan}, {expr::Op::Asin, table.asin},
                                             {expr::Op::Acos, table.acos}, {expr::Op::Atan, table.atan}}, 1);
    CHECK(checked == 4 * 1365);
    // Bounds, not a placeholder's infinities: atan of [1, 1.125) within 3 x 2^-24 relative.
    CHECK(table.atan[0x3f8].rel_error < 3 * 0x1p-24f);
}
