#include "pixel/expr/probe.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "filters/expr/ir_text.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "pixel/expr/function_accuracy.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/io/half.hpp"

namespace rigor::pixel::expr {

namespace {

using rigor::expr::SampleStorage;

constexpr int kWidth = 1024;
// Frame heights batches are cut into (a filter is made per height on first use): one
// row for a witness, up to a million points per call for exhaustive runs.
constexpr int kHeights[] = {1, 16, 256, 1024};

VideoFormat format_of(SampleStorage s) {
    const VideoFormat gray{};
    return s.is_float ? gray.with_samples(SampleType::Float, s.bits) : gray.with_samples(SampleType::Integer, s.bits);
}

// One compiled point program: a filter per frame height, its input and output frames.
class PointRunner {
public:
    PointRunner(std::string text, std::vector<VideoFormat> inputs, VideoFormat output, int threads)
        : text_(std::move(text)), formats_(std::move(inputs)), output_(output), threads_(threads) {
        at(kHeights[0]);  // compile now: errors belong to compile(), not to a later run
    }

    void run(std::span<const float* const> values, std::size_t n, float* out) {
        const std::size_t real_clips = values.size();
        for (std::size_t done = 0; done < n;) {
            const std::size_t left = n - done;
            int height = kHeights[0];  // the largest frame the points left fill
            for (int h : kHeights)
                if (std::size_t(h) * kWidth <= left) height = h;
            Slot& s = at(height);
            const std::size_t count = std::min(left, std::size_t(height) * kWidth);
            for (std::size_t c = 0; c < s.frames.size(); ++c)
                fill(s.frames[c].plane(0), formats_[c], c < real_clips ? values[c] + done : nullptr, count);
            std::vector<const Frame*> inputs;
            for (const Frame& f : s.frames) inputs.push_back(&f);
            s.filter->process(inputs, 0, s.out);
            read(s.out.plane(0), out + done, count);
            done += count;
        }
    }

private:
    struct Slot {
        std::unique_ptr<ExprFilter> filter;
        std::vector<Frame> frames;
        Frame out;
    };

    Slot& at(int height) {
        auto it = slots_.find(height);
        if (it != slots_.end()) return it->second;
        Slot s;
        ExprSettings settings;
        settings.expressions = {text_};
        settings.output_format = output_;
        settings.threads = height >= 16 ? threads_ : 1;
        s.filter = std::make_unique<ExprFilter>(settings, formats_, kWidth, height);
        for (const VideoFormat& f : formats_) s.frames.emplace_back(f, kWidth, height);
        s.out = Frame(s.filter->output_format(), kWidth, height);
        return slots_.emplace(height, std::move(s)).first->second;
    }

    // Point i at pixel (i % kWidth, i / kWidth); pixels past n keep what they held.
    static void fill(Plane& p, const VideoFormat& f, const float* v, std::size_t n) {
        if (!v) return;
        for (std::size_t i = 0; i < n; ++i) {
            std::byte* row = p.row(int(i / kWidth));
            const std::size_t x = i % kWidth;
            if (f.is_float() && f.bits == 32) reinterpret_cast<float*>(row)[x] = v[i];
            else if (f.is_float()) reinterpret_cast<std::uint16_t*>(row)[x] = float_to_half(v[i]);
            else if (f.bits <= 8) reinterpret_cast<std::uint8_t*>(row)[x] = std::uint8_t(v[i]);
            else reinterpret_cast<std::uint16_t*>(row)[x] = std::uint16_t(v[i]);
        }
    }
    void read(const Plane& p, float* out, std::size_t n) const {
        for (std::size_t i = 0; i < n; ++i) {
            const std::byte* row = p.row(int(i / kWidth));
            const std::size_t x = i % kWidth;
            if (output_.is_float() && output_.bits == 32) out[i] = reinterpret_cast<const float*>(row)[x];
            else if (output_.is_float()) out[i] = half_to_float(reinterpret_cast<const std::uint16_t*>(row)[x]);
            else if (output_.bits <= 8) out[i] = float(reinterpret_cast<const std::uint8_t*>(row)[x]);
            else out[i] = float(reinterpret_cast<const std::uint16_t*>(row)[x]);
        }
    }

    std::string text_;
    std::vector<VideoFormat> formats_;
    VideoFormat output_;
    int threads_;
    std::map<int, Slot> slots_;
};

float function(rigor::expr::Op op, float a, float b) {
    const MathKernels& k = math_kernels();
    float r = 0;
    switch (op) {
        case rigor::expr::Op::Exp: k.exp(&a, &r, 1); break;
        case rigor::expr::Op::Log: k.log(&a, &r, 1); break;
        case rigor::expr::Op::Sin: k.sin(&a, &r, 1); break;
        case rigor::expr::Op::Cos: k.cos(&a, &r, 1); break;
        case rigor::expr::Op::Pow: k.pow(&a, &b, &r, 1); break;
        case rigor::expr::Op::Tan: k.tan(&a, &r, 1); break;
        case rigor::expr::Op::Asin: k.asin(&a, &r, 1); break;
        case rigor::expr::Op::Acos: k.acos(&a, &r, 1); break;
        case rigor::expr::Op::Atan: k.atan(&a, &r, 1); break;
        case rigor::expr::Op::Atan2: k.atan2(&a, &b, &r, 1); break;
        default: throw InternalError("engine probe: not an approximated function");
    }
    return r;
}

}  // namespace

rigor::expr::EngineProbe engine_probe(int threads) {
    const int t = threads > 0 ? threads : int(hardware_threads());
    rigor::expr::EngineProbe probe;
    probe.compile = [t](const rigor::expr::Expr& program, std::span<const SampleStorage> clips,
                        SampleStorage output) -> rigor::expr::EngineProbe::Run {
        std::vector<VideoFormat> formats;
        for (const SampleStorage& s : clips) formats.push_back(format_of(s));
        if (formats.empty()) formats.push_back(format_of({false, 8}));  // a filter needs a clip
        auto runner = std::make_shared<PointRunner>(rigor::expr::to_postfix_stored(program), std::move(formats),
                                                    format_of(output), t);
        return [runner](std::span<const float* const> values, std::size_t n, float* out) { runner->run(values, n, out); };
    };
    probe.function = function;
    probe.accuracy = &engine_accuracy();
    return probe;
}

}  // namespace rigor::pixel::expr
