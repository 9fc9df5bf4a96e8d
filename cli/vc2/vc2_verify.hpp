// The body of `rigor vc2-verify` with a test hook: `adjust` (when set) changes the tight
// bounds before --tight checks them, so a test can narrow one and see the command exit 3
// naming it (a hook for tests only, never a command-line flag).  vc2_verify_main (cli/
// commands.hpp) is this without a hook.
#pragma once
#include <functional>

#include "cli/commands.hpp"
#include "pixel/vc2_bit_widths/verification.hpp"

namespace rigor::cli {

using TightBoundsAdjustment = std::function<void(pixel::vc2_bit_widths::ReplacementBounds&)>;

int vc2_verify_with(CommandArguments args, const TightBoundsAdjustment& adjust);

}  // namespace rigor::cli
