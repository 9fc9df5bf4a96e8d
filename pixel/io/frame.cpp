#include "pixel/io/frame.hpp"

#include <unistd.h>

#include <cstring>
#include <new>

#include "filters/base/error.hpp"

namespace rigor::pixel {

namespace {
constexpr std::size_t kAlign = 64;
}

void Plane::AlignedDelete::operator()(std::byte* p) const noexcept {
    ::operator delete[](p, std::align_val_t(kAlign));
}

Plane::Plane(int width, int height, int bytes_per_sample)
    : width_(width), height_(height), bytes_per_sample_(bytes_per_sample) {
    if (width <= 0 || height <= 0) throw UserError("plane size must be positive");
    // Pad each row to whole 64-byte lines, plus one line so vector loads past the end of
    // the last row stay inside the allocation.
    stride_ = std::ptrdiff_t((row_bytes() + kAlign - 1) / kAlign * kAlign);
    std::size_t bytes = std::size_t(stride_) * std::size_t(height) + kAlign;
    data_.reset(static_cast<std::byte*>(::operator new[](bytes, std::align_val_t(kAlign))));
    std::memset(data_.get(), 0, bytes);
}

Plane::Plane(const Plane& other) : Plane() { *this = other; }

Plane& Plane::operator=(const Plane& other) {
    if (this == &other) return *this;
    if (!other.data_) {
        *this = Plane();
        return *this;
    }
    Plane copy(other.width_, other.height_, other.bytes_per_sample_);
    std::memcpy(copy.data_.get(), other.data_.get(), std::size_t(other.stride_) * std::size_t(other.height_));
    return *this = std::move(copy);
}

std::size_t physical_memory() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return std::size_t(-1);
    return std::size_t(pages) * std::size_t(page);
}

Frame::Frame(const VideoFormat& format, int width, int height)
    : format_(format), width_(width), height_(height) {
    const std::size_t bytes = packed_frame_bytes(format, width, height);
    if (bytes == 0)
        throw UserError("frame size " + std::to_string(width) + "x" + std::to_string(height) + " is not possible");
    if (bytes > physical_memory())
        throw UserError("frame " + std::to_string(width) + "x" + std::to_string(height) + " " + format.name() +
                        " is larger than this machine's memory");
    for (int p = 0; p < format.planes(); ++p)
        planes_[p] = Plane(plane_width(format, p, width), plane_height(format, p, height), format.bytes_per_sample());
}

}  // namespace rigor::pixel
