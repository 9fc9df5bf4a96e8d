// vc2-static-filter-analysis: the BBC tool's arguments, rigor's engine (symbolic/vc2).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "cli/vc2/vc2_config_arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "symbolic/vc2/static_analysis.hpp"

namespace rigor::cli {

int vc2_static_filter_analysis_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_analysis_arguments(
        "vc2-static-filter-analysis",
        "Statically analyse a VC-2 filter configuration: exact worst-case bounds of every\n"
        "intermediate value (as linear expressions) and test patterns, as JSON identical to\n"
        "BBC's vc2-static-filter-analysis.");
    p.option("-B", "--num-batches", "N", "split the work into N batches (combine them with "
                                         "vc2-static-filter-analysis-combine)")
        .option("-b", "--batch-num", "K", "with --num-batches: the batch to compute (0…N−1)")
        .option("-o", "--output", "FILE", "write the JSON here (default: stdout)")
        .option("-t", "--threads", "N", "threads for the synthesis test patterns (default: all cores)")
        .flag("-v", "--verbose", "show progress on stderr");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const vc2::TransformConfig config = vc2_config_from(a);

    symbolic::vc2::AnalysisOptions o;
    o.num_batches = static_cast<int>(a.get_int("--num-batches").value_or(1));
    if (o.num_batches < 1) throw UsageError("--num-batches must be at least 1");
    if (a.has("--batch-num") && !a.has("--num-batches"))
        throw UsageError("--batch-num/-b is only meaningful with --num-batches/-B");
    if (o.num_batches > 1 && !a.has("--batch-num"))
        throw UsageError("--batch-num/-b must be given when --num-batches/-B is used");
    o.batch_num = static_cast<int>(a.get_int("--batch-num").value_or(0));
    if (o.batch_num < 0 || o.batch_num >= o.num_batches)
        throw UsageError("--batch-num/-b must be at least 0 and less than --num-batches/-B");
    o.batched = o.num_batches > 1;
    const long threads = a.get_int("--threads").value_or(0);
    if (threads < 0 || threads > 1024) throw UsageError("--threads must be between 0 and 1024");
    o.threads = static_cast<unsigned>(threads);
    if (a.count("--verbose") > 0) o.progress = [](const std::string& s) { std::cerr << s << "\n"; };

    // Open the output first so an unwritable path fails before a long computation.
    OutputFile out(a.get_or("--output", "-"), false);
    const formats::StaticAnalysis result = symbolic::vc2::static_filter_analysis(config, o);
    formats::write_static_analysis(out.stream(), result);
    out.commit();
    return 0;
}

}  // namespace rigor::cli
