// `vc2-bit-width-test-pictures STATIC.json WIDTH HEIGHT -b BITS [-q …] -o DIR [--tight]`
// (the reference's tool): the test patterns packed onto 8-bit PNG pictures (255 = signal
// maximum, 0 = minimum, 128 = don't care) with a JSON list of the targeted values per
// picture: analysis_N.png/.json, synthesis_N_qiQ.png/.json (code at index Q).  --tight:
// also the witness pictures of the tight bounds at the minimum size they state,
// witness_K.png and their index witnesses.json (witness_picture_files.hpp).
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "cli/vc2/witness_picture_files.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/vc2_bit_widths/test_pictures.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

long picture_dimension(const std::string& name, const std::string& text) {
    long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || v < 1 || v > (1L << 20))
        throw UserError(name + " '" + text + "' is not a picture size (1 to 1048576)");
    return v;
}

pixel::Frame as_png_frame(const bit_widths::TestPicture& t, bit_widths::IntegerRange signal) {
    pixel::Frame frame(pixel::VideoFormat{}, static_cast<int>(t.picture.width), static_cast<int>(t.picture.height));
    for (int y = 0; y < frame.height(); ++y) {
        auto* row = frame.plane(0).row_as<std::uint8_t>(y);
        for (int x = 0; x < frame.width(); ++x) {
            const std::int64_t v = t.picture.at(x, y);
            row[x] = v == signal.upper ? 255 : v == signal.lower ? 0 : 128;
        }
    }
    return frame;
}

std::string points_json(const bit_widths::TestPicture& t) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const bit_widths::TestPoint& p : t.points)
        list.push_back({{"level", p.where.level},
                        {"array_name", p.where.array_name},
                        {"x", p.where.x},
                        {"y", p.where.y},
                        {"maximise", p.maximise},
                        {"tx", p.tx},
                        {"ty", p.ty}});
    return formats::python_json_dumps(list);  // json.dump: no newline at the end
}

// A file this tool writes: analysis_N.png/.json, synthesis_N_qiQ.png/.json, and with
// --tight witness_K.png and witnesses.json.
bool is_test_picture_file(const std::string& name) {
    static const std::regex pattern(
        R"((analysis_[0-9]+|synthesis_[0-9]+_qi[0-9]+)\.(png|json)|witness_[0-9]+\.png|witnesses\.json)");
    return std::regex_match(name, pattern);
}

}  // namespace

int vc2_bit_width_test_pictures_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_tool_parser(
        "vc2-bit-width-test-pictures",
        "Packs every test pattern of STATIC_ANALYSIS.json (from vc2-static-filter-analysis),\n"
        "maximising and minimising, onto as few WIDTH x HEIGHT 8-bit PNG pictures as possible\n"
        "(255 = signal maximum, 0 = minimum, 128 = don't care; scale to BITS before use), each\n"
        "with a JSON list of the values it targets: [{\"level\", \"array_name\", \"x\", \"y\"\n"
        "(the phase), \"maximise\", \"tx\", \"ty\" (the value's position in the array)}, ...].",
        OptimisedPatterns::accepted);
    // The reference's optional OPTIMISED.json comes before WIDTH HEIGHT.
    p.positional("WIDTH", "picture width")
        .positional("HEIGHT", "picture height")
        .option("-o", "--output-directory", "DIR",
                "folder for the pictures (default: .; made if missing; pictures of an earlier run\n"
                "that this run does not write again are removed)")
        .option("", "--output", "DIR", "the same as --output-directory")
        .option("-j", "--threads", "N", "worker threads (default: all cores)")
        .flag("", "--tight",
              "also the witness pictures of vc2-bit-widths-table --tight (at the minimum size its\n"
              "      bounds state, whatever WIDTH and HEIGHT): witness_K.png and witnesses.json")
        .flag("-v", "--verbose", "print what was written (and progress from the start, as plain lines)")
        .epilog("Files written:\n"
                "  analysis_N.png        feed to an encoder\n"
                "  synthesis_N_qiQ.png   encode with quantisation index Q everywhere, then decode\n"
                "  witness_K.png         (--tight) a picture reaching tight bounds: gray, 8-bit PNG up to\n"
                "                        8 bits, else 16-bit, each sample the unsigned BITS-bit sample\n"
                "  witnesses.json        (--tight) which array, phase and extreme each picture reaches");
    add_vc2_progress_options(p, OwnVerbose::yes);
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const long width = picture_dimension("WIDTH", a.positional("WIDTH").at(0));
    const long height = picture_dimension("HEIGHT", a.positional("HEIGHT").at(0));
    const std::string dir = a.get_or("--output-directory", a.get_or("--output", "."));
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw IoError("cannot write to '" + dir + "': not a directory");
    const unsigned threads = vc2_tool_threads(a);

    const auto in = load_vc2_tool_inputs(a);
    if (a.has("--tight")) check_witness_picture_bits(in.picture_bits);  // before any long work
    const ProgressDisplay display = progress_display("vc2-bit-width-test-pictures", a);
    const auto pictures = bit_widths::make_test_pictures(in.analysis, width, height, in.picture_bits, in.matrix,
                                                         threads, display.progress());
    const auto signal = bit_widths::picture_range(in.picture_bits);
    // The witnesses: the tight table's search at the minimum size (pixel/vc2_tight/witness.hpp).
    std::optional<pixel::vc2_tight::TightBounds> tight;
    pixel::vc2_tight::Witnesses witnesses;
    if (a.has("--tight")) {
        namespace t = rigor::pixel::vc2_tight;
        tight = t::tight_bounds(t::minimum_geometry(in.analysis.config), signal, in.matrix, threads, display.progress());
        t::WitnessOptions search;
        search.threads = threads;
        search.progress = display.progress();
        witnesses = t::find_witnesses(*tight, in.matrix, search);
    }

    if (!fs::is_directory(dir, ec) && !fs::create_directories(dir, ec))
        throw IoError("cannot create '" + dir + "': " + ec.message());
    // Every file is written to its temporary first; only when all are complete are they
    // renamed into place, so a failure leaves none of them behind.
    std::vector<std::unique_ptr<OutputFile>> outputs;
    const auto emit = [&](const bit_widths::TestPicture& t, const std::string& stem) {
        const std::string base = (std::filesystem::path(dir) / stem).string();
        outputs.push_back(std::make_unique<OutputFile>(base + ".png"));
        pixel::write_picture(outputs.back()->stream(), base + ".png", as_png_frame(t, signal));
        outputs.push_back(std::make_unique<OutputFile>(base + ".json"));
        outputs.back()->stream() << points_json(t);
    };
    for (std::size_t i = 0; i < pictures.analysis.size(); ++i)
        emit(pictures.analysis[i], "analysis_" + std::to_string(i));
    for (std::size_t i = 0; i < pictures.synthesis.size(); ++i)
        emit(pictures.synthesis[i],
             "synthesis_" + std::to_string(i) + "_qi" + std::to_string(pictures.synthesis[i].quantisation_index));
    if (tight) {
        for (std::size_t k = 0; k < witnesses.pictures.size(); ++k) {
            const std::string path = (fs::path(dir) / witness_picture_name(k)).string();
            outputs.push_back(std::make_unique<OutputFile>(path));
            pixel::write_picture(outputs.back()->stream(), path, witness_frame(witnesses.pictures[k], in.picture_bits));
        }
        outputs.push_back(std::make_unique<OutputFile>((fs::path(dir) / "witnesses.json").string()));
        outputs.back()->stream() << witness_index_json(witnesses, *tight, in.picture_bits);
    }
    std::set<std::string> written;
    for (auto& o : outputs) {
        o->commit();
        written.insert(fs::path(o->path()).filename().string());
        if (a.has("--verbose")) std::cerr << "wrote " << o->path() << "\n";
    }
    // A second run into the same folder must not leave the first run's extra pictures
    // beside the new ones (a smaller size needs fewer): only this tool's own names go.
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file(ec) && is_test_picture_file(name) && !written.count(name)) {
            fs::remove(e.path(), ec);
            if (a.has("--verbose")) std::cerr << "removed " << e.path().string() << " (an earlier run's)\n";
        }
    }
    return 0;
}

}  // namespace rigor::cli
