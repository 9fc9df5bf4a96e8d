// vc2-static-filter-analysis: the BBC tool's arguments, rigor's engine (symbolic/vc2).
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "filters/vc2/wavelet.hpp"
#include "symbolic/vc2/analysis_json.hpp"
#include "symbolic/vc2/static_analysis.hpp"

namespace rigor::cli {

namespace {

std::string wavelet_list() {
    std::string s;
    for (int i = 0; i < vc2::kWaveletCount; ++i)
        s += (i ? ", " : "") + std::to_string(i) + " or " + std::string(vc2::wavelet(i).name);
    return s;
}

}  // namespace

ArgumentParser vc2_analysis_arguments(const std::string& program, const std::string& description) {
    ArgumentParser p(program, description);
    p.option("-w", "--wavelet-index", "W", "the VC-2 wavelet (vertical and 2-D levels): one of " + wavelet_list())
        .option("-W", "--wavelet-index-ho", "W", "the wavelet of the horizontal parts (default: --wavelet-index)")
        .option("-d", "--dwt-depth", "D", "2-D transform depth (default 0)")
        .option("-D", "--dwt-depth-ho", "D", "horizontal-only transform depth (default 0)");
    return p;
}

vc2::TransformConfig vc2_config_from(const Arguments& a) {
    vc2::TransformConfig c;
    const auto w = a.get("--wavelet-index");
    if (!w) throw UsageError("the argument --wavelet-index/-w is required");
    c.wavelet_index = vc2::wavelet_by_name_or_index(*w).index;
    c.wavelet_index_ho = vc2::wavelet_by_name_or_index(a.get_or("--wavelet-index-ho", *w)).index;
    c.dwt_depth = static_cast<int>(a.get_int("--dwt-depth").value_or(0));
    c.dwt_depth_ho = static_cast<int>(a.get_int("--dwt-depth-ho").value_or(0));
    if (c.dwt_depth < 0) throw UsageError("--dwt-depth must not be negative");
    if (c.dwt_depth_ho < 0) throw UsageError("--dwt-depth-ho must not be negative");
    if (c.dwt_depth + c.dwt_depth_ho > 12)
        throw UsageError("transform depth " + std::to_string(c.dwt_depth + c.dwt_depth_ho) +
                         " is beyond what rigor supports (at most 12 levels in total)");
    return c;
}

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

    vc2::AnalysisOptions o;
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
    const vc2::ExactAnalysis result = vc2::static_filter_analysis(config, o);
    vc2::write_analysis_json(out.stream(), result);
    out.commit();
    return 0;
}

}  // namespace rigor::cli
