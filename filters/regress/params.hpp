// Parameters of regression() and reconstruct() (spec: local-regression.md, "regression"
// and "reconstruct").  Values are VapourSynth float units; eps is absolute.
#pragma once
#include <string>
#include <string_view>

namespace rigor::regress {

enum class WeightMethod { threshold, fisher };

// How a window mean reads samples outside the plane (index −1, −2, … and n, n+1, …);
// the mappings themselves are defined once, with their formulas, in border.hpp.
//   vszip (default): the module's box blur (vszip BoxBlur on float planes, spec: "Borders
//            of the box mean"): at the top/left it reflects (−1 → 1, as reflect), past the
//            bottom/right the sample at offset d from the window's centre is n−1−d
//            whatever the centre (so it depends on the centre, not on the index alone);
//            above radius 22 vszip mirrors instead, and so does this mode
//   mirror:  half-sample symmetric, the edge repeats: −1 → 0, −2 → 1 (Expr's `:m`)
//   reflect: whole-sample symmetric, the edge does not repeat: −1 → 1, −2 → 2
//   clamp:   the edge sample extends: −1 → 0, −2 → 0
enum class BorderMode { mirror, reflect, clamp, vszip };

// The border of every front end (rigor regress, reconstruct, chroma-reconstruct, the
// Python module, the VapourSynth plugin) when none is given: vszip, so that results
// match the module's own graph.
inline constexpr BorderMode kDefaultBorder = BorderMode::vszip;

// The window mean M of regression and reconstruct: the module's `mean` argument, a box
// blur by default or a MeanMode applied to one clip (MeanMode.single: the mode over the
// (2r+1)² window).  With D = v + 1e-7 (v − neutral + eps; neutral is 0 for float):
//   box          Σv / n (also "arithmetic")
//   lehmer p     Σ D^p / Σ D^(p−1), 0 when the denominator is 0; harmonic is p = 0,
//                "geometric" p = 0.5 and contraharmonic p = 2 (the module's definitions:
//                its geometric is this Lehmer mean, not the n-th root of the product)
//   minimum, maximum, median   of the n samples (n is odd: the middle one)
// Radius 0 is the identity in every mode (a window of one sample).
struct MeanMode {
    enum class Kind { box, lehmer, minimum, maximum, median };
    Kind kind = Kind::box;
    double p = 3;  // lehmer's exponent
    bool is_box() const { return kind == Kind::box; }
    friend bool operator==(const MeanMode&, const MeanMode&) = default;
};
// box, arithmetic, harmonic, geometric, contraharmonic, lehmer (p = 3), lehmer:P,
// minimum, maximum, median; throws UserError naming the choices.
MeanMode parse_mean_mode(std::string_view text);
std::string to_string(MeanMode mode);

WeightMethod parse_weight_method(std::string_view text);  // throws UserError naming the choices
BorderMode parse_border_mode(std::string_view text);
std::string_view to_string(WeightMethod method);
std::string_view to_string(BorderMode mode);
// The choices as the front ends' help states them, the default first.
std::string_view border_mode_choices();

struct RegressParams {
    int radius = 1;                                // window (2r+1)², r ≥ 1
    double alpha = 0.2;                            // significance level, (0, 1]
    WeightMethod weight_method = WeightMethod::threshold;
    double intercept = 0;                          // a divisor: 0 = no intercept, 1 = ordinary
    double eps = 1e-7;
    BorderMode border = kDefaultBorder;
    MeanMode mean;

    void validate() const;  // throws UserError naming the bad parameter
    int window_size() const { return (2 * radius + 1) * (2 * radius + 1); }
};

struct ReconstructParams {
    int radius = 1;  // R ≥ 0; 0 means the mean is the identity
    double eps = 1e-7;
    BorderMode border = kDefaultBorder;
    MeanMode mean;

    void validate() const;
};

}  // namespace rigor::regress
