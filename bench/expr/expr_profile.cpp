// One Expr row of the speed table on a small frame, for deterministic instruction counts
// under `valgrind --tool=callgrind` (wall-clock fps are unreliable on a loaded machine).
// Usage: expr_profile EXPR FORMAT [height, default 64] [frames, default 1] [chain|interpreter]
// (chain: no window-sum pass; interpreter: no generated code)
// Instructions per pixel = callgrind's Ir inside ExprFilter::process / (1920 * height * frames).
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pixel/expr/expr_filter.hpp"

using namespace rigor::pixel;
using rigor::pixel::expr::ExprFilter;
using rigor::pixel::expr::ExprSettings;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: expr_profile EXPR FORMAT [height] [frames] [chain|interpreter]\n");
        return 2;
    }
    const int width = 1920, height = argc > 3 ? std::atoi(argv[3]) : 64, frames = argc > 4 ? std::atoi(argv[4]) : 1;
    VideoFormat f = parse_format_name(argv[2]);
    std::vector<Frame> inputs_storage;
    for (unsigned seed = 1; seed <= 2; ++seed) {
        Frame frame(f, width, height);
        std::mt19937 rng(seed);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                if (f.is_float())
                    frame.plane(0).row_as<float>(y)[x] = float(rng() % 1000) / 999.0f;
                else if (f.bits > 8)
                    frame.plane(0).row_as<std::uint16_t>(y)[x] = std::uint16_t(rng() % (1u << f.bits));
                else
                    frame.plane(0).row_as<std::uint8_t>(y)[x] = std::uint8_t(rng());
            }
        inputs_storage.push_back(std::move(frame));
    }
    const Frame* inputs[] = {&inputs_storage[0], &inputs_storage[1]};
    std::vector<VideoFormat> formats = {f, f};
    ExprSettings settings;
    settings.expressions = {argv[1]};
    settings.window_sums = !(argc > 5 && std::string(argv[5]) == "chain");  // chain: no window-sum pass
    settings.jit = !(argc > 5 && std::string(argv[5]) == "interpreter");
    ExprFilter filter(settings, formats, width, height);
    Frame out(f, width, height);
    for (int i = 0; i < frames; ++i) filter.process(inputs, i, out);
    std::printf("%u\n", unsigned(out.plane(0).row_as<std::uint8_t>(height / 2)[7]));
    return 0;
}
