// TIFF through libtiff (reading by path, writing to a C++ stream via libtiffxx):
// gray or RGB, 8/16-bit unsigned integer or 32-bit IEEE float, contiguous or planar.
#include <tiffio.h>
#include <tiffio.hxx>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/picture.hpp"

namespace rigor::pixel {

namespace {
struct TiffCloser {
    void operator()(TIFF* t) const noexcept { TIFFClose(t); }
};
using TiffHandle = std::unique_ptr<TIFF, TiffCloser>;
}  // namespace

Frame read_tiff(const std::string& path) {
    TIFFSetWarningHandler(nullptr);
    TIFFSetErrorHandler(nullptr);  // libtiff would print its own lines; rigor says one (below)
    open_input_file(path);  // missing, unreadable or a directory: the one wording
    TiffHandle tif(TIFFOpen(path.c_str(), "r"));
    if (!tif) throw UserError(path + ": not a TIFF file");
    std::uint32_t w = 0, h = 0;
    std::uint16_t bits = 8, spp = 1, format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG;
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_PLANARCONFIG, &planar);
    VideoFormat f;
    bool ok = (format == SAMPLEFORMAT_UINT && (bits == 8 || bits == 16)) || (format == SAMPLEFORMAT_IEEEFP && bits == 32);
    int channels = spp >= 3 ? 3 : 1;  // extra samples (alpha) are dropped
    if (!ok || w == 0 || h == 0 || w > 1u << 20 || h > 1u << 20)
        throw UserError(path + ": unsupported TIFF (need 8/16-bit unsigned or 32-bit float samples)");
    // A header may claim any size: refuse sizes the file cannot hold before allocating.
    // Uncompressed data must be in the file; no TIFF codec expands data more than 4096:1.
    std::uint16_t compression = COMPRESSION_NONE;
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_COMPRESSION, &compression);
    std::error_code ec;
    const std::uintmax_t file_bytes = std::filesystem::file_size(path, ec);
    const double decoded = double(w) * double(h) * double(spp) * double(bits / 8);
    if (!ec && (decoded > 4096.0 * double(file_bytes) ||
                (compression == COMPRESSION_NONE && decoded > double(file_bytes))))
        throw UserError(path + ": TIFF claims " + std::to_string(w) + "x" + std::to_string(h) + " but the file (" +
                        std::to_string(file_bytes) + " bytes) cannot hold that picture");
    f.family = channels == 3 ? ColorFamily::RGB : ColorFamily::Gray;
    f.sample = format == SAMPLEFORMAT_IEEEFP ? SampleType::Float : SampleType::Integer;
    f.bits = bits;
    Frame frame(f, int(w), int(h));
    std::size_t bps = bits / 8;
    std::vector<unsigned char> row(std::size_t(TIFFScanlineSize(tif.get())));
    if (planar == PLANARCONFIG_SEPARATE) {
        for (int c = 0; c < channels; ++c)
            for (std::uint32_t y = 0; y < h; ++y) {
                if (TIFFReadScanline(tif.get(), row.data(), y, std::uint16_t(c)) < 0)
                    throw UserError(path + ": unreadable TIFF row " + std::to_string(y));
                std::memcpy(frame.plane(c).row(int(y)), row.data(), std::size_t(w) * bps);
            }
        return frame;
    }
    for (std::uint32_t y = 0; y < h; ++y) {
        if (TIFFReadScanline(tif.get(), row.data(), y, 0) < 0)
            throw UserError(path + ": unreadable TIFF row " + std::to_string(y));
        for (int c = 0; c < channels; ++c) {
            std::byte* out = frame.plane(c).row(int(y));
            for (std::uint32_t x = 0; x < w; ++x)
                std::memcpy(out + x * bps, &row[(std::size_t(x) * spp + c) * bps], bps);
        }
    }
    return frame;
}

void write_tiff(std::ostream& out, const std::string& path, const Frame& frame) {
    const VideoFormat& f = frame.format();
    bool ok = f.family != ColorFamily::YUV &&
              ((!f.is_float() && (f.bits == 8 || f.bits == 16)) || (f.is_float() && f.bits == 32));
    if (!ok) throw UserError(path + ": TIFF holds gray/RGB 8/16-bit or float32, not " + f.name());
    TiffHandle tif(TIFFStreamOpen(path.c_str(), &out));
    if (!tif) throw IoError(path + ": cannot write TIFF");
    int channels = f.planes();
    TIFFSetField(tif.get(), TIFFTAG_IMAGEWIDTH, std::uint32_t(frame.width()));
    TIFFSetField(tif.get(), TIFFTAG_IMAGELENGTH, std::uint32_t(frame.height()));
    TIFFSetField(tif.get(), TIFFTAG_BITSPERSAMPLE, std::uint16_t(f.bits));
    TIFFSetField(tif.get(), TIFFTAG_SAMPLESPERPIXEL, std::uint16_t(channels));
    TIFFSetField(tif.get(), TIFFTAG_SAMPLEFORMAT, std::uint16_t(f.is_float() ? SAMPLEFORMAT_IEEEFP : SAMPLEFORMAT_UINT));
    TIFFSetField(tif.get(), TIFFTAG_PHOTOMETRIC, std::uint16_t(channels == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK));
    TIFFSetField(tif.get(), TIFFTAG_PLANARCONFIG, std::uint16_t(PLANARCONFIG_SEPARATE));
    TIFFSetField(tif.get(), TIFFTAG_COMPRESSION, std::uint16_t(COMPRESSION_NONE));
    TIFFSetField(tif.get(), TIFFTAG_ROWSPERSTRIP, std::uint32_t(1));
    for (int c = 0; c < channels; ++c)
        for (int y = 0; y < frame.height(); ++y) {
            std::vector<std::byte> row(frame.plane(c).row(y), frame.plane(c).row(y) + frame.plane(c).row_bytes());
            if (TIFFWriteScanline(tif.get(), row.data(), std::uint32_t(y), std::uint16_t(c)) < 0)
                throw IoError(path + ": cannot write TIFF row");
        }
    tif.reset();
    if (!out) throw IoError(path + ": write failed");
}

}  // namespace rigor::pixel
