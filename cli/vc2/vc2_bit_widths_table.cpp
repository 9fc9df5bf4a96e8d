// `vc2-bit-widths-table STATIC.json -b BITS [-q …] [-p] [--format csv|json|markdown]
// [--tight [--width W --height H]]` (the reference's tool): for every array of the
// transform, the bounds for a BITS-bit picture next to what the test patterns produce
// through the integer transform.  --tight: bounds that hold at every position, edges
// included, the decoder's through the quantiser chain (pixel/vc2_tight/tight_table.hpp),
// for every picture from the minimum size (stated on stderr) or for exactly W × H.
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/json_file.hpp"
#include "filters/formats/python_json.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"
#include "pixel/vc2_tight/tight_table.hpp"
#include "pixel/vc2_tight/witness_batch.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

using bit_widths::TableRow;

std::string csv(const std::vector<TableRow>& rows, bool phases) {
    std::ostringstream s;  // the reference writes Python csv: "\r\n" line ends
    s << "type,level,array_name," << (phases ? "x,y," : "")
      << "lower_bound,test_pattern_min,test_pattern_max,upper_bound,bits\r\n";
    for (const TableRow& r : rows) {
        s << (r.synthesis ? "synthesis" : "analysis") << ',' << r.where.level << ',' << r.where.array_name << ',';
        if (phases) s << r.where.x << ',' << r.where.y << ',';
        s << r.lower << ',' << r.pattern_min << ',' << r.pattern_max << ',' << r.upper << ',' << r.bits_text()
          << "\r\n";
    }
    return s.str();
}

std::string markdown(const std::vector<TableRow>& rows, bool phases) {
    std::ostringstream s;
    s << "| type | level | array | " << (phases ? "x | y | " : "")
      << "lower bound | pattern min | pattern max | upper bound | bits |\n"
      << "|---|---:|---|" << (phases ? "---:|---:|" : "") << "---:|---:|---:|---:|---:|\n";
    for (const TableRow& r : rows) {
        s << "| " << (r.synthesis ? "synthesis" : "analysis") << " | " << r.where.level << " | `"
          << r.where.array_name << "` | ";
        if (phases) s << r.where.x << " | " << r.where.y << " | ";
        s << r.lower << " | " << r.pattern_min << " | " << r.pattern_max << " | " << r.upper << " | "
          << r.bits_text() << " |\n";
    }
    return s.str();
}

// The picture sizes a tight table's bounds hold for.
struct TightPictures {
    long width = 0, height = 0;
    bool exact = false;
};

std::string json(const std::vector<TableRow>& rows, bool phases, int bits, int maximum_qi,
                 const std::optional<TightPictures>& tight) {
    nlohmann::ordered_json doc;
    doc["picture_bit_width"] = bits;
    doc["maximum_quantisation_index"] = maximum_qi;
    if (tight) {
        doc["bounds"] = "tight, edges included";
        doc["pictures"] = {{tight->exact ? "width" : "minimum_width", tight->width},
                           {tight->exact ? "height" : "minimum_height", tight->height}};
    }
    auto& list = doc["rows"] = nlohmann::ordered_json::array();
    for (const TableRow& r : rows) {
        nlohmann::ordered_json e;
        e["type"] = r.synthesis ? "synthesis" : "analysis";
        e["level"] = r.where.level;
        e["array_name"] = r.where.array_name;
        if (phases) e["phase"] = {r.where.x, r.where.y};
        e["lower_bound"] = r.lower;
        e["test_pattern_min"] = r.pattern_min;
        e["test_pattern_max"] = r.pattern_max;
        e["upper_bound"] = r.upper;
        e["pattern_bits"] = r.pattern_bits();
        e["bound_bits"] = r.bound_bits();
        list.push_back(std::move(e));
    }
    return formats::python_json_dumps(doc) + "\n";
}

// --num-batches/--batch-num (one batch of the witness search) or --witnesses (the table
// from every batch's file).
struct Batching {
    bool batch = false;  // write one batch's witnesses (even of 1), not the table
    int num_batches = 1, batch_num = 0;
    std::vector<std::string> files;
};

Batching batching_arguments(const Arguments& a, bool tight) {
    Batching b;
    const bool batched = a.has("--num-batches"), numbered = a.has("--batch-num");
    if ((batched || numbered || a.has("--witnesses")) && !tight)
        throw UsageError("--num-batches, --batch-num and --witnesses need --tight");
    if (batched != numbered) throw UsageError("--num-batches/-B and --batch-num go together");
    if (batched && a.has("--witnesses"))
        throw UsageError("--witnesses combines batches: give it without --num-batches/--batch-num");
    if (batched) {
        const long n = *a.get_int("--num-batches"), k = *a.get_int("--batch-num");
        if (n < 1 || n > (1L << 20)) throw UsageError("--num-batches/-B must be 1 to 1048576");
        if (k < 0 || k >= n) throw UsageError("--batch-num must be at least 0 and less than --num-batches/-B");
        b.batch = true;
        b.num_batches = static_cast<int>(n);
        b.batch_num = static_cast<int>(k);
    }
    b.files = a.all("--witnesses");
    return b;
}

rigor::pixel::vc2_tight::Witnesses combined_witnesses(const std::vector<std::string>& files,
                                                      const rigor::pixel::vc2_tight::TightBounds& bounds,
                                                      const rigor::vc2::QuantisationMatrix& matrix) {
    namespace t = rigor::pixel::vc2_tight;
    std::vector<t::WitnessBatch> batches;
    for (const std::string& f : files)
        batches.push_back(t::witness_batch_from_json(formats::read_json_file(f, "a witness batch"), f));
    return t::combine_witness_batches(batches, files, bounds, matrix);
}

}  // namespace

int vc2_bit_widths_table_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_tool_parser(
        "vc2-bit-widths-table",
        "For every intermediate array of the VC-2 transform in STATIC_ANALYSIS.json (from\n"
        "vc2-static-filter-analysis): its bounds for a BITS-bit picture, the values the test\n"
        "patterns reach through the integer transform, and the bits needed\n"
        "(\"patternbits-boundbits\" when they differ).",
        OptimisedPatterns::accepted);
    p.flag("-p", "--show-all-filter-phases", "one row per phase instead of per array")
        .option("-f", "--format", "csv|json|markdown", "output format (default csv, as the reference)")
        .flag("", "--tight", "bounds holding at every position, edges included, from a minimum size (on stderr)")
        .option("", "--width", "W", "with --tight: the bounds of pictures of exactly W x H")
        .option("", "--height", "H", "with --tight: see --width")
        .option("-B", "--num-batches", "N",
                "with --tight and --batch-num: search batch K of N of the witnesses and write\n"
                "      them (a JSON witness batch) instead of the table")
        .option("", "--batch-num", "K", "with --num-batches: the batch to search (0…N−1)")
        .option("", "--witnesses", "FILE",
                "with --tight: the table from these witness batches (every batch of one\n"
                "      --num-batches run, exactly once) instead of a search",
                ArgumentParser::kOneOrMore)
        .option("-j", "--threads", "N", "worker threads (default: all cores)")
        .option("-o", "--output", "FILE", "write to FILE instead of stdout");
    add_vc2_progress_options(p);
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const std::string format = a.get_or("--format", "csv");
    if (format != "csv" && format != "json" && format != "markdown")
        throw UserError("unknown --format '" + format + "' (csv, json or markdown)");
    const bool tight = a.has("--tight");
    if (!tight && (a.has("--width") || a.has("--height"))) throw UsageError("--width and --height need --tight");
    if (a.has("--width") != a.has("--height")) throw UsageError("--width and --height go together");
    const Batching batching = batching_arguments(a, tight);
    const unsigned threads = vc2_tool_threads(a);
    const auto in = load_vc2_tool_inputs(a);
    const ProgressDisplay display = progress_display("vc2-bit-widths-table", a);
    std::vector<TableRow> all_rows;
    int maximum_qi = 0;
    std::optional<TightPictures> pictures;
    if (tight) {
        namespace t = rigor::pixel::vc2_tight;
        const t::PictureGeometry geometry =
            a.has("--width") ? t::exact_geometry(in.analysis.config, *a.get_int("--width"),
                                                 *a.get_int("--height"))
                             : t::minimum_geometry(in.analysis.config);
        std::cerr << "vc2-bit-widths-table: tight bounds (edges included) for " << geometry.describe() << "\n";
        t::WitnessOptions search;
        search.threads = threads;
        search.progress = display.progress();
        search.batches = batching.num_batches;
        search.batch = batching.batch_num;
        t::TightTable table =
            t::tight_table_before_witnesses(in.analysis, in.picture_bits, in.matrix, geometry, threads, search.progress);
        if (!batching.files.empty()) {
            table.witnesses = combined_witnesses(batching.files, table.bounds, in.matrix);
        } else {
            table.witnesses = t::find_witnesses(table.bounds, in.matrix, search);
            if (batching.batch) {
                const t::WitnessBatch batch{t::bounds_fingerprint(table.bounds), batching.num_batches,
                                            batching.batch_num, std::move(table.witnesses)};
                write_text_file(a.get_or("--output", "-"), t::write_witness_batch(batch));
                return 0;
            }
        }
        t::apply_witnesses(table.table.rows, table.witnesses);
        all_rows = std::move(table.table.rows);
        maximum_qi = table.bounds.maximum_quantisation_index;
        pictures = TightPictures{geometry.width, geometry.height, geometry.exact_size};
    } else {
        auto table = bit_widths::bit_width_table(in.analysis, in.picture_bits, in.matrix, threads, display.progress());
        all_rows = std::move(table.rows);
        maximum_qi = table.bounds.maximum_quantisation_index;
    }
    const bool phases = a.has("--show-all-filter-phases");
    const auto rows = phases ? all_rows : bit_widths::merge_phases(all_rows);
    const std::string text = format == "csv"    ? csv(rows, phases)
                             : format == "json" ? json(rows, phases, in.picture_bits, maximum_qi, pictures)
                                                : markdown(rows, phases);
    write_text_file(a.get_or("--output", "-"), text);
    return 0;
}

}  // namespace rigor::cli
