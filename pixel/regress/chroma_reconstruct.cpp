#include "pixel/regress/chroma_reconstruct.hpp"

#include "filters/base/error.hpp"
#include "pixel/regress/regression.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

Plane apply_chain(const Plane& src, const rigor::regress::Chain& chain, const ChromaSiting& siting) {
    Plane cur = src;
    for (std::size_t i = 0; i < chain.steps.size(); ++i) {
        const rigor::regress::ResizeStep& step = chain.steps[i];
        const rigor::regress::Size from{cur.width(), cur.height()};
        const rigor::regress::Size to{step.width.value_or(from.width), step.height.value_or(from.height)};
        const rigor::regress::Shift shift =
            rigor::regress::resolve_shift(step, siting.location, siting.ssw, siting.ssh, from, to);
        try {
            cur = resize_plane(cur, step.kernel,
                               {to.width, to.height, shift.left, shift.top, step.src_width.value_or(0),
                                step.src_height.value_or(0)});
        } catch (const UserError& e) {
            throw UserError("chain " + chain.name + " step " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    return cur;
}

ChromaReconstructSteps chroma_reconstruct_steps(const Plane& luma_base, const std::vector<Plane>& chroma,
                                                const rigor::regress::ChromaRecipe& recipe, const ChromaSiting& siting,
                                                const rigor::regress::RegressParams& regress,
                                                const rigor::regress::ReconstructParams& reconstruct, int threads) {
    regress.validate();
    reconstruct.validate();
    require_float(luma_base, "luma base");
    for (const Plane& c : chroma) {
        require_float(c, "chroma");
        require_same_size(chroma[0], "chroma plane 1", c, "another chroma plane");
    }
    if (chroma.empty()) throw UserError("chroma_reconstruct needs at least one chroma plane");
    recipe.check_sizes({luma_base.width(), luma_base.height()}, {chroma[0].width(), chroma[0].height()});

    const Plane ld = apply_chain(apply_chain(luma_base, recipe.mangle_luma, siting), recipe.demangle_luma, siting);
    const Plane lb = apply_chain(luma_base, recipe.base_for_reconstruct, siting);
    Plane detail = make_float_plane(ld.width(), ld.height());
    for (int y = 0; y < ld.height(); ++y)
        for (int x = 0; x < ld.width(); ++x)
            detail.row_as<float>(y)[x] = lb.row_as<float>(y)[x] - ld.row_as<float>(y)[x];

    ChromaReconstructSteps out{ld, lb, {}, {}};
    for (const Plane& c : chroma) {
        const Plane cd = apply_chain(c, recipe.demangle_chroma, siting);
        Plane fixed = regress_reconstruct(ld, cd, detail, regress, reconstruct, threads);
        for (int y = 0; y < cd.height(); ++y)
            for (int x = 0; x < cd.width(); ++x) fixed.row_as<float>(y)[x] += cd.row_as<float>(y)[x];
        out.demangled_chroma.push_back(cd);
        out.repaired.push_back(std::move(fixed));
    }
    return out;
}

std::vector<Plane> chroma_reconstruct(const Plane& luma_base, const std::vector<Plane>& chroma,
                                      const rigor::regress::ChromaRecipe& recipe, const ChromaSiting& siting,
                                      const rigor::regress::RegressParams& regress,
                                      const rigor::regress::ReconstructParams& reconstruct, int threads) {
    return chroma_reconstruct_steps(luma_base, chroma, recipe, siting, regress, reconstruct, threads).repaired;
}

}  // namespace rigor::pixel::regress
