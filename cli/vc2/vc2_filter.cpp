// `rigor vc2-filter -w WAVELET [-W WAVELET] [-d D] [-D D] [--json] [-o FILE]`: the
// equivalent analysis and synthesis filters of every subband of a VC-2 transform as exact
// rational taps, with their DC and Nyquist gains and L1 norms (symbolic/vc2/
// equivalent_filters.hpp has the definitions).  The output depends on nothing but the
// configuration: bands in a fixed order, taps from the first to the last non-zero one,
// every number an exact rational written as CLN computed it, reduced.
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/vc2/vc2_config_arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "symbolic/vc2/equivalent_filters.hpp"

namespace rigor::cli {

namespace {

using symbolic::vc2::AxisFilter;
using symbolic::vc2::SeparableFilter;
using symbolic::vc2::SubbandFilters;

std::string text(const formats::Rational& r) { return r.str(); }  // "p/q", or "p" for an integer

nlohmann::ordered_json rationals(const std::vector<formats::Rational>& list) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : list) out.push_back(text(r));
    return out;
}

// The phase L1 norms only for synthesis filters (what they mean: see the header).
nlohmann::ordered_json axis_json(const AxisFilter& f, bool phases) {
    nlohmann::ordered_json j;
    j["first"] = f.first;
    j["taps"] = rationals(f.taps);
    j["dc_gain"] = text(f.dc_gain);
    j["nyquist_gain"] = text(f.nyquist_gain);
    j["l1_norm"] = text(f.l1_norm);
    if (phases) j["phase_l1_norms"] = rationals(f.phase_l1_norms);
    return j;
}

nlohmann::ordered_json filter_json(const SeparableFilter& f, bool phases) {
    nlohmann::ordered_json j;
    j["x"] = axis_json(f.x, phases);
    j["y"] = axis_json(f.y, phases);
    j["dc_gain"] = text(f.dc_gain);
    j["nyquist_gain"] = text(f.nyquist_gain);
    j["l1_norm"] = text(f.l1_norm);
    if (phases) j["largest_phase_l1_norm"] = text(f.largest_phase_l1_norm);
    return j;
}

std::string json(const vc2::TransformConfig& c, const std::vector<SubbandFilters>& bands) {
    nlohmann::ordered_json doc;
    doc["wavelet_index"] = formats::wavelet_field(c.vertical_wavelet());
    doc["wavelet_index_ho"] = formats::wavelet_field(c.horizontal_wavelet());
    doc["dwt_depth"] = c.dwt_depth;
    doc["dwt_depth_ho"] = c.dwt_depth_ho;
    auto& list = doc["subbands"] = nlohmann::ordered_json::array();
    for (const SubbandFilters& b : bands) {
        nlohmann::ordered_json e;
        e["level"] = b.level;
        e["orient"] = b.orient;
        e["step"] = {b.step_x, b.step_y};
        e["analysis"] = filter_json(b.analysis, false);
        e["synthesis"] = filter_json(b.synthesis, true);
        list.push_back(std::move(e));
    }
    return formats::python_json_dumps(doc) + "\n";
}

std::string joined(const std::vector<formats::Rational>& list) {
    std::string s;
    for (const auto& r : list) s += (s.empty() ? "" : " ") + text(r);
    return s;
}

void axis_text(std::ostream& s, const char* what, const AxisFilter& f, bool phases) {
    s << "  " << what << "  n = " << f.first << " … " << f.first + static_cast<long>(f.taps.size()) - 1 << ": "
      << joined(f.taps) << "\n"
      << "                DC " << text(f.dc_gain) << ", Nyquist " << text(f.nyquist_gain) << ", L1 "
      << text(f.l1_norm);
    if (phases) s << ", phase L1 " << joined(f.phase_l1_norms);
    s << "\n";
}

std::string plain_text(const vc2::TransformConfig& c, const std::vector<SubbandFilters>& bands) {
    std::ostringstream s;
    s << "VC-2 equivalent filters: " << vc2::wavelet_label(c.vertical_wavelet()) << ", horizontal "
      << vc2::wavelet_label(c.horizontal_wavelet()) << ", " << c.dwt_depth << " 2-D + " << c.dwt_depth_ho
      << " horizontal-only levels\n"
      << "The linear part of the integer transform (roundings left out); every band's filter is x ⊗ y, s its step:\n"
      << "  analysis   coefficient[m] = Σ_n h[n − s·m]·picture[n]         (h[n]: pixel n's weight in coefficient 0)\n"
      << "  synthesis  picture[n] = Σ_bands Σ_m g[n − s·m]·coefficient[m]  (g[n]: coefficient 0's weight on pixel n)\n"
      << "  DC = Σ f[n], Nyquist = Σ (−1)^n f[n], L1 = Σ |f[n]|; 2-D: the products of the axes'.\n"
      << "  phase L1 (p = 0 … s−1) = Σ_{n ≡ p mod s} |g[n]|: what a band adds to the worst case of\n"
      << "  the picture samples of phase p, per unit of its largest coefficient.\n";
    for (const SubbandFilters& b : bands) {
        s << "\nlevel " << b.level << " " << b.orient << ", step " << b.step_x << " x " << b.step_y << "\n";
        axis_text(s, "analysis x  ", b.analysis.x, false);
        axis_text(s, "analysis y  ", b.analysis.y, false);
        s << "  analysis 2-D  DC " << text(b.analysis.dc_gain) << ", Nyquist " << text(b.analysis.nyquist_gain)
          << ", L1 " << text(b.analysis.l1_norm) << "\n";
        axis_text(s, "synthesis x ", b.synthesis.x, true);
        axis_text(s, "synthesis y ", b.synthesis.y, true);
        s << "  synthesis 2-D DC " << text(b.synthesis.dc_gain) << ", Nyquist " << text(b.synthesis.nyquist_gain)
          << ", L1 " << text(b.synthesis.l1_norm) << ", largest phase L1 " << text(b.synthesis.largest_phase_l1_norm)
          << "\n";
    }
    return s.str();
}

}  // namespace

int vc2_filter_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_analysis_arguments(
        "rigor vc2-filter",
        "The equivalent analysis and synthesis filters of every subband of a VC-2 transform:\n"
        "exact rational taps along x and y, their DC and Nyquist gains and L1 norms (the\n"
        "linear part of the integer transform, roundings left out).");
    p.flag("", "--json", "write JSON (rationals as \"p/q\" strings) instead of text")
        .option("-o", "--output", "FILE", "write here (default: stdout)");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const vc2::TransformConfig config = vc2_config_from(*parsed);
    OutputFile out(parsed->get_or("--output", "-"), false);  // an unwritable path fails first
    const auto bands = symbolic::vc2::equivalent_filters(config);
    out.stream() << (parsed->count("--json") > 0 ? json(config, bands) : plain_text(config, bands));
    out.commit();
    return 0;
}

}  // namespace rigor::cli
