// The one list of rigor's commands.  Each command lives in its own cli/<name>.cpp.
#include "cli/command.hpp"

namespace rigor::cli {

int vc2_static_filter_analysis_main(std::span<const std::string> args);
int vc2_static_filter_analysis_combine_main(std::span<const std::string> args);
int vc2_report_main(std::span<const std::string> args);

namespace {
constexpr Command kCommands[] = {
    {"vc2-report", "the main job: static analysis of a VC-2 transform + a summary", vc2_report_main},
    {"vc2-static-filter-analysis", "exact bounds and test patterns (BBC tool's arguments)",
     vc2_static_filter_analysis_main},
    {"vc2-static-filter-analysis-combine", "merge batched analyses (BBC tool's arguments)",
     vc2_static_filter_analysis_combine_main},
};
}  // namespace

std::span<const Command> all_commands() { return kCommands; }

}  // namespace rigor::cli
