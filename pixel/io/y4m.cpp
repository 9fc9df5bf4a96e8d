#include "pixel/io/y4m.hpp"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <vector>

#include "filters/base/error.hpp"

namespace rigor::pixel {

namespace {

constexpr std::string_view kMagic = "YUV4MPEG2";
constexpr std::size_t kMaxHeaderLine = 4096;

struct TagBase {
    std::string_view base;
    ColorFamily family;
    int ss_w, ss_h;
};
constexpr TagBase kTagBases[] = {
    {"mono", ColorFamily::Gray, 0, 0},    {"420jpeg", ColorFamily::YUV, 1, 1},
    {"420mpeg2", ColorFamily::YUV, 1, 1}, {"420paldv", ColorFamily::YUV, 1, 1},
    {"420", ColorFamily::YUV, 1, 1},      {"422", ColorFamily::YUV, 1, 0},
    {"444", ColorFamily::YUV, 0, 0},      {"411", ColorFamily::YUV, 2, 0},
    {"440", ColorFamily::YUV, 0, 1},      {"410", ColorFamily::YUV, 2, 1},
};

bool parse_int(std::string_view s, int& value) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && end == s.data() + s.size();
}

bool parse_ratio(std::string_view s, int& num, int& den) {
    std::size_t colon = s.find(':');
    return colon != std::string_view::npos && parse_int(s.substr(0, colon), num) &&
           parse_int(s.substr(colon + 1), den);
}

// Reads one '\n'-terminated line of at most kMaxHeaderLine bytes; false at EOF before
// any byte.
bool read_line(std::istream& in, std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    int c;
    while ((c = in.get()) != EOF) {
        if (c == '\n') return true;
        if (line.size() >= kMaxHeaderLine) {
            too_long = true;
            return true;
        }
        line.push_back(char(c));
    }
    return !line.empty();
}

// y4m stores samples little-endian; swap 16/32-bit samples on a big-endian host.
void to_little_endian(std::byte* p, std::size_t bytes, int bytes_per_sample) {
    if constexpr (std::endian::native == std::endian::little) {
        (void)p, (void)bytes, (void)bytes_per_sample;
    } else {
        for (std::size_t i = 0; i + bytes_per_sample <= bytes; i += bytes_per_sample)
            std::reverse(p + i, p + i + bytes_per_sample);
    }
}

// The siting the 8-bit 4:2:0 tags name.  A plain C420 names none: the format calls it
// 420jpeg, but vspipe writes it for every 4:2:0 clip, whatever its siting (VapourSynth's
// default is left), so a reader cannot trust it; it is read as unspecified and written
// back as C420 (a C420 stream comes back byte for byte), and each sited tag likewise.
struct SitedTag {
    std::string_view tag;
    ChromaSiting siting;
};
constexpr SitedTag kSitedTags[] = {
    {"420jpeg", ChromaSiting::center}, {"420mpeg2", ChromaSiting::left}, {"420paldv", ChromaSiting::top_left},
};

// XCHROMALOC values (rigor's extension), in ChromaSiting order after unspecified.
constexpr std::string_view kSitingWords[] = {"LEFT", "CENTER", "TOPLEFT", "TOP", "BOTTOMLEFT", "BOTTOM"};

bool parse_siting_word(std::string_view word, ChromaSiting& siting) {
    for (std::size_t i = 0; i < std::size(kSitingWords); ++i)
        if (word == kSitingWords[i]) {
            siting = ChromaSiting(int(i) + 1);
            return true;
        }
    return false;
}

// One X parameter: XCOLORRANGE and XCHROMALOC are read, any other is ignored (as the
// format asks); a known one with a value outside its list is an error.
bool parse_extension(std::string_view field, VideoMetadata& m, bool& siting_given) {
    if (field.starts_with("XCOLORRANGE=")) {
        const std::string_view v = field.substr(12);
        if (v == "LIMITED") m.color_range = ColorRange::limited;
        else if (v == "FULL") m.color_range = ColorRange::full;
        else return false;
    } else if (field.starts_with("XCHROMALOC=")) {
        if (!parse_siting_word(field.substr(11), m.chroma_siting)) return false;
        siting_given = true;
    }
    return true;
}

char field_order_letter(FieldOrder order) {
    switch (order) {
        case FieldOrder::top_first: return 't';
        case FieldOrder::bottom_first: return 'b';
        case FieldOrder::mixed: return 'm';
        default: return 'p';
    }
}

bool parse_field_order(std::string_view v, FieldOrder& order) {
    if (v == "p") order = FieldOrder::progressive;
    else if (v == "t") order = FieldOrder::top_first;
    else if (v == "b") order = FieldOrder::bottom_first;
    else if (v == "m") order = FieldOrder::mixed;
    else if (v == "?") order = FieldOrder::unspecified;
    else return false;
    return true;
}

}  // namespace

std::string y4m_colour_tag(const VideoFormat& f) {
    if (f.is_rgb()) throw UserError("y4m cannot carry RGB (" + f.name() + "); write a picture instead");
    std::string base = "mono";
    if (f.family == ColorFamily::YUV)
        for (const TagBase& t : kTagBases)
            if (t.family == ColorFamily::YUV && t.ss_w == f.ss_w && t.ss_h == f.ss_h &&
                t.base.size() == 3) {
                base = std::string(t.base);
                break;
            }
    if (f.family == ColorFamily::Gray) {
        if (f.is_float()) return f.bits == 32 ? "mono32" : "monoh";
        return f.bits == 8 ? "mono" : "mono" + std::to_string(f.bits);
    }
    if (f.is_float()) return base + (f.bits == 32 ? "ps" : "ph");
    return f.bits == 8 ? base : base + "p" + std::to_string(f.bits);
}

VideoFormat y4m_format_from_tag(std::string_view tag) {
    for (const TagBase& t : kTagBases) {
        if (!tag.starts_with(t.base)) continue;
        std::string_view rest = tag.substr(t.base.size());
        VideoFormat f;
        f.family = t.family;
        f.ss_w = t.ss_w;
        f.ss_h = t.ss_h;
        if (t.family == ColorFamily::Gray) {
            int bits = 8;
            if (rest.empty()) return f;
            if (rest == "32" || rest == "h") return f.with_samples(SampleType::Float, rest == "h" ? 16 : 32);
            if (parse_int(rest, bits) && bits >= 9 && bits <= 16) return f.with_samples(SampleType::Integer, bits);
        } else {
            int bits = 8;
            if (rest.empty()) return f;
            if (rest == "ps" || rest == "ph") return f.with_samples(SampleType::Float, rest == "ph" ? 16 : 32);
            if (t.base.size() == 3 && rest.starts_with("p") && parse_int(rest.substr(1), bits) && bits >= 9 &&
                bits <= 16)
                return f.with_samples(SampleType::Integer, bits);
        }
        break;
    }
    throw UserError("unknown y4m colour tag 'C" + std::string(tag) +
                    "' (known: mono, mono9..mono16, mono32, 420, 422, 444, 411, 440, 410, "
                    "each with p9..p16, ph or ps, e.g. 420p10, 444ps)");
}

Y4mReader::Y4mReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
    std::string line;
    bool too_long = false;
    if (!read_line(in_, line, too_long) || !line.starts_with(kMagic))
        throw UserError(name_ + ": not a y4m stream (no 'YUV4MPEG2' header)");
    if (too_long) throw UserError(name_ + ": malformed y4m header (line too long)");
    bool have_w = false, have_h = false;
    std::string_view rest = std::string_view(line).substr(kMagic.size());
    std::string tag = "420";
    VideoMetadata& m = header_.metadata;
    bool siting_given = false;  // by XCHROMALOC, which wins over the C tag
    while (!rest.empty()) {
        if (rest.front() != ' ') throw UserError(name_ + ": malformed y4m header: '" + line + "'");
        rest.remove_prefix(1);
        std::size_t end = rest.find(' ');
        std::string_view field = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
        if (field.empty()) continue;
        std::string_view value = field.substr(1);
        bool ok = true;
        switch (field.front()) {
            case 'W': ok = have_w = parse_int(value, header_.width); break;
            case 'H': ok = have_h = parse_int(value, header_.height); break;
            case 'F': ok = parse_ratio(value, m.frame_rate.num, m.frame_rate.den); break;
            case 'A': ok = parse_ratio(value, m.sample_aspect.num, m.sample_aspect.den); break;
            case 'I': ok = parse_field_order(value, m.field_order); break;
            case 'C': tag = std::string(value); break;
            case 'X': ok = parse_extension(field, m, siting_given); break;
            default: ok = false;
        }
        if (!ok) throw UserError(name_ + ": malformed y4m header field '" + std::string(field) + "'");
    }
    if (!have_w || !have_h) throw UserError(name_ + ": malformed y4m header: missing W or H");
    if (header_.width <= 0 || header_.height <= 0)
        throw UserError(name_ + ": y4m frame size " + std::to_string(header_.width) + "x" +
                        std::to_string(header_.height) + " is not positive");
    header_.format = y4m_format_from_tag(tag);
    if (!siting_given)
        for (const SitedTag& t : kSitedTags)
            if (tag == t.tag) m.chroma_siting = t.siting;
    if (!m.frame_rate.known()) m.frame_rate = {};
    if (!m.sample_aspect.known()) m.sample_aspect = {};
    std::size_t bytes = packed_frame_bytes(header_.format, header_.width, header_.height);
    if (bytes == 0 || bytes > physical_memory())
        throw UserError(name_ + ": y4m frame " + std::to_string(header_.width) + "x" +
                        std::to_string(header_.height) + " " + header_.format.name() +
                        " is larger than this machine's memory");
}

bool Y4mReader::read_frame(Frame& frame) {
    std::string line;
    bool too_long = false;
    if (!read_line(in_, line, too_long)) return false;
    if (too_long || !(line == "FRAME" || line.starts_with("FRAME ")))
        throw UserError(name_ + ": malformed y4m frame marker at frame " + std::to_string(frames_read_) +
                        " (expected 'FRAME')");
    const Y4mHeader& h = header_;
    if (!(frame.format() == h.format) || frame.width() != h.width || frame.height() != h.height)
        frame = Frame(h.format, h.width, h.height);
    frame.properties().clear();
    for (int p = 0; p < frame.planes(); ++p) {
        Plane& plane = frame.plane(p);
        for (int y = 0; y < plane.height(); ++y) {
            in_.read(reinterpret_cast<char*>(plane.row(y)), std::streamsize(plane.row_bytes()));
            if (std::size_t(in_.gcount()) != plane.row_bytes())
                throw UserError(name_ + ": truncated y4m frame " + std::to_string(frames_read_) + " (plane " +
                                std::to_string(p) + ", row " + std::to_string(y) + ")");
            to_little_endian(plane.row(y), plane.row_bytes(), plane.bytes_per_sample());
        }
    }
    ++frames_read_;
    return true;
}

Y4mWriter::Y4mWriter(std::ostream& out, const Y4mHeader& header) : out_(out), header_(header) {
    const VideoMetadata& m = header.metadata;
    const Ratio rate = m.frame_rate.known() ? m.frame_rate : Ratio{25, 1};
    const Ratio aspect = m.sample_aspect.known() ? m.sample_aspect : Ratio{0, 0};
    std::string tag = y4m_colour_tag(header.format);
    bool siting_in_tag = m.chroma_siting == ChromaSiting::unspecified;
    if (tag == "420")
        for (const SitedTag& t : kSitedTags)
            if (t.siting == m.chroma_siting && !siting_in_tag) {
                tag = std::string(t.tag);
                siting_in_tag = true;
            }
    out_ << kMagic << " W" << header.width << " H" << header.height << " F" << rate.num << ':' << rate.den << " I"
         << field_order_letter(m.field_order) << " A" << aspect.num << ':' << aspect.den << " C" << tag;
    if (m.color_range != ColorRange::unspecified)
        out_ << " XCOLORRANGE=" << (m.color_range == ColorRange::full ? "FULL" : "LIMITED");
    if (!siting_in_tag && header.format.family == ColorFamily::YUV)
        out_ << " XCHROMALOC=" << kSitingWords[int(m.chroma_siting) - 1];
    out_ << '\n';
    if (!out_) throw IoError("cannot write the y4m header");
}

void Y4mWriter::write_frame(const Frame& frame) {
    if (!(frame.format() == header_.format) || frame.width() != header_.width || frame.height() != header_.height)
        throw InternalError("y4m frame does not match the stream header");
    out_ << "FRAME\n";
    std::vector<std::byte> swapped;
    for (int p = 0; p < frame.planes(); ++p) {
        const Plane& plane = frame.plane(p);
        for (int y = 0; y < plane.height(); ++y) {
            const std::byte* row = plane.row(y);
            if constexpr (std::endian::native != std::endian::little) {
                swapped.assign(row, row + plane.row_bytes());
                to_little_endian(swapped.data(), swapped.size(), plane.bytes_per_sample());
                row = swapped.data();
            }
            out_.write(reinterpret_cast<const char*>(row), std::streamsize(plane.row_bytes()));
        }
    }
    if (!out_) throw IoError("cannot write a y4m frame (disk full or pipe closed?)");
}

}  // namespace rigor::pixel
