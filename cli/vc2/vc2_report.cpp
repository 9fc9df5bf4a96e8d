// rigor vc2-report: the main job.  Statically analyses a VC-2 transform, writes the
// reference-compatible JSON, then turns the exact bounds into numbers a codec engineer
// can use: for every array of the encoder and the decoder, the range of values for a
// picture bit width (default quantisation matrix), next to what the test patterns
// actually produce through the integer transform, and the bits a register needs.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/vc2/vc2_config_arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "filters/vc2/wavelet.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"
#include "pixel/vc2_tight/tight_table.hpp"
#include "symbolic/vc2/static_analysis.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void print_rows(const std::vector<bit_widths::TableRow>& rows, bool synthesis) {
    std::printf("  level  array      lower     pattern min  pattern max      upper   bits\n");
    for (const bit_widths::TableRow& r : rows) {
        if (r.synthesis != synthesis) continue;
        std::printf("  %5d  %-7s %9lld  %11lld  %11lld  %9lld   %s\n", r.where.level, r.where.array_name.c_str(),
                    static_cast<long long>(r.lower), static_cast<long long>(r.pattern_min),
                    static_cast<long long>(r.pattern_max), static_cast<long long>(r.upper), r.bits_text().c_str());
    }
}

}  // namespace

int vc2_report_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_analysis_arguments(
        "rigor vc2-report",
        "The main job: exact static analysis of a VC-2 transform (bounds and test patterns,\n"
        "written as the reference's JSON), then the bit widths every encoder and decoder array\n"
        "needs for a picture depth with the default quantisation matrix, checked by running\n"
        "the test patterns through the integer transform.");
    p.option("-b", "--bits", "B", "picture bit width (default 10)")
        .option("-o", "--output", "FILE", "write the static-analysis JSON here (required)")
        .flag("-v", "--verbose", "progress on stderr from the start, as plain lines (and the analysis's steps)")
        .flag("", "--quiet", "no progress on stderr (else shown for work longer than a moment)");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const vc2::TransformConfig config = vc2_config_from(a);
    const long bits = a.get_int("--bits").value_or(10);
    if (bits < 1 || bits > 32) throw UsageError("--bits must be between 1 and 32");
    const auto path = a.get("--output");
    if (!path) throw UsageError("the argument --output/-o is required");

    const ProgressDisplay display = progress_display("rigor vc2-report", a);
    symbolic::vc2::AnalysisOptions steps;
    if (a.has("--verbose")) steps.progress = [](const std::string& s) { std::cerr << "rigor vc2-report: " << s << "\n"; };

    auto start = std::chrono::steady_clock::now();
    OutputFile out(*path, false);
    const formats::StaticAnalysis analysis = symbolic::vc2::static_filter_analysis(config, steps);
    formats::write_static_analysis(out.stream(), analysis);
    out.commit();
    const double analysis_seconds = seconds_since(start);

    std::printf("VC-2 static analysis: %s, horizontal %s, %d 2-D + %d horizontal-only levels\n",
                vc2::wavelet_label(config.vertical_wavelet()).c_str(),
                vc2::wavelet_label(config.horizontal_wavelet()).c_str(), config.dwt_depth, config.dwt_depth_ho);
    std::printf("  exact bounds and test patterns written to %s in %.2f s\n", path->c_str(), analysis_seconds);

    const auto matrix = vc2::default_quantisation_matrix(config);
    if (!matrix) {
        std::printf("\nThis configuration has no default quantisation matrix: run\n"
                    "  vc2-bit-widths-table %s -b %ld -q LEVEL ORIENT VALUE …\nfor the bit widths.\n",
                    path->c_str(), bits);
        return 0;
    }
    start = std::chrono::steady_clock::now();
    const bit_widths::BitWidthTable table = bit_widths::bit_width_table(analysis, static_cast<int>(bits), *matrix, 2, display.progress());
    const auto rows = bit_widths::merge_phases(table.rows);
    std::printf("  bit widths for %ld-bit pictures (%lld … %lld), default quantisation matrix, in %.2f s\n", bits,
                static_cast<long long>(-(1LL << (bits - 1))), static_cast<long long>((1LL << (bits - 1)) - 1),
                seconds_since(start));
    std::printf("  (bounds are exact worst cases; pattern min/max are what the test patterns reach through\n"
                "   the integer transform; bits \"a-b\" = patterns need a, bounds b)\n\n");
    std::printf("Encoder (analysis):\n");
    print_rows(rows, false);
    std::printf("\nDecoder (synthesis), every coefficient quantised at every useful index:\n");
    print_rows(rows, true);

    // The same rows with the tight bounds, which hold at the picture edges too (issue 12).
    start = std::chrono::steady_clock::now();
    namespace tight = rigor::pixel::vc2_tight;
    const tight::PictureGeometry geometry = tight::minimum_geometry(config);
    auto edge_rows = table.rows;
    tight::apply_tight_bounds(edge_rows, tight::tight_bounds(geometry, table.bounds.picture, *matrix, 2, display.progress()));
    edge_rows = bit_widths::merge_phases(edge_rows);
    std::printf("\nTight bounds (vc2-bit-widths-table --tight), in %.2f s: every value of the integer\n"
                "transform at every position, edges included, for %s;\n"
                "the decoder's through the chain picture -> quantiser at each index -> synthesis:\n",
                seconds_since(start), geometry.describe().c_str());
    std::printf("Encoder (analysis):\n");
    print_rows(edge_rows, false);
    std::printf("\nDecoder (synthesis):\n");
    print_rows(edge_rows, true);
    return 0;
}

}  // namespace rigor::cli
