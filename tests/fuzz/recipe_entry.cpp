// The chroma-reconstruct recipe reader's fuzz entry (filters/regress/recipe.hpp): kept in
// its own file so that a fuzz build of the recipe reader alone needs only filters/regress.
#include <cstdlib>
#include <string>

#include "filters/base/error.hpp"
#include "filters/regress/recipe.hpp"
#include "tests/fuzz/entries.hpp"

namespace rigor::fuzz {

void recipe_json(Bytes data) {
    const std::string text(reinterpret_cast<const char*>(data.data()), data.size());
    const regress::ChromaRecipe r = regress::parse_recipe(text, "'fuzz.json'");
    // What the reader accepts must be usable: every size it keeps in range, every shift
    // resolvable for every siting, the size check either passing or refusing in one line.
    for (const regress::Chain* c : {&r.mangle_luma, &r.demangle_luma, &r.demangle_chroma, &r.base_for_reconstruct}) {
        const regress::Size s = c->output_size({1920, 1080});
        if (s.width < 1 || s.width > 65536 || s.height < 1 || s.height > 65536) std::abort();
        for (const regress::ResizeStep& step : c->steps)
            for (int loc = 0; loc < 6; ++loc) {
                const regress::Shift sh =
                    regress::resolve_shift(step, regress::ChromaLocation(loc), 1, 1, {1920, 1080}, s);
                if (!(std::abs(sh.left) <= 65536 && std::abs(sh.top) <= 65536)) std::abort();
            }
    }
    if (r.descale && (!r.descale->step.width || !r.descale->step.height)) std::abort();
    try {
        r.check_sizes({1280, 720}, {960, 540});
    } catch (const UserError& e) {
        if (std::string(e.what()).find('\n') != std::string::npos) std::abort();
    }
}

}  // namespace rigor::fuzz
