// Pictures (PNG, TIFF, y4m frames) as the signed samples the integer VC-2 transform
// works on, and back.
//
// SMPTE ST 2042-1 15.5: a decoder clips each synthesised sample to the signed range of
// the picture depth B, [-2^(B-1), 2^(B-1) - 1] (clip_picture), then adds 2^(B-1)
// (offset_picture) to get the code value 0 … 2^B - 1.  An encoder does the inverse:
// sample = code value - 2^(B-1).  B is the file's own depth (8/16 for PNG and TIFF,
// 8 … 16 for y4m); chroma planes of a subsampled y4m keep their own (smaller) size.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "filters/vc2/sample_array.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::pixel::vc2 {

// Plane `plane` of an integer frame as signed samples (code value - 2^(bits-1)).
// Throws rigor::UserError naming `where` for a float frame or a plane it does not have.
rigor::vc2::SampleArray signed_samples(const pixel::Frame& frame, int plane, const std::string& where);

// A gray frame of depth `bits` (8 … 16): each sample plus 2^(bits-1), clamped to
// 0 … 2^bits - 1 (15.5's clip then offset); `clamped` counts the samples that were out
// of range.  Throws rigor::UserError for a depth outside 8 … 16.
struct OffsetPicture {
    pixel::Frame frame;
    long clamped = 0;
};
OffsetPicture offset_picture(const rigor::vc2::SampleArray& samples, int bits);

// Whether `path` names a file read_signed_picture / write_signed_picture take (by
// extension: .png .tif .tiff .pfm .y4m, case-insensitive; .pfm only to be refused).
bool is_picture_or_y4m_path(std::string_view path);

// Plane `plane` of frame `frame_index` (0-based; a picture file has only frame 0) of a
// PNG, TIFF or y4m file, with its depth.  Throws rigor::UserError naming the file for a
// float picture (PFM, float TIFF or y4m), a missing plane or frame; rigor::IoError when
// the file cannot be read.
struct SignedPicture {
    rigor::vc2::SampleArray samples;
    int bits = 0;
};
SignedPicture read_signed_picture(const std::string& path, int plane, long frame_index);

// Encodes signed samples as the picture file `name` names (by extension) into `out`:
// .png/.tif/.tiff gray of 8 or 16 bits, .y4m a one-frame gray stream (mono, mono10, …)
// of 8 … 16 bits.  Returns the number of clamped samples.  Throws rigor::UserError for a
// depth the format cannot hold or a name that is not one of those formats.
long write_signed_picture(std::ostream& out, const std::string& name, const rigor::vc2::SampleArray& samples, int bits);

}  // namespace rigor::pixel::vc2
