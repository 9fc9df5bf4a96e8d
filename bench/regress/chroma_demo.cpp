// regress_chroma_demo [PICTURE.png [RECIPE.json [LEVELS]]]: (optionally posterises the
// picture to LEVELS per RGB channel, then) damages the picture's chroma as the
// recipe describes, repairs it with chroma_reconstruct and prints the chroma PSNR
// before (demangled only) and after.  Defaults: data/regress/astronaut.png with
// data/regress/astronaut-512-point-chroma.json.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "pixel/io/picture.hpp"
#include "pixel/regress/point_chroma_demo.hpp"

int main(int argc, char** argv) {
    const std::string data = RIGOR_DATA_DIR;
    const std::string picture = argc > 1 ? argv[1] : data + "/regress/astronaut.png";
    const std::string recipe = argc > 2 ? argv[2] : data + "/regress/astronaut-512-point-chroma.json";
    const int levels = argc > 3 ? std::atoi(argv[3]) : 0;
    try {
        const auto r = rigor::pixel::regress::run_point_chroma_demo(rigor::pixel::read_picture(picture),
                                                             rigor::regress::load_recipe(recipe), levels, 2);
        std::printf("%s%s, recipe %s, compared at %dx%d\n", picture.c_str(),
                    levels > 1 ? (", posterised to " + std::to_string(levels) + " levels").c_str() : "",
                    recipe.c_str(), r.width, r.height);
        std::printf("chroma PSNR (dB)   demangled only   reconstructed   gain\n");
        const char* names[2] = {"Cb", "Cr"};
        for (int k = 0; k < 2; ++k)
            std::printf("%-18s %14.2f %15.2f %+6.2f\n", names[k], r.psnr_demangled[k], r.psnr_reconstructed[k],
                        r.psnr_reconstructed[k] - r.psnr_demangled[k]);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "regress_chroma_demo: %s\n", e.what());
        return 1;
    }
}
