#include "cli/common/arguments.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <iostream>

namespace rigor::cli {

ArgumentParser::ArgumentParser(std::string program, std::string description)
    : program_(std::move(program)), description_(std::move(description)) {}

ArgumentParser& ArgumentParser::option(std::string s, std::string l, std::string metavar, std::string help,
                                       int values) {
    options_.push_back({std::move(s), std::move(l), std::move(metavar), std::move(help), values});
    return *this;
}

ArgumentParser& ArgumentParser::flag(std::string s, std::string l, std::string help) {
    options_.push_back({std::move(s), std::move(l), "", std::move(help), 0});
    return *this;
}

ArgumentParser& ArgumentParser::positional(std::string name, std::string help, bool many, bool optional) {
    positionals_.push_back({std::move(name), std::move(help), many, optional});
    return *this;
}

ArgumentParser& ArgumentParser::epilog(std::string text) {
    epilog_ = std::move(text);
    return *this;
}

ArgumentParser& ArgumentParser::help_text(std::string text) {
    help_text_ = std::move(text);
    return *this;
}

ArgumentParser& ArgumentParser::wording(std::string unknown_option, std::string missing_value) {
    unknown_option_ = std::move(unknown_option);
    missing_value_ = std::move(missing_value);
    return *this;
}

namespace {
// `pattern` with its "{}" replaced by `word`.
std::string worded(const std::string& pattern, const std::string& word) {
    const std::size_t at = pattern.find("{}");
    return at == std::string::npos ? pattern : pattern.substr(0, at) + word + pattern.substr(at + 2);
}
}  // namespace

const ArgumentParser::Spec* ArgumentParser::find(const std::string& token) const {
    for (const Spec& s : options_)
        if ((!s.short_name.empty() && token == s.short_name) || token == s.long_name) return &s;
    return nullptr;
}

bool ArgumentParser::looks_like_option(const std::string& token) const {
    if (token.size() < 2 || token[0] != '-') return false;
    if (find(token) || token[1] == '-') return true;
    // A short option is '-', a letter and perhaps its value (-w1, -vv).  Anything else
    // that starts with '-' is a value: negative numbers (-5) and expressions with a
    // leading minus ("-x + 1", "-(x)", "-x*2", "-5 x *"), unless its first two characters
    // are an option that takes a value (-e'x 1 +').
    const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (!std::isalpha(static_cast<unsigned char>(token[1]))) return false;
    if (std::all_of(token.begin() + 1, token.end(), word)) return true;
    const Spec* s = find(token.substr(0, 2));
    return s && s->values != 0;
}

std::string ArgumentParser::help() const {
    if (!help_text_.empty()) return help_text_;
    std::string u = "usage: " + program_ + " [options]";
    for (const Positional& p : positionals_) u += " " + (p.optional ? "[" + p.name + "]" : p.name) + (p.many ? "…" : "");
    u += "\n\n" + description_ + "\n";
    if (!positionals_.empty()) {
        u += "\narguments:\n";
        for (const Positional& p : positionals_) u += "  " + p.name + "\n      " + p.help + "\n";
    }
    u += "\noptions:\n  -h, --help\n      show this help and exit\n";
    for (const Spec& s : options_) {
        u += "  " + (s.short_name.empty() ? "" : s.short_name + ", ") + s.long_name;
        for (int i = 0; i < s.values; ++i) u += " " + s.metavar;
        if (s.values == kOneOrMore) u += " " + s.metavar + " [" + s.metavar + " …]";
        u += "\n      " + s.help + "\n";
    }
    if (!epilog_.empty()) u += "\n" + epilog_ + "\n";
    return u;
}

std::optional<Arguments> ArgumentParser::parse(std::span<const std::string> args) const {
    Arguments out;
    std::vector<std::string> loose;
    bool only_positionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string token = args[i];
        if (only_positionals || !looks_like_option(token)) {
            loose.push_back(token);
            continue;
        }
        if (token == "--") {
            only_positionals = true;
            continue;
        }
        if (token == "-h" || token == "--help") {
            std::cout << help();
            return std::nullopt;
        }
        std::optional<std::string> inline_value;
        if (token.rfind("--", 0) == 0) {
            const auto eq = token.find('=');
            if (eq != std::string::npos) {
                inline_value = token.substr(eq + 1);
                token = token.substr(0, eq);
            }
        } else if (token.size() > 2 && !find(token)) {
            // -vv (repeated short flag) or -w1 (short option with attached value)
            const Spec* s = find(token.substr(0, 2));
            if (s && s->values == 0 && token.find_first_not_of(token[1], 1) == std::string::npos) {
                out.counts_[s->long_name] += static_cast<int>(token.size() - 1);
                out.values_[s->long_name];
                continue;
            }
            if (s && (s->values == 1 || s->values == kOneOrMore)) {
                inline_value = token.substr(2);
                token = token.substr(0, 2);
            }
        }
        const Spec* s = find(token);
        if (!s) {
            if (!unknown_option_.empty()) throw UsageError(worded(unknown_option_, args[i]));
            throw UsageError("unrecognised argument '" + args[i] + "' (see --help)");
        }
        if (s->values == 0) {
            if (inline_value) throw UsageError(s->long_name + " takes no value");
            out.counts_[s->long_name] += 1;
            out.values_[s->long_name];
            continue;
        }
        auto& vals = out.values_[s->long_name];
        out.counts_[s->long_name] += 1;
        if (inline_value) {
            if (s->values != 1 && s->values != kOneOrMore)
                throw UsageError(s->long_name + " takes " + std::to_string(s->values) + " values");
            vals.push_back(*inline_value);
            continue;
        }
        if (s->values == kOneOrMore) {
            const std::size_t before = vals.size();
            while (i + 1 < args.size() && !looks_like_option(args[i + 1])) vals.push_back(args[++i]);
            if (vals.size() == before) throw UsageError("argument " + s->long_name + " expects at least one value");
            continue;
        }
        for (int k = 0; k < s->values; ++k) {
            if (i + 1 >= args.size()) {
                if (!missing_value_.empty()) throw UsageError(worded(missing_value_, token));
                throw UsageError("argument " + s->long_name + " expects " + std::to_string(s->values) + " value" +
                                 (s->values > 1 ? "s" : ""));
            }
            vals.push_back(args[++i]);
        }
    }
    // The required positionals after each one: an optional or `many` positional leaves
    // them their words; a required one takes a word whenever there is one.
    std::vector<std::size_t> required_after(positionals_.size() + 1, 0);
    for (std::size_t k = positionals_.size(); k-- > 0;)
        required_after[k] = required_after[k + 1] + (positionals_[k].optional ? 0 : 1);
    std::size_t next = 0;
    for (std::size_t k = 0; k < positionals_.size(); ++k) {
        const Positional& p = positionals_[k];
        auto& vals = out.positionals_[p.name];
        const std::size_t available = loose.size() - next;
        const std::size_t spare = available > required_after[k + 1] ? available - required_after[k + 1] : 0;
        std::size_t take = p.many ? spare : std::min<std::size_t>(spare, 1);
        if (!p.optional) take = std::max(take, std::min<std::size_t>(available, 1));
        for (; take > 0; --take) vals.push_back(loose[next++]);
        if (vals.empty() && !p.optional) throw UsageError("missing argument " + p.name + " (see --help)");
    }
    if (next < loose.size()) throw UsageError("unexpected argument '" + loose[next] + "' (see --help)");
    return out;
}

int Arguments::count(const std::string& l) const {
    auto it = counts_.find(l);
    return it == counts_.end() ? 0 : it->second;
}

std::optional<std::string> Arguments::get(const std::string& l) const {
    auto it = values_.find(l);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::string Arguments::get_or(const std::string& l, const std::string& fallback) const {
    return get(l).value_or(fallback);
}

std::vector<std::string> Arguments::all(const std::string& l) const {
    auto it = values_.find(l);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<long> Arguments::get_int(const std::string& l) const {
    auto v = get(l);
    if (!v) return std::nullopt;
    return parse_int(*v, l);
}

std::optional<double> Arguments::get_double(const std::string& l) const {
    auto v = get(l);
    if (!v) return std::nullopt;
    return parse_double(*v, l);
}

const std::vector<std::string>& Arguments::positional(const std::string& name) const {
    static const std::vector<std::string> none;
    auto it = positionals_.find(name);
    return it == positionals_.end() ? none : it->second;
}

long parse_int(const std::string& text, const std::string& what) {
    long v = 0;
    const char* b = text.data();
    const char* e = b + text.size();
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || text.empty())
        throw UsageError(what + ": '" + text + "' is not an integer");
    return v;
}

double parse_double(const std::string& text, const std::string& what) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        throw UsageError(what + ": '" + text + "' is not a number");
    return v;
}

UsageError required_option(const std::string& names, const std::string& what) {
    return UsageError("the argument " + names + " is required" + (what.empty() ? "" : " (" + what + ")"));
}

}  // namespace rigor::cli
