// PNG through libpng's classic API (the simplified API would linearise 16-bit data).
#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <memory>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/picture.hpp"

namespace rigor::pixel {

namespace {
struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// libpng reports errors by longjmp; messages are kept to build the exception after it.
void on_png_error(png_structp png, png_const_charp message) {
    auto* text = static_cast<std::string*>(png_get_error_ptr(png));
    if (text) *text = message;
    png_longjmp(png, 1);
}
void on_png_warning(png_structp, png_const_charp) {}

void write_to_stream(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::ostream*>(png_get_io_ptr(png));
    out->write(reinterpret_cast<const char*>(data), std::streamsize(length));
}
void flush_stream(png_structp png) { static_cast<std::ostream*>(png_get_io_ptr(png))->flush(); }

// The libpng calls of write_png, outside the function that calls setjmp.
void encode_png(png_structp png, png_infop info, const Frame& frame) {
    const VideoFormat& f = frame.format();
    const int channels = f.planes();
    const std::size_t bps = std::size_t(f.bytes_per_sample());
    std::vector<png_byte> row(std::size_t(frame.width()) * channels * bps);
    png_set_IHDR(png, info, png_uint_32(frame.width()), png_uint_32(frame.height()), f.bits,
                 channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (f.bits == 16) png_set_swap(png);
    for (int y = 0; y < frame.height(); ++y) {
        for (int c = 0; c < channels; ++c) {
            const std::byte* in = frame.plane(c).row(y);
            for (int x = 0; x < frame.width(); ++x)
                for (std::size_t b = 0; b < bps; ++b)
                    row[(std::size_t(x) * channels + c) * bps + b] = png_byte(in[std::size_t(x) * bps + b]);
        }
        png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
}
}  // namespace

Frame read_png(const std::string& path) {
    open_input_file(path);  // missing, unreadable or a directory: the one wording
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) throw cannot_read(path);
    std::string message;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &message, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        throw std::bad_alloc();
    }
    Frame frame;
    std::vector<png_byte> row;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        throw UserError(path + ": bad PNG: " + message);
    }
    png_init_io(png, file.get());
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int depth = png_get_bit_depth(png, info), type = png_get_color_type(png, info);
    // Expand palettes and low-depth gray to 8 bits, drop alpha, 16-bit samples in
    // little-endian host order.
    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (type & PNG_COLOR_MASK_ALPHA) png_set_strip_alpha(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png), png_set_strip_alpha(png);
    if (depth == 16) png_set_swap(png);
    png_read_update_info(png, info);
    int channels = png_get_channels(png, info);
    depth = png_get_bit_depth(png, info);
    VideoFormat f;
    f.family = channels == 1 ? ColorFamily::Gray : ColorFamily::RGB;
    f.bits = depth == 16 ? 16 : 8;
    if (w > 1u << 20 || h > 1u << 20 || (channels != 1 && channels != 3)) {
        message = "unsupported size or channel layout";
        png_error(png, message.c_str());
    }
    frame = Frame(f, int(w), int(h));
    std::size_t bps = std::size_t(f.bytes_per_sample());
    row.resize(std::size_t(w) * channels * bps);
    for (png_uint_32 y = 0; y < h; ++y) {
        png_read_row(png, row.data(), nullptr);
        for (int c = 0; c < channels; ++c) {
            std::byte* out = frame.plane(c).row(int(y));
            for (png_uint_32 x = 0; x < w; ++x)
                for (std::size_t b = 0; b < bps; ++b)
                    out[x * bps + b] = std::byte(row[(x * channels + c) * bps + b]);
        }
    }
    png_destroy_read_struct(&png, &info, nullptr);
    return frame;
}

void write_png(std::ostream& out, const std::string& path, const Frame& frame) {
    const VideoFormat& f = frame.format();
    if (f.is_float() || (f.bits != 8 && f.bits != 16) || f.family == ColorFamily::YUV)
        throw UserError(path + ": PNG holds 8/16-bit gray or RGB (gray8, gray16, rgb24, rgb48), not " + f.name());
    std::string message;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &message, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        throw std::bad_alloc();
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw IoError(path + ": cannot write PNG: " + message);
    }
    png_set_write_fn(png, &out, write_to_stream, flush_stream);
    encode_png(png, info, frame);
    png_destroy_write_struct(&png, &info);
    if (!out) throw IoError(path + ": write failed");
}

}  // namespace rigor::pixel
