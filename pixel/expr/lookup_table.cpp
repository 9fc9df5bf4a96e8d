#include "pixel/expr/lookup_table.hpp"

#include <cstdint>
#include <cstring>

#include "pixel/expr/evaluate.hpp"

namespace rigor::pixel::expr {

using rigor::expr::Op;

int LookupTable::table_clip(const Program& p) {
    int clip = -1;
    for (const Instruction& in : p.code) {
        switch (in.op) {
        case Op::Load:
            if (in.dx != 0 || in.dy != 0 || (clip >= 0 && in.clip != clip)) return -1;
            clip = in.clip;
            break;
        case Op::Property: case Op::FrameNumber: case Op::X: case Op::Y: case Op::Width: case Op::Height:
        case Op::LoadAbsolute: case Op::WindowSum:
            return -1;
        default:
            break;
        }
    }
    return clip < 0 ? 0 : clip;
}

std::unique_ptr<const LookupTable> LookupTable::build(const Program& p, std::span<const VideoFormat> inputs,
                                                      const PlaneTarget& out) {
    const int clip = table_clip(p);
    if (clip < 0 || std::size_t(clip) >= inputs.size()) return nullptr;
    const VideoFormat& in = inputs[std::size_t(clip)];
    if (in.is_float() || in.bytes_per_sample() != 1) return nullptr;
    const std::size_t clips = inputs.size();
    std::unique_ptr<LookupTable> t(new LookupTable);
    t->clip_ = clip;
    t->out_bytes_ = out.bytes_per_sample;
    t->entries_ = 256;
    // The ramp 0 .. entries - 1 as one row of input samples.
    std::vector<std::byte> ramp(t->entries_);
    for (std::size_t v = 0; v < t->entries_; ++v) ramp[v] = std::byte(v);
    const int width = int(t->entries_);
    const PlaneSource source{ramp.data(), std::ptrdiff_t(ramp.size()), width, 1, 1, false};
    const std::vector<PlaneSource> sources(clips, source);  // only `clip` is read
    t->samples_.resize(t->entries_ * std::size_t(out.bytes_per_sample));
    PlaneJob job;
    job.clips = sources;
    job.target = out;
    job.target.data = t->samples_.data();
    job.target.stride = std::ptrdiff_t(t->samples_.size());
    job.target.width = width;
    job.target.height = 1;
    Registers registers(p, width);
    load_constants(p, registers);
    evaluate_rows(p, job, registers, 0, 1);
    return t;
}

namespace {
template <class Out>
void map(const PlaneSource& src, const PlaneTarget& dst, const std::byte* table, int y_begin, int y_end) noexcept {
    for (int y = y_begin; y < y_end; ++y) {
        const std::byte* s = src.data + std::ptrdiff_t(y) * src.stride;
        std::byte* d = dst.data + std::ptrdiff_t(y) * dst.stride;
        for (int x = 0; x < dst.width; ++x) {
            const auto v = std::size_t(std::to_integer<unsigned>(s[x]));
            std::memcpy(d + std::size_t(x) * sizeof(Out), table + v * sizeof(Out), sizeof(Out));
        }
    }
}

}  // namespace

void LookupTable::map_rows(const PlaneJob& job, int y_begin, int y_end) const noexcept {
    const PlaneSource& src = job.clips[std::size_t(clip_)];
    const std::byte* table = samples_.data();
    if (out_bytes_ == 1) map<std::uint8_t>(src, job.target, table, y_begin, y_end);
    else if (out_bytes_ == 2) map<std::uint16_t>(src, job.target, table, y_begin, y_end);
    else map<std::uint32_t>(src, job.target, table, y_begin, y_end);
}

}  // namespace rigor::pixel::expr
