#include "pixel/expr/expr_filter.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "filters/base/error.hpp"
#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/window_sum.hpp"
#include "pixel/expr/evaluate.hpp"

namespace rigor::pixel::expr {

ExprFilter::ExprFilter(const ExprSettings& settings, std::span<const VideoFormat> input_formats, int width,
                       int height)
    : width_(width), height_(height), input_formats_(input_formats.begin(), input_formats.end()),
      boundary_(settings.boundary == rigor::expr::Boundary::Default ? rigor::expr::Boundary::Clamp : settings.boundary),
      missing_properties_(settings.missing_properties),
      threads_(settings.threads < 1 ? 1 : settings.threads) {
    if (input_formats_.empty()) throw UserError("Expr needs at least one input clip");
    const VideoFormat& first = input_formats_[0];
    for (std::size_t i = 1; i < input_formats_.size(); ++i) {
        const VideoFormat& f = input_formats_[i];
        if (f.family != first.family || f.ss_w != first.ss_w || f.ss_h != first.ss_h)
            throw UserError("input clip " + std::to_string(i) + " is " + f.name() + " but clip 0 is " + first.name() +
                            ": all inputs must have the same colour family and subsampling");
    }
    output_format_ = first;
    if (settings.output_format) {
        const VideoFormat& o = *settings.output_format;
        if (o.family != first.family || o.ss_w != first.ss_w || o.ss_h != first.ss_h)
            throw UserError("output format " + o.name() + " differs from the input " + first.name() +
                            " in more than sample type and bit depth");
        output_format_ = o;
    }
    const int planes = output_format_.planes();
    if (settings.expressions.empty()) throw UserError("no expression given");
    if (int(settings.expressions.size()) > planes)
        throw UserError(std::to_string(settings.expressions.size()) + " expressions given but the format " +
                        output_format_.name() + " has " + std::to_string(planes) + " plane(s)");
    rigor::expr::ParseOptions options;
    options.clips = int(input_formats_.size());
    options.akarin = settings.akarin;
    std::vector<jit::SampleLayout> clip_layouts;
    for (const VideoFormat& f : input_formats_) clip_layouts.push_back({f.bytes_per_sample(), f.is_float(), f.bits});
    std::vector<rigor::expr::ClipSamples> clip_samples;
    for (const VideoFormat& f : input_formats_)
        clip_samples.push_back({!f.is_float(), f.is_float() ? 0.0 : double((1u << f.bits) - 1u)});
    const jit::SampleLayout out_layout{output_format_.bytes_per_sample(), output_format_.is_float(), output_format_.bits};
    std::map<std::string, std::shared_ptr<const Compiled>> compiled;  // by expression text
    // Every plane is checked: the errors of all of them are reported together, each text
    // once with the planes it is given for ("expression for planes 1, 2: ...").
    std::vector<std::pair<std::string, std::string>> errors;  // (planes, message)
    std::map<std::string, std::size_t> error_of_text;
    auto fail = [&](int p, const std::string& text, const std::string& message) {
        if (auto it = error_of_text.find(text); it != error_of_text.end()) {
            errors[it->second].first += ", " + std::to_string(p);
            return;
        }
        error_of_text.emplace(text, errors.size());
        errors.emplace_back(std::to_string(p), message);
    };
    for (int p = 0; p < planes; ++p) {
        const std::string& text = settings.expressions[std::min<std::size_t>(std::size_t(p), settings.expressions.size() - 1)];
        PlanePlan plan;
        if (rigor::expr::is_blank(text)) {
            if (!(first == output_format_))
                fail(p, text, "empty, it would copy a " + first.name() + " plane into a " + output_format_.name() +
                                  " output: give an expression");
            plan.copy = true;
        } else if (auto known = compiled.find(text); known != compiled.end()) {
            plan.compiled = known->second;
        } else {
            try {
                auto c = std::make_shared<Compiled>();
                rigor::expr::Expr graph = rigor::expr::optimize(rigor::expr::parse(text, options));
                if (settings.window_sums) graph = rigor::expr::form_window_sums(graph, clip_samples);
                c->program = compile(graph);
                if (settings.jit) c->kernel = jit::Kernel::compile(graph, clip_layouts, out_layout);
                if (settings.lookup_tables) {
                    PlaneTarget layout;
                    layout.bytes_per_sample = output_format_.bytes_per_sample();
                    layout.is_float = output_format_.is_float();
                    layout.bits = output_format_.bits;
                    c->table = LookupTable::build(c->program, input_formats_, layout);
                }
                // Offsets beyond the plane keep reflecting (spec), so they are valid; the
                // bound only keeps x + dx and y + dy (planes < 2^24) far from int overflow.
                constexpr int kMaxOffset = 1 << 24;
                for (const Instruction& in : c->program.code)
                    if (in.op == rigor::expr::Op::Load &&
                        (in.dx > kMaxOffset || in.dx < -kMaxOffset || in.dy > kMaxOffset || in.dy < -kMaxOffset))
                        throw UserError("relative offset [" + std::to_string(in.dx) + "," + std::to_string(in.dy) +
                                        "] is beyond ±" + std::to_string(kMaxOffset) + ", the largest rigor accepts");
                plan.compiled = c;
                compiled.emplace(text, std::move(c));
                ++compiled_expressions_;
            } catch (const UserError& e) {
                fail(p, text, e.what());
            }
        }
        plan.table = plan.compiled && plan.compiled->table &&
                     std::size_t(plane_width(output_format_, p, width_)) * std::size_t(plane_height(output_format_, p, height_)) >=
                         plan.compiled->table->entries();
        planes_.push_back(std::move(plan));
    }
    if (errors.empty()) return;
    std::string message;
    for (const auto& [which, what] : errors) {
        if (!message.empty()) message += "; ";
        message += (which.find(',') == std::string::npos ? "expression for plane " : "expression for planes ") + which +
                   ": " + what;
    }
    throw UserError(message);
}

int ExprFilter::jit_planes() const {
    int n = 0;
    for (const PlanePlan& plan : planes_) n += plan.compiled && plan.compiled->kernel;
    return n;
}

int ExprFilter::fixed_point_planes() const {
    int n = 0;
    for (const PlanePlan& plan : planes_)
        n += plan.compiled && plan.compiled->kernel && plan.compiled->kernel->fixed_point();
    return n;
}

int ExprFilter::table_planes() const {
    int n = 0;
    for (const PlanePlan& plan : planes_) n += plan.table;
    return n;
}

namespace {
PlaneSource source_of(const Plane& plane, const VideoFormat& f) {
    return {plane.row(0), plane.stride(), plane.width(), plane.height(), plane.bytes_per_sample(), f.is_float()};
}

// Whether a plane held by the caller has the size and samples plane `p` of a frame has.
bool plane_matches(int width, int height, int bytes, bool is_float, const VideoFormat& f, int p, int frame_width,
                   int frame_height) {
    return width == plane_width(f, p, frame_width) && height == plane_height(f, p, frame_height) &&
           bytes == f.bytes_per_sample() && is_float == f.is_float();
}
}  // namespace

int ExprFilter::copy_source(int p) const {
    const PlanePlan& plan = planes_.at(std::size_t(p));
    if (plan.copy) return 0;
    const int plain = plan.compiled->program.plain_clip;  // e.g. `x`, `x 1 *`
    return plain >= 0 && input_formats_[std::size_t(plain)] == output_format_ ? plain : -1;
}

std::vector<std::string> ExprFilter::properties_read(int clip) const {
    std::vector<std::string> names;
    for (const PlanePlan& plan : planes_)
        if (plan.compiled)
            for (const PropertyRef& ref : plan.compiled->program.properties)
                if (ref.clip == clip && std::find(names.begin(), names.end(), ref.name) == names.end())
                    names.push_back(ref.name);
    return names;
}

void ExprFilter::process(std::span<const Frame* const> inputs, long frame_number, Frame& out) const {
    if (inputs.size() != input_formats_.size()) throw InternalError("ExprFilter: wrong number of inputs");
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (!(inputs[i]->format() == input_formats_[i]) || inputs[i]->width() != width_ || inputs[i]->height() != height_)
            throw UserError("frame " + std::to_string(frame_number) + " of clip " + std::to_string(i) +
                            " differs in format or size from the clip's first frame");
    if (!(out.format() == output_format_) || out.width() != width_ || out.height() != height_)
        out = Frame(output_format_, width_, height_);
    std::vector<std::vector<PlaneSource>> sources(inputs.size());
    std::vector<ClipPlanes> clips;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        for (int p = 0; p < inputs[i]->planes(); ++p)
            sources[i].push_back(source_of(inputs[i]->plane(p), input_formats_[i]));
        clips.push_back({sources[i], &inputs[i]->properties()});
    }
    std::vector<PlaneTarget> targets;
    for (int p = 0; p < output_format_.planes(); ++p) {
        Plane& t = out.plane(p);
        targets.push_back({t.row(0), t.stride(), t.width(), t.height(), t.bytes_per_sample(), output_format_.is_float(),
                           output_format_.bits});
    }
    process(clips, frame_number, targets);
}

void ExprFilter::process(std::span<const ClipPlanes> inputs, long frame_number, std::span<const PlaneTarget> out) const {
    if (inputs.size() != input_formats_.size()) throw InternalError("ExprFilter: wrong number of inputs");
    const int planes = output_format_.planes();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const VideoFormat& f = input_formats_[i];
        bool ok = int(inputs[i].planes.size()) == f.planes();
        for (int p = 0; ok && p < f.planes(); ++p) {
            const PlaneSource& s = inputs[i].planes[std::size_t(p)];
            ok = plane_matches(s.width, s.height, s.bytes_per_sample, s.is_float, f, p, width_, height_);
        }
        if (!ok)
            throw UserError("frame " + std::to_string(frame_number) + " of clip " + std::to_string(i) + " is not a " +
                            std::to_string(width_) + "x" + std::to_string(height_) + " " + f.name() + " frame");
    }
    bool out_ok = int(out.size()) == planes;
    for (int p = 0; out_ok && p < planes; ++p) {
        const PlaneTarget& t = out[std::size_t(p)];
        if (!t.data) continue;  // the host supplies this plane (see copy_source)
        out_ok = plane_matches(t.width, t.height, t.bytes_per_sample, t.is_float, output_format_, p, width_, height_) &&
                 (t.is_float || t.bits == output_format_.bits);
    }
    if (!out_ok)
        throw UserError("the output of frame " + std::to_string(frame_number) + " is not a " + std::to_string(width_) +
                        "x" + std::to_string(height_) + " " + output_format_.name() + " frame");
    // Per plane: a copy, or a job for the evaluator.
    const auto plane_count = static_cast<std::size_t>(planes);
    std::vector<std::vector<PlaneSource>> clips(plane_count);
    std::vector<std::vector<float>> properties(plane_count);
    std::vector<PlaneJob> jobs(plane_count);
    std::vector<const PlaneSource*> copy_from(plane_count, nullptr);
    const FrameProperties no_properties;  // a clip given without properties has none
    for (int p = 0; p < planes; ++p) {
        if (!out[std::size_t(p)].data) continue;
        if (const int c = copy_source(p); c >= 0) {
            copy_from[std::size_t(p)] = &inputs[std::size_t(c)].planes[std::size_t(p)];
            continue;
        }
        const Program& program = planes_[std::size_t(p)].compiled->program;
        for (std::size_t i = 0; i < inputs.size(); ++i) clips[std::size_t(p)].push_back(inputs[i].planes[std::size_t(p)]);
        for (const PropertyRef& ref : program.properties) {
            const FrameProperties* given = inputs[std::size_t(ref.clip)].properties;
            properties[std::size_t(p)].push_back(float(rigor::expr::read_property(
                given ? *given : no_properties, ref.name, ref.clip, frame_number, missing_properties_,
                "the expression of plane " + std::to_string(p))));
        }
        PlaneJob& job = jobs[std::size_t(p)];
        job.clips = clips[std::size_t(p)];
        job.target = out[std::size_t(p)];
        job.frame_number = float(frame_number);
        job.properties = properties[std::size_t(p)];
        job.boundary = boundary_;
    }
    // Stripes of whole rows of every plane per thread; each thread owns its scratch.
    if (!pool_) {
        pool_ = std::make_unique<WorkerPool>(threads_);
        scratch_.resize(std::size_t(threads_));
        for (auto& per_plane : scratch_) per_plane.resize(std::size_t(planes));
    }
    const int threads = pool_->size();
    pool_->run([&](int t) {
        for (int p = 0; p < planes; ++p) {
            const PlaneTarget& target = out[std::size_t(p)];
            const int rows = target.height, y0 = rows * t / threads, y1 = rows * (t + 1) / threads;
            if (y0 == y1 || !target.data) continue;
            if (const PlaneSource* src = copy_from[std::size_t(p)]) {
                for (int y = y0; y < y1; ++y)
                    std::memcpy(target.data + std::ptrdiff_t(y) * target.stride, src->data + std::ptrdiff_t(y) * src->stride,
                                std::size_t(target.width) * std::size_t(target.bytes_per_sample));
                continue;
            }
            const Compiled& c = *planes_[std::size_t(p)].compiled;
            const PlaneJob& job = jobs[std::size_t(p)];
            if (planes_[std::size_t(p)].table) {
                c.table->map_rows(job, y0, y1);
                continue;
            }
            PlaneScratch& scratch = scratch_[std::size_t(t)][std::size_t(p)];
            if (c.kernel) {  // generated code, where it serves this plane
                if (!scratch.driver) scratch.driver = std::make_unique<jit::RowDriver>(*c.kernel, target.width);
                if (scratch.driver->serves(job)) {
                    scratch.driver->run_rows(job, y0, y1);
                    continue;
                }
            }
            if (!scratch.registers) {
                scratch.registers = std::make_unique<Registers>(c.program, target.width);
                load_constants(c.program, *scratch.registers);
            }
            evaluate_rows(c.program, job, *scratch.registers, y0, y1);
        }
    });
}

}  // namespace rigor::pixel::expr
