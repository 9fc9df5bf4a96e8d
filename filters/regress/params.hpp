// Parameters of regression() and reconstruct() (spec: local-regression.md, "regression"
// and "reconstruct").  Values are VapourSynth float units; eps is absolute.
#pragma once
#include <string>
#include <string_view>

namespace rigor::regress {

enum class WeightMethod { threshold, fisher };

// How the box mean reads samples outside the plane (index −1, −2, … and n, n+1, …).
//   mirror  (default): half-sample symmetric, the edge repeats: −1 → 0, −2 → 1 (Expr's `:m`)
//   reflect: whole-sample symmetric, the edge does not repeat: −1 → 1, −2 → 2
//   clamp:   the edge sample extends: −1 → 0, −2 → 0
enum class BorderMode { mirror, reflect, clamp };

WeightMethod parse_weight_method(std::string_view text);  // throws UserError naming the choices
BorderMode parse_border_mode(std::string_view text);
std::string_view to_string(WeightMethod method);
std::string_view to_string(BorderMode mode);

struct RegressParams {
    int radius = 1;                                // window (2r+1)², r ≥ 1
    double alpha = 0.2;                            // significance level, (0, 1]
    WeightMethod weight_method = WeightMethod::threshold;
    double intercept = 0;                          // a divisor: 0 = no intercept, 1 = ordinary
    double eps = 1e-7;
    BorderMode border = BorderMode::mirror;

    void validate() const;  // throws UserError naming the bad parameter
    int window_size() const { return (2 * radius + 1) * (2 * radius + 1); }
};

struct ReconstructParams {
    int radius = 1;  // R ≥ 0; 0 means the mean is the identity
    double eps = 1e-7;
    BorderMode border = BorderMode::mirror;

    void validate() const;
};

}  // namespace rigor::regress
