// A plain per-pixel stack machine on the postfix tokens, written from the spec
// (expr-language.md) without any of pixel/expr or filters/expr, compared with the
// engine on random programs and inputs.  The seed of each program is printed on failure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>

#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

struct Context {
    const std::vector<Frame>* clips;
    int plane, x, y;
    long n;
    bool mirror_default;
};

int mirror_index(int i, int n) {
    int m = ((i % (2 * n)) + 2 * n) % (2 * n);
    return m < n ? m : 2 * n - 1 - m;
}
int clamp_index(int i, int n) { return std::min(std::max(i, 0), n - 1); }

std::int32_t to_int32(float v) {  // round half to even, saturate, NaN -> 0
    if (std::isnan(v)) return 0;
    double r = std::nearbyint(double(v));
    if (r >= 2147483647.0) return INT32_MAX;
    if (r <= -2147483648.0) return INT32_MIN;
    return std::int32_t(r);
}

int clip_of(const std::string& t) {  // x y z a.. -> 0 1 2 3..; srcN -> N
    if (t.rfind("src", 0) == 0) return std::stoi(t.substr(3));
    const std::string letters = "xyzabcdefghijklmnopqrstuvw";
    return int(letters.find(t[0]));
}

// Evaluates one pixel.  `unspecified` is set when a NaN reaches sortN (the spec leaves
// the order then unspecified).
float interpret(const std::vector<std::string>& tokens, const Context& c, bool& unspecified) {
    std::vector<float> s;
    std::map<std::string, float> vars;
    auto pop = [&] {
        float v = s.back();
        s.pop_back();
        return v;
    };
    auto truth = [](float v) { return v > 0; };
    auto pixel = [&](int clip, int px, int py) -> float {
        const Frame& f = (*c.clips)[std::size_t(clip)];
        return float(sample(f, c.plane, px, py));
    };
    const Frame& f0 = (*c.clips)[0];
    const int w = f0.plane(c.plane).width(), h = f0.plane(c.plane).height();
    for (const std::string& t : tokens) {
        float a, b, v;
        if (t == "+") b = pop(), a = pop(), s.push_back(a + b);
        else if (t == "-") b = pop(), a = pop(), s.push_back(a - b);
        else if (t == "*") b = pop(), a = pop(), s.push_back(a * b);
        else if (t == "/") b = pop(), a = pop(), s.push_back(a / b);
        else if (t == "%") b = pop(), a = pop(), s.push_back(std::fmod(a, b));
        else if (t == "max") b = pop(), a = pop(), s.push_back(a > b ? a : b);
        else if (t == "min") b = pop(), a = pop(), s.push_back(a < b ? a : b);
        else if (t == ">") b = pop(), a = pop(), s.push_back(a > b);
        else if (t == "<") b = pop(), a = pop(), s.push_back(a < b);
        else if (t == "=") b = pop(), a = pop(), s.push_back(a == b);
        else if (t == ">=") b = pop(), a = pop(), s.push_back(a >= b);
        else if (t == "<=") b = pop(), a = pop(), s.push_back(a <= b);
        else if (t == "and") b = pop(), a = pop(), s.push_back(truth(a) && truth(b));
        else if (t == "or") b = pop(), a = pop(), s.push_back(truth(a) || truth(b));
        else if (t == "xor") b = pop(), a = pop(), s.push_back(truth(a) != truth(b));
        else if (t == "bitand") b = pop(), a = pop(), s.push_back(float(to_int32(a) & to_int32(b)));
        else if (t == "bitor") b = pop(), a = pop(), s.push_back(float(to_int32(a) | to_int32(b)));
        else if (t == "bitxor") b = pop(), a = pop(), s.push_back(float(to_int32(a) ^ to_int32(b)));
        else if (t == "bitnot") s.push_back(float(~to_int32(pop())));
        else if (t == "not") v = pop(), s.push_back(v <= 0);  // spec: 1 when a <= 0 (so not NaN = 0)
        else if (t == "abs") s.push_back(std::fabs(pop()));
        else if (t == "sqrt") v = pop(), s.push_back(v > 0 ? std::sqrt(v) : 0.0f);
        else if (t == "trunc") s.push_back(std::trunc(pop()));
        else if (t == "floor") s.push_back(std::floor(pop()));
        else if (t == "round") s.push_back(std::nearbyint(pop()));
        else if (t == "?") {
            float f = pop(), tr = pop(), cond = pop();
            s.push_back(truth(cond) ? tr : f);
        } else if (t == "clip" || t == "clamp") {
            float hi = pop(), lo = pop(), x = pop();
            float m = x < hi ? x : hi;
            s.push_back(m > lo ? m : lo);
        } else if (t.rfind("dup", 0) == 0) {
            std::size_t k = t.size() > 3 ? std::stoul(t.substr(3)) : 0;
            s.push_back(s[s.size() - 1 - k]);
        } else if (t.rfind("swap", 0) == 0) {
            std::size_t k = t.size() > 4 ? std::stoul(t.substr(4)) : 1;
            std::swap(s.back(), s[s.size() - 1 - k]);
        } else if (t.rfind("drop", 0) == 0) {
            std::size_t k = t.size() > 4 ? std::stoul(t.substr(4)) : 1;
            s.resize(s.size() - k);
        } else if (t.rfind("sort", 0) == 0) {
            std::size_t k = std::stoul(t.substr(4));
            std::vector<float> top(s.end() - long(k), s.end());
            for (float e : top) unspecified |= std::isnan(e);
            std::stable_sort(top.begin(), top.end(), [](float l, float r) { return l > r; });  // largest deepest
            std::copy(top.begin(), top.end(), s.end() - long(k));
        } else if (t == "X") s.push_back(float(c.x));
        else if (t == "Y") s.push_back(float(c.y));
        else if (t == "width") s.push_back(float(w));
        else if (t == "height") s.push_back(float(h));
        else if (t == "N") s.push_back(float(c.n));
        else if (t.size() >= 2 && t.back() == '!') vars[t.substr(0, t.size() - 1)] = pop();
        else if (t.size() >= 2 && t.back() == '@') s.push_back(vars.at(t.substr(0, t.size() - 1)));
        else if (t.find(".") != std::string::npos && std::isalpha(static_cast<unsigned char>(t[0])) &&
                 t.find('.') >= 1 && std::isalpha(static_cast<unsigned char>(t[t.find('.') + 1]))) {
            const auto& props = (*c.clips)[std::size_t(clip_of(t.substr(0, t.find('.'))))].properties();
            auto it = props.find(t.substr(t.find('.') + 1));
            s.push_back(it == props.end() ? NAN : float(it->second));
        } else if (t.find("[]") != std::string::npos) {
            float cy = pop(), cx = pop();
            int ix = clamp_index(std::clamp(to_int32(cx), -1, w), w), iy = clamp_index(std::clamp(to_int32(cy), -1, h), h);
            s.push_back(pixel(clip_of(t.substr(0, t.find('['))), ix, iy));
        } else if (t.find('[') != std::string::npos) {
            int dx = 0, dy = 0;
            std::sscanf(t.c_str() + t.find('['), "[%d,%d]", &dx, &dy);
            bool m = t.ends_with(":m") || (!t.ends_with(":c") && c.mirror_default);
            int px = m ? mirror_index(c.x + dx, w) : clamp_index(c.x + dx, w);
            int py = m ? mirror_index(c.y + dy, h) : clamp_index(c.y + dy, h);
            s.push_back(pixel(clip_of(t.substr(0, t.find('['))), px, py));
        } else if (t.size() == 1 && std::isalpha(static_cast<unsigned char>(t[0]))) s.push_back(pixel(clip_of(t), c.x, c.y));
        else if (t.rfind("0x", 0) == 0) s.push_back(float(std::stol(t.substr(2), nullptr, 16)));
        else s.push_back(std::strtof(t.c_str(), nullptr));
    }
    REQUIRE(s.size() == 1);
    return s.back();
}

// Random valid programs.  With `with_sort`, no division (sortN of signed zeros may then
// legitimately differ in a later 1/x).
std::vector<std::string> random_program(std::mt19937& rng, int clips, bool with_sort) {
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    const std::vector<std::string> unary = {"abs", "sqrt", "trunc", "floor", "round", "not", "bitnot"};
    std::vector<std::string> binary = {"+", "-", "*", "%", "max", "min", ">", "<", "=", ">=", "<=",
                                       "and", "or", "xor", "bitand", "bitor", "bitxor", "x[]", "+", "*", "-"};
    if (!with_sort) binary.push_back("/"), binary.push_back("/");
    const std::vector<std::string> consts = {"0", "1", "2", "0.5", "-3", "255", "1e-3", "0x10", "7.25", "-0.5", "100000"};
    const std::string names = "xyz";
    std::vector<std::string> out;
    int depth = 0;
    bool stored = false;
    auto leaf = [&] {
        std::string clip(1, names[std::size_t(pick(clips))]);
        switch (pick(9)) {
        case 0: case 1: case 2: out.push_back(clip); break;
        case 3: out.push_back(consts[std::size_t(pick(int(consts.size())))]); break;
        case 4: out.push_back(std::vector<std::string>{"X", "Y", "width", "height", "N"}[std::size_t(pick(5))]); break;
        case 5: {
            const char* suffix[] = {"", ":c", ":m"};
            out.push_back(clip + "[" + std::to_string(pick(9) - 4) + "," + std::to_string(pick(7) - 3) + "]" + suffix[pick(3)]);
            break;
        }
        case 6: out.push_back(pick(2) ? "x.Gain" : clip + ".Missing"); break;
        case 7: if (stored) { out.push_back("v@"); break; } [[fallthrough]];
        default: out.push_back(std::to_string(pick(50))); break;
        }
        ++depth;
    };
    const int steps = 3 + pick(18);
    for (int i = 0; i < steps; ++i) {
        int kind = pick(10);
        if (depth == 0 || kind <= 2) leaf();
        else if (kind == 3) out.push_back(unary[std::size_t(pick(int(unary.size())))]);
        else if (kind <= 5 && depth >= 2) out.push_back(binary[std::size_t(pick(int(binary.size())))]), --depth;
        else if (kind == 6 && depth >= 3) out.push_back(pick(2) ? "?" : "clamp"), depth -= 2;
        else if (kind == 7) {
            int k = pick(depth);
            out.push_back(pick(2) ? "dup" + std::to_string(k) : (k == 0 ? "dup" : "swap" + std::to_string(k)));
            if (out.back().rfind("dup", 0) == 0) ++depth;
        } else if (kind == 8 && depth >= 2) {
            if (with_sort) out.push_back("sort" + std::to_string(2 + pick(depth - 1)));
            else out.push_back("drop" + std::to_string(1 + pick(depth - 1))), depth -= std::stoi(out.back().substr(4));
        } else if (kind == 9) out.push_back("v!"), --depth, stored = true;
        else leaf();
    }
    if (depth == 0) leaf();
    while (depth > 1) out.push_back(binary[std::size_t(pick(int(binary.size())))]), --depth;
    return out;
}

std::string join(const std::vector<std::string>& t) {
    std::string s;
    for (const auto& x : t) s += (s.empty() ? "" : " ") + x;
    return s;
}

double store_like(double v, const VideoFormat& f) {  // the spec's output rule
    if (f.is_float()) return v;
    if (std::isnan(v)) return 0;
    return std::nearbyint(std::clamp(v, 0.0, f.max_code()));
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("engine equals a plain reference stack machine on random programs") {
    const std::vector<std::string> in_formats = {"gray8", "gray16", "grays", "gray10"};
    const std::vector<std::string> out_formats = {"grays", "gray8", "gray16", "gray12"};
    const int widths[] = {1, 3, 17, 300, 530}, heights[] = {1, 2, 5};
    int checked = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
        const int clips = 1 + pick(3), w = widths[pick(5)], h = heights[pick(3)];
        std::vector<Frame> inputs;
        for (int i = 0; i < clips; ++i) {
            std::string f = in_formats[std::size_t(pick(4))];
            inputs.push_back(make_frame(f, w, h, [&](int, int, int) {
                if (f == "grays") return double(std::uniform_real_distribution<float>(-2, 300)(rng));
                if (f == "gray8") return double(pick(256));
                return double(pick(f == "gray10" ? 1024 : 65536));
            }));
        }
        inputs[0].properties()["Gain"] = 0.75;
        const bool with_sort = seed % 2 == 0;
        const std::vector<std::string> tokens = random_program(rng, clips, with_sort);
        RunOptions o = fmt(out_formats[std::size_t(pick(4))]);
        o.boundary = pick(2) ? expr::Boundary::Mirror : expr::Boundary::Clamp;
        o.frame_number = pick(1000);
        const std::string program = join(tokens);
        INFO("seed " << seed << ": " << program << " -> " << *o.format << ", " << w << "x" << h);
        Frame out = run({program}, inputs, o);
        // the same for any thread count
        for (int threads : {2, 3}) {
            RunOptions ot = o;
            ot.threads = threads;
            Frame other = run({program}, inputs, ot);
            for (int y = 0; y < h; ++y) REQUIRE(std::memcmp(other.plane(0).row(y), out.plane(0).row(y), out.plane(0).row_bytes()) == 0);
        }
        Context c{&inputs, 0, 0, 0, o.frame_number, o.boundary == expr::Boundary::Mirror};
        for (c.y = 0; c.y < h; ++c.y)
            for (c.x = 0; c.x < w; ++c.x) {
                bool unspecified = false;
                double want = store_like(interpret(tokens, c, unspecified), out.format());
                if (unspecified) continue;
                double got = sample(out, 0, c.x, c.y);
                INFO("pixel " << c.x << "," << c.y << " got " << got << " want " << want);
                REQUIRE(same(got, want));
                ++checked;
            }
    }
    CHECK(checked > 10000);
}

TEST_CASE("transcendental functions within the spec's tolerance of libm") {
    Frame in = make_frame("grays", 4096, 1, [](int, int x, int) { return (x - 2048) / 64.0; });  // -32 .. 32
    struct Case {
        const char* expr;
        double (*f)(double);
    };
    const Case cases[] = {
        {"x exp", [](double v) { return std::exp(std::min(v, 30.0)); }},
        {"x 30 min exp", [](double v) { return std::exp(std::min(v, 30.0)); }},
        {"x abs 1e-3 + log", [](double v) { return std::log(double(std::fabs(float(v)) + 1e-3f)); }},
        {"x sin", [](double v) { return std::sin(v); }},
        {"x cos", [](double v) { return std::cos(v); }},
        {"x abs 0.37 pow", [](double v) { return std::pow(std::fabs(v), double(0.37f)); }},
        {"2 x 4 / pow", [](double v) { return std::pow(2.0, v / 4); }},
    };
    for (const Case& k : cases) {
        Frame out = run({k.expr}, {in});
        INFO(k.expr);
        for (int x = 0; x < 4096; ++x) {
            const double v = sample(in, 0, x, 0);
            if (std::string(k.expr) == "x exp" && v > 30) continue;
            const double want = k.f(v), got = sample(out, 0, x, 0);
            INFO("x = " << v << " got " << got << " want " << want);
            REQUIRE(std::fabs(got - want) <= std::max(1e-6, 1e-4 * std::fabs(want)));
        }
    }
}
