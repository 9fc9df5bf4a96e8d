// Resizes against zimg's conventions, descale as the inverse of an upscale, chroma
// siting shifts, the recipe loader's errors, integer ↔ float units.
#include <catch2/catch.hpp>
#include <cmath>

#include "filters/base/error.hpp"
#include "filters/regress/recipe.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/resize.hpp"
#include "pixel/regress/units.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

TEST_CASE("bilinear shifts follow zimg: output i samples source (i + 0.5)·s/d + src_left", "[resize]") {
    // A linear ramp v(x) = x at pixel centres x + 0.5 → the value at position p is p − 0.5.
    const Plane ramp = plane_from(32, 4, [](int i, int) { return double(i); });
    for (double shift : {0.0, 0.25, -0.5, 1.0}) {
        const Plane out = resize_plane(ramp, parse_resize_kernel("bilinear"), {16, 4, shift, 0, 0, 0});
        for (int i = 2; i < 13; ++i) {
            INFO("shift " << shift << " i " << i);
            CHECK(at(out, i, 1) == Approx((i + 0.5) * 2 + shift - 0.5).margin(1e-4));
        }
    }
    // Same-size point resize with a whole-pixel shift moves the picture by one sample.
    const Plane moved = resize_plane(ramp, parse_resize_kernel("point"), {32, 4, 1.0, 0, 0, 0});
    CHECK(at(moved, 5, 0) == 6.0f);
}

TEST_CASE("descale inverts an upscale with the same kernel", "[resize][descale]") {
    for (const char* k : {"bilinear", "catrom", "lanczos:3", "mitchell"}) {
        const Plane small = random_plane(40, 24, 9, 0.0, 1.0);
        const Plane big = resize_plane(small, parse_resize_kernel(k), {60, 36, 0, 0, 0, 0});
        const Plane back = descale_plane(big, parse_resize_kernel(k), 40, 24);
        for (int j = 0; j < 24; ++j)
            for (int i = 0; i < 40; ++i) {
                INFO("kernel " << k << " pixel " << i << "," << j);
                CHECK(at(back, i, j) == Approx(at(small, i, j)).margin(2e-4));
            }
    }
    CHECK_THROWS_AS(descale_plane(random_plane(8, 8, 1, 0, 1), parse_resize_kernel("bilinear"), 9, 8), rigor::UserError);
}

TEST_CASE("chroma siting shifts", "[siting]") {
    CHECK(to_full(ChromaLocation::left, 1, 1).left == 0.25);
    CHECK(to_full(ChromaLocation::left, 1, 1).top == 0.0);
    CHECK(to_full(ChromaLocation::top_left, 1, 1).top == 0.25);
    const Shift s = to_subsampled(ChromaLocation::left, 1, 1, 1280, 540, 960, 540);
    CHECK(s.left == Approx(-1.0 / 3));
    CHECK_THROWS_WITH(parse_chroma_location("middle"), Catch::Contains("unknown chroma location 'middle'"));
}

TEST_CASE("unknown kernels and bad recipes are refused naming what is wrong", "[recipe][errors]") {
    CHECK_THROWS_WITH(parse_resize_kernel("sinc"), Catch::Contains("unknown kernel 'sinc'"));
    CHECK(parse_resize_kernel("mitchell").b == Approx(1.0 / 3));
    CHECK_THROWS_WITH(parse_recipe(R"({"demangle": [{"kernel": "gauss"}]})", "t"), Catch::Contains("unknown kernel"));
    CHECK_THROWS_WITH(parse_recipe(R"({"colour": 1})", "t"), Catch::Contains("unknown key \"colour\""));
    CHECK_THROWS_WITH(parse_recipe("{", "t"), Catch::Contains("not valid JSON"));
    const ChromaRecipe r = parse_recipe(
        R"({"name": "bad", "demangle_luma": [{"kernel": "point", "width": 64}], "demangle_chroma": [{"kernel": "point", "width": 32}]})",
        "t");
    CHECK_THROWS_WITH(r.check_sizes({64, 32}, {32, 32}), Catch::Contains("chain demangle_chroma ends at 32x32"));
    CHECK_THROWS_AS(load_recipe("/nonexistent/recipe.json"), rigor::IoError);
}

TEST_CASE("the bundled Sirius recipe has chains that meet at 1280x540", "[recipe]") {
    const ChromaRecipe r = load_recipe(std::string(RIGOR_DATA_DIR) + "/regress/sirius-720p-point-chroma.json");
    CHECK(r.check_sizes({1280, 720}, {960, 540}) == Size{1280, 540});
    CHECK(r.radius == 4);
    CHECK_THROWS_WITH(r.check_sizes({1920, 1080}, {960, 540}), Catch::Contains("chain base_for_reconstruct ends at 1920x540"));
}

TEST_CASE("integer video and float units round-trip (limited and full range)", "[units]") {
    for (int bits : {8, 10, 16})
        for (ColorRange range : {ColorRange::limited, ColorRange::full})
            for (bool chroma : {false, true}) {
                const IntegerCoding c{bits, chroma, range};
                Plane ints(3, 1, bits <= 8 ? 1 : 2);
                const int top = (1 << bits) - 1;
                const int values[3] = {0, int(c.offset()), top};
                for (int i = 0; i < 3; ++i) {
                    if (bits <= 8) ints.row_as<std::uint8_t>(0)[i] = std::uint8_t(values[i]);
                    else ints.row_as<std::uint16_t>(0)[i] = std::uint16_t(values[i]);
                }
                const Plane f = integer_to_float(ints, c);
                CHECK(at(f, 1, 0) == 0.0f);
                const Plane back = float_to_integer(f, c);
                for (int i = 0; i < 3; ++i) {
                    const int v = bits <= 8 ? back.row_as<std::uint8_t>(0)[i] : back.row_as<std::uint16_t>(0)[i];
                    CHECK(v == values[i]);
                }
            }
    // limited 8-bit luma: 235 → 1.0 within the ulp zimg's binary32 scale and offset leave
    // (235·float(1/219) + float(−16/219) rounds to 1 − 2^−24: test_zimg_depth.cpp), chroma 240 → 0.5
    Plane y(1, 1, 1);
    y.row_as<std::uint8_t>(0)[0] = 235;
    CHECK(at(integer_to_float(y, {8, false, ColorRange::limited}), 0, 0) == Approx(1.0).epsilon(2e-7));
    y.row_as<std::uint8_t>(0)[0] = 240;
    CHECK(at(integer_to_float(y, {8, true, ColorRange::limited}), 0, 0) == 0.5f);
}

TEST_CASE("chroma_reconstruct restores chroma that is a linear function of luma", "[recipe][pipeline]") {
    // Chroma = 0.4·luma − 0.2 at full resolution, damaged by a 2× point downscale; the
    // recipe demangles both luma and chroma identically, so the regression finds the
    // line and the luma detail brings the lost chroma detail back.
    const int w = 64, h = 48;
    const Plane luma = plane_from(w, h, [](int i, int j) { return 0.5 + 0.3 * std::sin(i * 0.7) * std::cos(j * 0.5); });
    const Plane full_chroma = plane_from(w, h, [&](int i, int j) { return 0.4 * at(luma, i, j) - 0.2; });
    const ChromaRecipe r = parse_recipe(
        R"({"mangle_luma": [{"kernel": "point", "width": 32}],
            "demangle": [{"kernel": "bilinear", "width": 64}]})", "t");
    const Plane damaged = resize_plane(full_chroma, parse_resize_kernel("point"), {32, h, 0, 0, 0, 0});
    RegressParams rp;
    rp.alpha = 1;
    const auto out = chroma_reconstruct(luma, {damaged}, r, ChromaSiting{ChromaLocation::center, 1, 0}, rp,
                                        ReconstructParams{}, 2);
    const Plane demangled_only = apply_chain(damaged, r.demangle_chroma, ChromaSiting{ChromaLocation::center, 1, 0});
    double err_fixed = 0, err_demangled = 0;
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            err_fixed += std::abs(at(out[0], i, j) - at(full_chroma, i, j));
            err_demangled += std::abs(at(demangled_only, i, j) - at(full_chroma, i, j));
        }
    INFO("mean abs error: reconstructed " << err_fixed / (w * h) << ", demangled only " << err_demangled / (w * h));
    CHECK(err_fixed < 0.2 * err_demangled);
}
