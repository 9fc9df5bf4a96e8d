// Planes and frames: owned, 64-byte aligned rows of native samples (see format.hpp),
// plus the frame properties a filter may read (`x.Name` in Expr).
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "pixel/io/format.hpp"

namespace rigor::pixel {

// One plane of samples.  Rows start on 64-byte boundaries; stride() is in bytes.
// Copying copies the samples.
class Plane {
public:
    Plane() = default;
    Plane(int width, int height, int bytes_per_sample);  // zero-filled
    Plane(const Plane& other);
    Plane& operator=(const Plane& other);
    Plane(Plane&&) noexcept = default;
    Plane& operator=(Plane&&) noexcept = default;

    int width() const { return width_; }
    int height() const { return height_; }
    int bytes_per_sample() const { return bytes_per_sample_; }
    std::ptrdiff_t stride() const { return stride_; }
    std::size_t row_bytes() const { return std::size_t(width_) * std::size_t(bytes_per_sample_); }

    std::byte* row(int y) { return data_.get() + std::ptrdiff_t(y) * stride_; }
    const std::byte* row(int y) const { return data_.get() + std::ptrdiff_t(y) * stride_; }
    template <class T> T* row_as(int y) { return reinterpret_cast<T*>(row(y)); }
    template <class T> const T* row_as(int y) const { return reinterpret_cast<const T*>(row(y)); }

private:
    struct AlignedDelete {
        void operator()(std::byte* p) const noexcept;
    };
    int width_ = 0, height_ = 0, bytes_per_sample_ = 1;
    std::ptrdiff_t stride_ = 0;
    std::unique_ptr<std::byte[], AlignedDelete> data_;
};

// Frame properties by name (numbers only; what Expr's `x.Name` reads).
using FrameProperties = std::map<std::string, double, std::less<>>;

// A frame: its format, its size (of plane 0) and 1 or 3 planes.
// Bytes of memory this machine has (frames larger than that are refused before any
// allocation, whatever a file's header claims).
std::size_t physical_memory();

class Frame {
public:
    Frame() = default;
    // Throws rigor::UserError when width/height are not positive or too large.
    Frame(const VideoFormat& format, int width, int height);

    const VideoFormat& format() const { return format_; }
    int width() const { return width_; }
    int height() const { return height_; }
    int planes() const { return format_.planes(); }
    Plane& plane(int p) { return planes_[p]; }
    const Plane& plane(int p) const { return planes_[p]; }

    FrameProperties& properties() { return properties_; }
    const FrameProperties& properties() const { return properties_; }

private:
    VideoFormat format_;
    int width_ = 0, height_ = 0;
    Plane planes_[3];
    FrameProperties properties_;
};

}  // namespace rigor::pixel
