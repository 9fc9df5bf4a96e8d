// bench_chroma_example [FRAMES]: the module's worked example (Sirius,
// data/regress/sirius-720p-point-chroma.json) on 1920x1080 8-bit 4:2:0 frames, as
// `rigor chroma-reconstruct` runs it: frames per second with 1 and 2 threads and the
// share of each step (integer → float, descale, luma chains, chroma demangle +
// regression + reconstruct, output resize + float → integer), next to a plain copy of
// the same frames in the same run.  FRAMES distinct frames (default 8), made from
// data/regress/astronaut.png shifted by a fraction of a pixel per frame.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "filters/regress/recipe.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/resize.hpp"
#include "pixel/regress/units.hpp"
#include "pixel/regress/yuv_chroma_reconstruct.hpp"

using namespace rigor::pixel::regress;
using rigor::pixel::Frame;
using rigor::pixel::Plane;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The machine's load (1-minute average), printed beside every figure: 2 shared cores.
std::string load() {
    std::FILE* f = std::fopen("/proc/loadavg", "r");
    char text[32] = "?";
    if (f) {
        if (std::fscanf(f, "%31s", text) != 1) text[0] = '?', text[1] = 0;
        std::fclose(f);
    }
    return text;
}

std::vector<Frame> make_frames(int count) {
    const Frame rgb = rigor::pixel::read_picture(std::string(RIGOR_DATA_DIR) + "/regress/astronaut.png");
    const int w = rgb.width(), h = rgb.height();
    std::vector<Plane> ycc(3, make_float_plane(w, h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto ch = [&](int k) { return rgb.plane(k).row_as<std::uint8_t>(y)[x] / 255.0; };
            const double yy = 0.2126 * ch(0) + 0.7152 * ch(1) + 0.0722 * ch(2);
            ycc[0].row_as<float>(y)[x] = float(yy);
            ycc[1].row_as<float>(y)[x] = float((ch(2) - yy) / 1.8556);
            ycc[2].row_as<float>(y)[x] = float((ch(0) - yy) / 1.5748);
        }
    const auto lanczos = rigor::regress::parse_resize_kernel("lanczos:3");
    std::vector<Frame> frames;
    for (int f = 0; f < count; ++f) {
        Frame out({rigor::pixel::ColorFamily::YUV, rigor::pixel::SampleType::Integer, 8, 1, 1}, 1920, 1080);
        for (int p = 0; p < 3; ++p) {
            const int pw = out.plane(p).width(), ph = out.plane(p).height();
            const Plane s = resize_plane(ycc[p], lanczos, {pw, ph, 0.37 * f, 0.21 * f, 0, 0});
            out.plane(p) = float_to_integer(s, IntegerCoding{8, p > 0, ColorRange::limited});
        }
        frames.push_back(std::move(out));
    }
    return frames;
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 8;
    const std::vector<Frame> frames = make_frames(count);
    YuvReconstruction s;
    s.recipe = rigor::regress::load_recipe(std::string(RIGOR_DATA_DIR) + "/regress/sirius-720p-point-chroma.json");
    s.regress.radius = *s.recipe.radius;
    s.reconstruct.radius = *s.recipe.recon_radius;
    plan_descale(s, 1920, 1080);  // as the command does: once for the clip
    const ChromaSiting siting{s.location, 1, 1};
    const IntegerCoding yc{8, false, ColorRange::limited}, cc{8, true, ColorRange::limited};

    // A plain copy of every frame: the floor any filter pays.
    auto t = Clock::now();
    std::size_t sink = 0;
    for (const Frame& f : frames) {
        Frame copy = f;
        sink += copy.plane(1).row_as<std::uint8_t>(0)[0];
    }
    const double copy_s = seconds_since(t);
    std::printf("Sirius worked example, %d distinct 1920x1080 8-bit 4:2:0 frames (plain copy %.4f ms/frame)\n", count,
                1e3 * copy_s / count);
    // The descale alone: as it was (planned for every frame, one line at a time: the
    // plain reference) against planned once and solved 16 lines at a time.
    {
        const auto& d = *s.recipe.descale;
        const DescaleRequest request{*d.step.width, *d.step.height, d.step.src_left.value, d.step.src_top.value,
                                     d.step.src_width.value_or(0), d.step.src_height.value_or(0), d.border};
        std::vector<Plane> lumas;
        for (const Frame& f : frames) lumas.push_back(integer_to_float(f.plane(0), yc));
        t = Clock::now();
        for (const Plane& y : lumas)
            sink += DescalePlan(d.step.kernel, request, y.width(), y.height()).apply_reference(y).width();
        const double before = seconds_since(t);
        std::printf("descale planned per frame, line by line: %7.2f ms/frame (load %s)\n", 1e3 * before / count,
                    load().c_str());
        for (const int threads : {1, 2}) {
            t = Clock::now();
            for (const Plane& y : lumas) sink += s.descale_plan->apply(y, threads).width();
            const double after = seconds_since(t);
            std::printf("descale planned once, 16 lines a step, %d thread(s): %7.2f ms/frame, %.2fx the line-by-line "
                        "run (load %s)\n",
                        threads, 1e3 * after / count, before / after, load().c_str());
        }
    }
    for (const int threads : {1, 2}) {
        s.threads = threads;
        double step[5] = {};
        const char* names[5] = {"integer -> float", "descale lanczos3 zero", "luma chains + base",
                                "chroma demangle + regression + reconstruct", "output hermite + float -> integer"};
        const auto start = Clock::now();
        for (const Frame& f : frames) {
            t = Clock::now();
            const Plane y = integer_to_float(f.plane(0), yc);
            const std::vector<Plane> c{integer_to_float(f.plane(1), cc), integer_to_float(f.plane(2), cc)};
            step[0] += seconds_since(t);
            t = Clock::now();
            const Plane base = make_luma_base(y, s);
            step[1] += seconds_since(t);
            t = Clock::now();
            const Plane ld = apply_chain(apply_chain(base, s.recipe.mangle_luma, siting), s.recipe.demangle_luma, siting);
            const Plane lb = apply_chain(base, s.recipe.base_for_reconstruct, siting);
            Plane detail = make_float_plane(ld.width(), ld.height());
            for (int j = 0; j < ld.height(); ++j)
                for (int i = 0; i < ld.width(); ++i)
                    detail.row_as<float>(j)[i] = lb.row_as<float>(j)[i] - ld.row_as<float>(j)[i];
            step[2] += seconds_since(t);
            t = Clock::now();
            std::vector<Plane> fixed;
            for (const Plane& p : c) {
                const Plane cd = apply_chain(p, s.recipe.demangle_chroma, siting);
                Plane r = regress_reconstruct_fused(ld, cd, detail, s.regress, s.reconstruct, threads);
                for (int j = 0; j < r.height(); ++j)
                    for (int i = 0; i < r.width(); ++i) r.row_as<float>(j)[i] += cd.row_as<float>(j)[i];
                fixed.push_back(std::move(r));
            }
            step[3] += seconds_since(t);
            t = Clock::now();
            const auto hermite = s.recipe.output.step.kernel;
            for (const Plane& p : fixed) {
                const auto sh = rigor::regress::to_subsampled(s.location, 1, 1, p.width(), p.height(), 960, 540);
                sink += float_to_integer(resize_plane(p, hermite, {960, 540, sh.left, sh.top, 0, 0}), cc).width();
            }
            step[4] += seconds_since(t);
        }
        const double total = seconds_since(start);
        // The whole frame as the command runs it, for the same frames.
        const auto whole_start = Clock::now();
        for (const Frame& f : frames) sink += reconstruct_yuv_frame(f, nullptr, nullptr, s).width();
        const double whole = seconds_since(whole_start);
        std::printf("\n%d thread(s): %.2f fps by steps, %.2f fps through reconstruct_yuv_frame (%.0fx a plain copy, "
                    "load %s)\n",
                    threads, count / total, count / whole, whole / std::max(copy_s, 1e-9), load().c_str());
        for (int k = 0; k < 5; ++k)
            std::printf("  %-46s %7.2f ms/frame  %5.1f %%\n", names[k], 1e3 * step[k] / count, 100 * step[k] / total);
    }
    return sink == 42 ? 1 : 0;
}
