// vc2-static-filter-analysis-combine: merge batched analyses back into the unbatched
// document (filters/formats/vc2_batches.hpp).  Exit codes as the reference: 1 not batched,
// 2 incompatible, 3 duplicate batch, 4 missing batch.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_batches.hpp"

namespace rigor::cli {

int vc2_static_filter_analysis_combine_main(std::span<const std::string> args) {
    ArgumentParser p("vc2-static-filter-analysis-combine",
                     "Combine the batches of a batched vc2-static-filter-analysis run into the\n"
                     "document an unbatched run writes.");
    p.positional("FILE", "the batch files (every batch exactly once)", true)
        .option("-o", "--output", "FILE", "write the combined JSON here (default: stdout)")
        .epilog("exit codes: 1 a file is not batched, 2 files are incompatible, 3 a batch is given twice,\n"
                "4 a batch is missing.");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    nlohmann::ordered_json combined;
    try {
        combined = formats::combine_batch_files(parsed->positional("FILE"));
    } catch (const formats::CombineError& e) {
        std::cerr << "vc2-static-filter-analysis-combine: error: " << e.what() << "\n";
        return static_cast<int>(e.problem);
    }
    write_text_file(parsed->get_or("--output", "-"), formats::python_json_dumps(combined) + "\n");
    return 0;
}

}  // namespace rigor::cli
