// The checked-in accuracy table of the engine's exp, log, sin and cos
// (pixel/expr/function_accuracy.hpp) belongs to the engine as built: its fingerprint
// matches, and a sparse re-scan (every 4096th argument of every slice) finds no error
// beyond the bounds the full scan stored.
#include <catch2/catch.hpp>

#include "pixel/expr/function_accuracy.hpp"

using namespace rigor;

TEST_CASE("the accuracy table is the engine's and its bounds hold on a sparse re-scan", "[expr][accuracy]") {
    const expr::FunctionAccuracy& table = pixel::expr::function_accuracy();
    CHECK(pixel::expr::fingerprint() == table.fingerprint);
    struct F {
        expr::Op op;
        const expr::SliceAccuracy* slices;
    };
    int checked = 0;
    for (const F f : {F{expr::Op::Exp, table.exp}, F{expr::Op::Log, table.log}, F{expr::Op::Sin, table.sin},
                      F{expr::Op::Cos, table.cos}}) {
        for (std::uint32_t s = 0; s < std::uint32_t(expr::FunctionAccuracy::kSlices); s += 3) {
            const expr::SliceAccuracy found = pixel::expr::scan_slice(f.op, s, 4096);
            const expr::SliceAccuracy& stored = f.slices[s];
            INFO("function " << int(f.op) << " slice " << s);
            CHECK(found.abs_error <= stored.abs_error);
            CHECK(found.rel_error <= stored.rel_error);
            CHECK((found.flags & ~stored.flags) == 0);
            ++checked;
        }
    }
    CHECK(checked == 4 * 1366);
}
