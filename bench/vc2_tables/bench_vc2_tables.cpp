// Times the bit-width table (bounds + every test pattern through the integer transform
// at every quantisation index) for static analyses given on the command line:
//   bench_vc2_tables STATIC.json BITS [STATIC.json BITS …]   (each on 1 thread and on every core)
// Default when run without arguments: LeGall depth 3 at 10 bits (data/vc2/static-analysis).
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/vc2_bit_widths/bit_width_table.hpp"

int main(int argc, char** argv) {
    using namespace rigor::vc2;
    using namespace rigor::pixel::vc2_bit_widths;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) args = {std::string(RIGOR_BENCH_DATA) + "/vc2/static-analysis/w1_W1_d3_D0.json", "10"};
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
        const std::string path = args[i];
        const int bits = std::stoi(args[i + 1]);
        const auto t0 = std::chrono::steady_clock::now();
        const rigor::formats::StaticAnalysis a = rigor::formats::read_static_analysis(path);
        const auto matrix = quantisation_matrix(a.config, {});
        const double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        for (unsigned threads : {1u, std::max(1u, std::thread::hardware_concurrency())}) {
            const auto t1 = std::chrono::steady_clock::now();
            const BitWidthTable t = bit_width_table(a, bits, matrix, threads);
            const auto t2 = std::chrono::steady_clock::now();
            std::cout << path << " -b " << bits << ": " << t.rows.size() << " rows, "
                      << a.analysis_patterns.size() + a.synthesis_patterns.size() << " patterns, max qi "
                      << t.bounds.maximum_quantisation_index << ", threads " << threads << ": "
                      << std::chrono::duration<double>(t2 - t1).count() << " s (reading the analysis "
                      << load_seconds << " s)\n";
        }
    }
}
