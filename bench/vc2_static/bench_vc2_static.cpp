// Times the complete static analysis (bounds + test patterns + JSON) of VC-2
// configurations.  Usage:
//   bench_vc2_static W W_HO D D_HO [OUT.json]      one configuration
//   bench_vc2_static --defaults MATRICES.json      every configuration with a default
//                                                  quantisation matrix
// Peak memory: run under /usr/bin/time -v (see bench/vc2_static/README.md).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "symbolic/vc2/static_analysis.hpp"

namespace {

// Counts what is written (the JSON streams out as the CLI writes it, never held whole).
struct CountingBuffer : std::streambuf {
    std::size_t count = 0;
    std::streambuf* next = nullptr;
    int_type overflow(int_type c) override {
        ++count;
        return next ? next->sputc(static_cast<char>(c)) : c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        count += static_cast<std::size_t>(n);
        return next ? next->sputn(s, n) : n;
    }
};

double run(const rigor::vc2::TransformConfig& c, const std::string& out_path, std::size_t& bytes) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto a = rigor::symbolic::vc2::static_filter_analysis(c);
    std::ofstream file;
    CountingBuffer counter;
    if (!out_path.empty()) {
        file.open(out_path);
        counter.next = file.rdbuf();
    }
    std::ostream out(&counter);
    rigor::formats::write_static_analysis(out, a);
    out.flush();
    bytes = counter.count;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "--defaults") {
        // Keys of the matrices file look like "w,w_ho,d,d_ho": read them without a JSON
        // dependency by scanning for quoted keys with three commas.
        std::ifstream in(args[1]);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        double total = 0;
        int count = 0;
        for (std::size_t p = 0; (p = text.find('"', p)) != std::string::npos;) {
            const std::size_t q = text.find('"', p + 1);
            const std::string key = text.substr(p + 1, q - p - 1);
            p = q + 1;
            int w, wh, d, dh;
            char tail;
            if (std::sscanf(key.c_str(), "%d,%d,%d,%d%c", &w, &wh, &d, &dh, &tail) != 4) continue;
            std::size_t bytes = 0;
            const double t = run({w, wh, d, dh}, "", bytes);
            total += t;
            ++count;
            std::printf("%d,%d,%d,%d  %8.3f s  %10zu bytes\n", w, wh, d, dh, t, bytes);
            std::fflush(stdout);
        }
        std::printf("%d configurations, %.1f s in total\n", count, total);
        return 0;
    }
    if (args.size() < 4) {
        std::cerr << "usage: bench_vc2_static W W_HO D D_HO [OUT.json] | --defaults MATRICES.json\n";
        return 2;
    }
    std::size_t bytes = 0;
    const double t = run({std::stoi(args[0]), std::stoi(args[1]), std::stoi(args[2]), std::stoi(args[3])},
                         args.size() > 4 ? args[4] : "", bytes);
    std::printf("w=%s W=%s d=%s D=%s: %.3f s, %zu bytes of JSON\n", args[0].c_str(), args[1].c_str(),
                args[2].c_str(), args[3].c_str(), t, bytes);
    return 0;
}
