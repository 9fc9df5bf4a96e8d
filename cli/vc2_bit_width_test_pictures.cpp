// `vc2-bit-width-test-pictures STATIC.json WIDTH HEIGHT -b BITS [-q …] -o DIR` (the
// reference's tool): the test patterns packed onto 8-bit PNG pictures (255 = signal
// maximum, 0 = minimum, 128 = don't care) with a JSON list of the targeted values per
// picture: analysis_N.png/.json, synthesis_N_qiQ.png/.json (code at index Q).
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/output_file.hpp"
#include "cli/python_json.hpp"
#include "cli/vc2_tool_arguments.hpp"
#include "filters/error.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/vc2/test_pictures.hpp"

namespace rigor::cli {

namespace {

long picture_dimension(const std::string& name, const std::string& text) {
    long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || v < 1 || v > (1L << 20))
        throw UserError(name + " '" + text + "' is not a picture size (1 to 1048576)");
    return v;
}

pixel::Frame as_png_frame(const vc2::TestPicture& t, vc2::IntegerRange signal) {
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

std::string points_json(const vc2::TestPicture& t) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const vc2::TestPoint& p : t.points)
        list.push_back({{"level", p.where.level},
                        {"array_name", p.where.array_name},
                        {"x", p.where.x},
                        {"y", p.where.y},
                        {"maximise", p.maximise},
                        {"tx", p.tx},
                        {"ty", p.ty}});
    return python_json_dumps(list);  // json.dump: no newline at the end
}

}  // namespace

int vc2_bit_width_test_pictures_main(std::span<const std::string> args) {
    const auto a = parse_vc2_tool_arguments(args, {{"-o", "--output-directory", true},
                                                   {"", "--output", true},
                                                   {"-v", "--verbose", false},
                                                   {"-j", "--threads", true}},
                                            4, true);
    if (a.help) {
        std::cout << "usage: vc2-bit-width-test-pictures STATIC_ANALYSIS.json [OPTIMISED.json] WIDTH HEIGHT -b BITS\n"
                     "           [-q LEVEL ORIENT VALUE [LEVEL ORIENT VALUE ...]] [-o DIR] [-j N]\n\n"
                     "Packs every test pattern of STATIC_ANALYSIS.json (from vc2-static-filter-analysis),\n"
                     "maximising and minimising, onto as few WIDTH x HEIGHT 8-bit PNG pictures as possible\n"
                     "(255 = signal maximum, 0 = minimum, 128 = don't care; scale to BITS before use), each\n"
                     "with a JSON list of the values it targets: [{\"level\", \"array_name\", \"x\", \"y\"\n"
                     "(the phase), \"maximise\", \"tx\", \"ty\" (the value's position in the array)}, ...].\n"
                     "With OPTIMISED.json (from vc2-optimise-synthesis-test-patterns) its synthesis patterns,\n"
                     "bit width and matrix are used.\n"
                     "  analysis_N.png        feed to an encoder\n"
                     "  synthesis_N_qiQ.png   encode with quantisation index Q everywhere, then decode\n"
                     "  -b, --picture-bit-width BITS          picture sample bits (1 to 32)\n"
                     "  -q, --custom-quantisation-matrix ...  LEVEL ORIENT VALUE triples; required for\n"
                     "                                        transforms without a default matrix\n"
                     "  -o, --output-directory DIR            existing folder for the pictures (default: .)\n"
                     "  -j, --threads N                       worker threads (default: all cores)\n"
                     "  -v, --verbose                         print what was written\n";
        return 0;
    }
    if (a.positionals.size() < 2) throw UserError("missing WIDTH and HEIGHT after the static analysis (see --help)");
    // The reference's optional OPTIMISED.json comes before WIDTH HEIGHT.
    const std::size_t first = a.positionals.size() - 2;
    const long width = picture_dimension("WIDTH", a.positionals[first]);
    const long height = picture_dimension("HEIGHT", a.positionals[first + 1]);
    const std::string dir = a.value("--output-directory").value_or(a.value("--output").value_or("."));
    if (!std::filesystem::is_directory(dir)) throw IoError("output directory '" + dir + "' does not exist");
    const unsigned threads = a.threads();

    const auto in =
        load_vc2_tool_inputs(a, first == 1 ? std::optional<std::string>(a.positionals[0]) : std::nullopt);
    const auto pictures = vc2::make_test_pictures(in.analysis, width, height, in.picture_bits, in.matrix, threads);
    const auto signal = vc2::picture_range(in.picture_bits);

    // Every file is written to its temporary first; only when all are complete are they
    // renamed into place, so a failure leaves none of them behind.
    std::vector<std::unique_ptr<OutputFile>> outputs;
    const auto emit = [&](const vc2::TestPicture& t, const std::string& stem) {
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
    for (auto& o : outputs) {
        o->commit();
        if (a.has("--verbose")) std::cerr << "wrote " << o->path() << "\n";
    }
    return 0;
}

}  // namespace rigor::cli
