// A small command-line parser with the conventions of Python's argparse (which the
// reference tools use): -x VALUE, --long VALUE, --long=VALUE, repeated options, flags
// that count (-vv), options taking one or more values (nargs='+'), positionals;
// `--help` prints usage.  Errors are UsageError (exit 2).
//
// A word "looks like an option" when it starts with '-', is longer than "-", and is not a
// negative number ("-5", "-0.5") unless an option of that name exists: argparse's rule,
// which decides where a one-or-more option's values end and what counts as positional.
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "filters/base/error.hpp"

namespace rigor::cli {

struct UsageError : UserError {
    using UserError::UserError;
};

class Arguments;

class ArgumentParser {
public:
    // `values` of an option that takes every following word up to the next one that looks
    // like an option (or "--"), at least one: `-q 0 L 3 1 H 4 -b 10` gives -q six words.
    // --long=VALUE and -xVALUE give it exactly that one value (as argparse does).
    static constexpr int kOneOrMore = -1;

    ArgumentParser(std::string program, std::string description);
    // An option taking a value; short_name may be empty.  `values` > 1 takes that many
    // (the next words, whatever they look like); kOneOrMore: see above.
    ArgumentParser& option(std::string short_name, std::string long_name, std::string metavar, std::string help,
                           int values = 1);
    ArgumentParser& flag(std::string short_name, std::string long_name, std::string help);
    // Positionals are filled in order; an optional or `many` one takes only the words the
    // later required ones leave over (argparse's matching), so `A [B] C D` works.
    ArgumentParser& positional(std::string name, std::string help, bool many = false, bool optional = false);
    ArgumentParser& epilog(std::string text);
    // For a command whose help and messages were written before it moved onto this
    // parser, kept byte for byte: the --help text as written (instead of help()'s), and
    // the wording of an unknown option and of an option missing its value, "{}" standing
    // for the word as typed.
    ArgumentParser& help_text(std::string text);
    ArgumentParser& wording(std::string unknown_option, std::string missing_value);

    // nullopt when --help was given (the help text has been printed to stdout).
    std::optional<Arguments> parse(std::span<const std::string> args) const;
    std::string help() const;

private:
    struct Spec {
        std::string short_name, long_name, metavar, help;
        int values = 1;  // 0 = flag, kOneOrMore
    };
    struct Positional {
        std::string name, help;
        bool many = false, optional = false;
    };
    const Spec* find(const std::string& token) const;
    bool looks_like_option(const std::string& token) const;

    std::string program_, description_, epilog_, help_text_, unknown_option_, missing_value_;
    std::vector<Spec> options_;
    std::vector<Positional> positionals_;
};

class Arguments {
public:
    bool has(const std::string& long_name) const { return values_.count(long_name) != 0; }
    int count(const std::string& long_name) const;
    // The last value given (an option given twice keeps the last, as argparse does).
    std::optional<std::string> get(const std::string& long_name) const;
    std::string get_or(const std::string& long_name, const std::string& fallback) const;
    // All values of a repeated option, in order (multi-value and one-or-more options:
    // every occurrence's values, flattened, like argparse's action='extend').
    std::vector<std::string> all(const std::string& long_name) const;
    // Integer value; throws UsageError naming the option when it is not an integer.
    std::optional<long> get_int(const std::string& long_name) const;
    std::optional<double> get_double(const std::string& long_name) const;
    const std::vector<std::string>& positional(const std::string& name) const;

private:
    friend class ArgumentParser;
    std::map<std::string, std::vector<std::string>> values_;
    std::map<std::string, int> counts_;
    std::map<std::string, std::vector<std::string>> positionals_;
};

// Strict integer parsing for option values ("12", "-3"); throws UsageError.
long parse_int(const std::string& text, const std::string& what);
double parse_double(const std::string& text, const std::string& what);

// The one wording of a required option that was not given (argparse's, as the reference
// tools print it): "the argument -o/--output is required", then what it takes if given.
UsageError required_option(const std::string& names, const std::string& what = "");

}  // namespace rigor::cli
