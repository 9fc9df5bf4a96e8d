// A minimal ZIP archive (PKWARE APPNOTE 6.3): local file headers, data, central
// directory, end record; no ZIP64, no encryption.  Writing deflates each member with
// zlib (raw deflate, method 8); reading accepts stored (0) and deflated (8) members and
// checks each CRC-32 — enough for the reference's bundles (Python zipfile, ZIP_DEFLATED).
#pragma once
#include <string>
#include <vector>

namespace rigor::formats {

struct ZipMember {
    std::string name;
    std::string data;
};

std::string write_zip(const std::vector<ZipMember>& members);
// Throws rigor::UserError (naming `source`) for anything that is not such an archive.
std::vector<ZipMember> read_zip(const std::string& bytes, const std::string& source);

}  // namespace rigor::formats
