// Typed errors shared by every layer.  Library code throws them with a message a user
// can act on (what was wrong, where, what is allowed); only cli/ turns them into exit
// codes (see cli/run_command.cpp).
#pragma once
#include <stdexcept>
#include <string>

namespace rigor {

// Something the user gave us is wrong: a flag, an expression, a file's contents.
struct UserError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A file could not be read or written.
struct IoError : UserError {
    using UserError::UserError;
};

// A broken invariant inside rigor: a bug, never the user's fault.
struct InternalError : std::logic_error {
    using std::logic_error::logic_error;
};

}  // namespace rigor
