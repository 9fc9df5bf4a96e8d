// Recipes that say everything the module can: every kernel and its parameters, source
// windows, descale borders, output steps; the errors name the step; the shipped recipes.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "filters/base/error.hpp"
#include "filters/regress/recipe.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/resize.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

const char* const kKernels[] = {"point",    "bilinear", "catrom",   "hermite",  "mitchell", "bicubic:0.2:0.4",
                                "lanczos:2", "lanczos:4", "spline16", "spline36", "spline64"};

}  // namespace

TEST_CASE("every kernel's upscale matrix (mirror) is zimg's resize, impulse by impulse", "[recipe][descale]") {
    // zimg's own output for each unit impulse is a column of A; the matrix the descale
    // builds from the kernel formulas (the descale filter's) must be the same matrix, or
    // descale would invert a different resize than the chains run.
    for (const char* name : kKernels)
        for (const double shift : {0.0, 0.3, -0.25}) {
            const ResizeKernel k = parse_resize_kernel(name);
            const int n = 12, m = 20;
            Plane impulses = make_float_plane(n, n);
            for (int i = 0; i < n; ++i) impulses.row_as<float>(i)[i] = 1;
            const Plane cols = resize_plane(impulses, k, {m, n, shift, 0, 0, 0});
            const auto a = upscale_matrix(k, n, m, shift, 0, DescaleBorder::mirror);
            for (int col = 0; col < n; ++col)
                for (int row = 0; row < m; ++row) {
                    INFO(name << " shift " << shift << " A[" << row << "][" << col << "]");
                    CHECK(a[std::size_t(row) * n + col] == Approx(at(cols, row, col)).margin(2e-6));
                }
        }
}

TEST_CASE("descale undoes an upscale of each border kind, with shifts and source windows", "[recipe][descale]") {
    // The upscale is y = A·x with the border's A (rows that lose taps at a zero border sum
    // below 1); the least-squares solution of a consistent system is x exactly.
    const int n = 24, m = 40, h = 8;
    for (const DescaleBorder border : {DescaleBorder::mirror, DescaleBorder::zero, DescaleBorder::repeat})
        for (const char* name : {"bilinear", "lanczos:3", "spline36", "bicubic:0.33:0.33"}) {
            const ResizeKernel k = parse_resize_kernel(name);
            const double shift = 0.2, window = n - 0.5;
            const auto a = upscale_matrix(k, n, m, shift, window, border);
            if (border == DescaleBorder::zero) {
                double first = 0;
                for (int c = 0; c < n; ++c) first += a[c];
                CHECK(first < 0.999);  // the first output lost taps past the edge
            }
            const Plane x = random_plane(n, h, 7, 0, 1);
            // y = A_v · x · A_hᵀ: the width upscaled, the height resized h → h (the identity
            // for interpolating kernels, a blur for mitchell) — descale undoes both.
            const auto av = upscale_matrix(k, h, h, 0, 0, border);
            Plane y = make_float_plane(m, h);
            for (int r = 0; r < h; ++r)
                for (int i = 0; i < m; ++i) {
                    double s = 0;
                    for (int q = 0; q < h; ++q)
                        for (int c = 0; c < n; ++c)
                            s += av[std::size_t(r) * h + q] * a[std::size_t(i) * n + c] * at(x, c, q);
                    y.row_as<float>(r)[i] = float(s);
                }
            const Plane back = descale_plane(y, k, DescaleRequest{n, h, shift, 0, window, 0, border});
            for (int r = 0; r < h; ++r)
                for (int c = 0; c < n; ++c) {
                    INFO(name << " border " << to_string(border) << " at " << c << "," << r);
                    CHECK(at(back, c, r) == Approx(at(x, c, r)).margin(2e-4));
                }
        }
}

TEST_CASE("recipe steps take kernel parameters, windows, descale and output", "[recipe]") {
    const ChromaRecipe r = parse_recipe(R"({
        "mangle_luma": [{"kernel": "bicubic", "b": 0.2, "c": 0.4, "width": 50, "src_width": 99.5, "src_height": 80}],
        "demangle": [{"kernel": "lanczos", "taps": 5, "width": 100}, {"kernel": "spline64"}],
        "descale": {"kernel": "lanczos", "taps": 4, "width": 100, "height": 80, "border": "repeat", "blur": 1.1,
                    "src_left": 0.25},
        "output": {"kernel": "bicubic", "b": 0, "c": 0, "mode": "444"}})",
                                        "t");
    CHECK(r.mangle_luma.steps[0].kernel == ResizeKernel{ResizeKernel::Kind::bicubic, 0.2, 0.4, 3, 1});
    CHECK(r.mangle_luma.steps[0].src_width == 99.5);
    CHECK(r.demangle_luma.steps[0].kernel.taps == 5);
    CHECK(r.demangle_chroma.steps[1].kernel.kind == ResizeKernel::Kind::spline64);
    REQUIRE(r.descale);
    CHECK(r.descale->border == DescaleBorder::repeat);
    CHECK(r.descale->step.kernel.blur == 1.1);
    CHECK(r.descale->step.src_left.value == 0.25);
    CHECK(r.output.mode == OutputMode::full444);
    CHECK(!r.output.shift_given);
    // Defaults: hermite, source mode.
    const ChromaRecipe d = parse_recipe("{}", "t");
    CHECK(d.output.mode == OutputMode::source);
    CHECK(d.output.step.kernel == parse_resize_kernel("hermite"));
    CHECK(!d.descale);
}

TEST_CASE("bad recipes: one line naming the step", "[recipe][errors]") {
    const struct {
        const char* json;
        const char* says;
    } cases[] = {
        {R"({"mangle_luma": [{"kernel": "point"}, {"kernel": "gauss"}]})", "chain mangle_luma step 2: unknown kernel 'gauss'"},
        {R"({"demangle": [{"kernel": "point", "width": 0}]})", "chain demangle (luma) step 1: a size must be an integer"},
        {R"({"demangle": [{"kernel": "point", "height": 70000}]})", "a size must be an integer from 1 to 65536"},
        {R"({"demangle": [{"width": 10}]})", "chain demangle (luma) step 1: needs \"kernel\""},
        {R"({"descale": {"kernel": "bilinear", "width": 10}})", "descale: needs \"width\" and \"height\""},
        {R"({"descale": {"kernel": "bilinear", "width": 10, "height": 10, "border": "wrap"}})",
         "descale: unknown descale border 'wrap'"},
        {R"({"output": {"mode": "420"}})", "output: unknown output mode '420'"},
        {R"({"output": {"kernel": "hermite", "width": 8}})", "output: the output size follows from the mode"},
        {R"({"base_for_reconstruct": [{"kernel": "catrom", "taps": 3}]})", "\"taps\" is an integer from 1 to 64 for lanczos only"},
        {R"({"mangle_luma": [{"kernel": "point", "src_width": -1}]})", "src_width and src_height must be numbers above 0"},
        {R"({"mangle_luma": [{"kernel": "point", "src_left": 1e300}]})", "a shift must be from -65536 to 65536"},
        {R"({"mangle_luma": [{"kernel": "point", "blur": 2}]})", "unknown key \"blur\""},
        {R"({"radius": -3})", "\"radius\" must be an integer from 0 to 1024"},
        {R"({"mangle_luma": [{"kernel": "bicubic:1:2:3"}]})", "unknown kernel 'bicubic:1:2:3'"},
    };
    for (const auto& c : cases) {
        INFO(c.json);
        try {
            parse_recipe(c.json, "'t.json'");
            FAIL("accepted");
        } catch (const rigor::UserError& e) {
            const std::string what = e.what();
            CHECK_THAT(what, Catch::StartsWith("recipe 't.json'") && Catch::Contains(c.says));
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("every shipped recipe loads and its chains meet for the source it documents", "[recipe]") {
    const std::string dir = std::string(RIGOR_DATA_DIR) + "/regress/";
    const struct {
        const char* file;
        Size source, chroma, native;
        OutputMode mode;
    } recipes[] = {
        {"sirius-720p-point-chroma.json", {1920, 1080}, {960, 540}, {1280, 540}, OutputMode::source},
        {"astronaut-512-point-chroma.json", {512, 512}, {384, 384}, {512, 384}, OutputMode::source},
        {"generic-720p-catrom.json", {1920, 1080}, {960, 540}, {1280, 720}, OutputMode::source},
        {"point422-1080p.json", {1920, 1080}, {960, 540}, {1920, 1080}, OutputMode::full444},
        {"paworks-720p-missing-fields.json", {1920, 1080}, {960, 540}, {1280, 720}, OutputMode::native},
    };
    int seen = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) seen += e.path().extension() == ".json";
    CHECK(seen == int(std::size(recipes)));
    for (const auto& r : recipes) {
        INFO(r.file);
        const ChromaRecipe recipe = load_recipe(dir + r.file);
        CHECK(!recipe.description.empty());
        const Size base = recipe.descale ? Size{*recipe.descale->step.width, *recipe.descale->step.height}
                                         : (r.source.width == 512 ? Size{512, 512} : r.source);
        CHECK(recipe.check_sizes(base, r.chroma) == r.native);
        CHECK(recipe.output.mode == r.mode);
    }
    // The worked example as the docstring gives it: Lanczos 3, zero borders, 1280x720.
    const ChromaRecipe sirius = load_recipe(dir + "sirius-720p-point-chroma.json");
    CHECK(sirius.descale->step.kernel == parse_resize_kernel("lanczos:3"));
    CHECK(sirius.descale->border == DescaleBorder::zero);
    CHECK(sirius.output.step.kernel == parse_resize_kernel("hermite"));
}
