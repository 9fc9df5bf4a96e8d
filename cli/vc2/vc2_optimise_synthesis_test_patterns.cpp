// `vc2-optimise-synthesis-test-patterns STATIC.json -b BITS [-q …] [search options] [-o OUT]`
// (the reference's tool): a seeded greedy stochastic search for synthesis test patterns
// stronger than the heuristic ones, for one bit width and quantisation matrix
// (pixel/vc2_bit_widths/pattern_optimisation.hpp).
#include <charconv>
#include <iostream>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_optimised_patterns.hpp"
#include "pixel/vc2_bit_widths/pattern_optimisation.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

template <class T>
T number(const Arguments& a, const std::string& flag, T fallback) {
    const auto text = a.get(flag);
    if (!text) return fallback;
    T v{};
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || text->empty())
        throw UserError(flag + " '" + *text + "' is not a number");
    return v;
}

}  // namespace

int vc2_optimise_synthesis_test_patterns_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_tool_parser(
        "vc2-optimise-synthesis-test-patterns",
        "Improve the synthesis test patterns of STATIC_ANALYSIS.json (from vc2-static-filter-analysis)\n"
        "for one picture bit width and quantisation matrix by a greedy stochastic search through the\n"
        "integer transform with quantisation at every index up to the largest useful one.  The same\n"
        "seed gives the same output on any number of threads; no pattern ends weaker than the\n"
        "heuristic one.  Use the output as the optional second file of vc2-bit-widths-table and\n"
        "vc2-bit-width-test-pictures.",
        OptimisedPatterns::refused);
    p.option("-s", "--seed", "SEED", "random seed (default 1)")
        .option("-N", "--number-of-searches", "N", "independent searches per pattern (default 10)")
        .option("-t", "--terminate-early", "N", "stop after N searches without improvement (default 1; 0 = never)")
        .option("-a", "--added-corruption-rate", "R", "share of pixels randomised per iteration (default 0.05)")
        .option("-r", "--removed-corruption-rate", "R", "share of pixels reset per iteration (default 0.0)")
        .option("-i", "--base-iterations", "N", "iterations per search (default 200)")
        .option("-I", "--added-iterations-per-improvement", "N", "extra iterations per improvement (default 200)")
        .option("-j", "--threads", "N", "worker threads (default: all cores)")
        .option("-o", "--output", "FILE", "write to FILE instead of stdout")
        .flag("-v", "--verbose", "report each pattern on stderr (and progress from the start, as plain lines)");
    add_vc2_progress_options(p, OwnVerbose::yes);
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    bit_widths::SearchParameters s;
    s.seed = number<std::uint64_t>(a, "--seed", s.seed);
    s.number_of_searches = number<int>(a, "--number-of-searches", s.number_of_searches);
    s.terminate_early = number<int>(a, "--terminate-early", s.terminate_early);
    s.added_corruption_rate = number<double>(a, "--added-corruption-rate", s.added_corruption_rate);
    s.removed_corruption_rate = number<double>(a, "--removed-corruption-rate", s.removed_corruption_rate);
    s.base_iterations = number<long>(a, "--base-iterations", s.base_iterations);
    s.added_iterations_per_improvement =
        number<long>(a, "--added-iterations-per-improvement", s.added_iterations_per_improvement);
    bit_widths::check_search_parameters(s);
    const unsigned threads = vc2_tool_threads(a);
    const Vc2ToolInputs in = load_vc2_tool_inputs(a);
    const formats::StaticAnalysis& analysis = in.analysis;
    OutputFile out(a.get_or("--output", "-"));  // opened before the long search

    // One lock for both kinds of stderr line, so a pattern's line and a progress line never mix.
    std::mutex log;
    const bool verbose = a.has("--verbose");
    const ProgressDisplay display = progress_display("vc2-optimise-synthesis-test-patterns", a);
    ProgressTask task(display.progress(), "synthesis patterns", analysis.synthesis_patterns.size());
    formats::OptimisedPatternsDocument doc{analysis.config, in.picture_bits, in.matrix, {}};
    doc.patterns = bit_widths::optimise_synthesis_patterns(
        analysis, in.picture_bits, in.matrix, s, threads, [&](std::size_t k, const formats::OptimisedPattern& o) {
            std::lock_guard lock(log);
            task.step();
            if (!verbose) return;
            const auto& w = o.pattern.where;
            std::cerr << "pattern " << k + 1 << " of " << analysis.synthesis_patterns.size() << " (level "
                      << w.level << ", " << w.array_name << "[" << w.x << ", " << w.y
                      << "]): " << o.decoded_value << " at qi " << o.quantisation_index << " after "
                      << o.num_search_iterations << " iterations\n";
        });
    task.finish();
    out.stream() << formats::python_json_dumps(to_json(doc)) << "\n";
    out.commit();
    return 0;
}

}  // namespace rigor::cli
