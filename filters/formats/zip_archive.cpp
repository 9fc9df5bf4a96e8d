#include "filters/formats/zip_archive.hpp"

#include <cstdint>
#include <iterator>
#include <map>
#include <zlib.h>

#include "filters/base/error.hpp"

namespace rigor::formats {

namespace {

void put16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xffff);
    put16(s, v >> 16);
}

std::uint32_t crc(const std::string& data) {
    return static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

std::string deflate_raw(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw UserError("zlib: cannot start deflate");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw UserError("zlib: deflate failed");
    return out;
}

std::string inflate_raw(const std::string& data, std::size_t size, const std::string& where) {
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) throw UserError(where + ": zlib: cannot start inflate");
    std::string out(size, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const auto produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != size) throw UserError(where + ": corrupt deflated data");
    return out;
}

struct Reader {
    const std::string& bytes;
    const std::string& source;
    [[noreturn]] void fail(const std::string& what) const {
        throw UserError(source + ": not a readable zip archive (" + what + ")");
    }
    std::uint32_t u16(std::size_t at) const {
        if (at + 2 > bytes.size()) fail("truncated");
        return static_cast<std::uint8_t>(bytes[at]) | static_cast<std::uint8_t>(bytes[at + 1]) << 8;
    }
    std::uint32_t u32(std::size_t at) const { return u16(at) | u16(at + 2) << 16; }
};

}  // namespace

std::string write_zip(const std::vector<ZipMember>& members) {
    std::string out, directory;
    for (const ZipMember& m : members) {
        if (m.data.size() > 0xffffffffu / 2 || out.size() > 0xffffffffu / 2)
            throw UserError("zip member '" + m.name + "' too large (no ZIP64)");
        const std::string packed = deflate_raw(m.data);
        const std::uint32_t c = crc(m.data), offset = static_cast<std::uint32_t>(out.size());
        // Fixed date 1980-01-01 00:00: the archive depends on its contents only.
        const auto header = [&](std::string& s, bool central) {
            put32(s, central ? 0x02014b50 : 0x04034b50);
            if (central) put16(s, 20);  // made by: version 2.0
            put16(s, 20);               // needed: 2.0 (deflate)
            put16(s, 0x0800);           // flags: UTF-8 names
            put16(s, 8);                // deflate
            put16(s, 0);                // time
            put16(s, 0x21);             // date 1980-01-01
            put32(s, c);
            put32(s, static_cast<std::uint32_t>(packed.size()));
            put32(s, static_cast<std::uint32_t>(m.data.size()));
            put16(s, static_cast<unsigned>(m.name.size()));
            put16(s, 0);  // extra
            if (central) {
                put16(s, 0);  // comment
                put16(s, 0);  // disk
                put16(s, 0);  // internal attributes
                put32(s, 0);  // external attributes
                put32(s, offset);
            }
            s += m.name;
        };
        header(out, false);
        out += packed;
        header(directory, true);
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<unsigned>(members.size()));
    put16(out, static_cast<unsigned>(members.size()));
    put32(out, static_cast<std::uint32_t>(directory.size()));
    put32(out, directory_offset);
    put16(out, 0);
    return out;
}

std::vector<ZipMember> read_zip(const std::string& bytes, const std::string& source) {
    const Reader r{bytes, source};
    if (bytes.size() < 22) r.fail("too short");
    // The end record: the last signature within the final 64 KiB + 22 bytes (comment).
    std::size_t end = std::string::npos;
    for (std::size_t at = bytes.size() - 22;; --at) {
        if (r.u32(at) == 0x06054b50) {
            end = at;
            break;
        }
        if (at == 0 || bytes.size() - at > 65535 + 22) break;
    }
    if (end == std::string::npos) r.fail("no end of central directory");
    const std::uint32_t count = r.u16(end + 10);
    std::size_t at = r.u32(end + 16);
    std::vector<ZipMember> out;
    std::map<std::size_t, std::size_t> regions;  // each member's bytes: local header → end of data
    for (std::uint32_t i = 0; i < count; ++i) {
        if (r.u32(at) != 0x02014b50) r.fail("bad central directory entry");
        const std::uint32_t flags = r.u16(at + 8), method = r.u16(at + 10), c = r.u32(at + 16);
        const std::size_t packed = r.u32(at + 20), size = r.u32(at + 24);
        const std::size_t name_length = r.u16(at + 28), extra = r.u16(at + 30), comment = r.u16(at + 32);
        const std::size_t local = r.u32(at + 42);
        if (at + 46 + name_length > bytes.size()) r.fail("truncated");
        ZipMember m{bytes.substr(at + 46, name_length), {}};
        at += 46 + name_length + extra + comment;
        if (flags & 1) r.fail("'" + m.name + "' is encrypted");
        if (r.u32(local) != 0x04034b50) r.fail("bad local header of '" + m.name + "'");
        const std::size_t data = local + 30 + r.u16(local + 26) + r.u16(local + 28);
        if (data + packed > bytes.size()) r.fail("'" + m.name + "' truncated");
        // A hostile archive can make a few bytes claim gigabytes (zip bombs): deflate
        // expands at most 1032:1 (a 258-byte match in 2 bits, RFC 1951 3.2.5), and no
        // two members may share bytes, so what is read never exceeds 1032 times the file.
        if (size > (std::size_t{1} << 31)) r.fail("'" + m.name + "' too large");
        if ((method == 0 && size != packed) || (method == 8 && size / 1032 > packed + 1))
            r.fail("'" + m.name + "' claims " + std::to_string(size) + " bytes from " + std::to_string(packed) +
                   " stored ones");
        const auto next = regions.lower_bound(local);
        if ((next != regions.end() && next->first < data + packed) ||
            (next != regions.begin() && std::prev(next)->second > local))
            r.fail("'" + m.name + "' overlaps another member");
        regions.emplace(local, data + packed);
        const std::string raw = bytes.substr(data, packed);
        if (method == 0) m.data = raw;
        else if (method == 8) m.data = inflate_raw(raw, size, source + ": " + m.name);
        else r.fail("'" + m.name + "' uses compression method " + std::to_string(method));
        if (m.data.size() != size || crc(m.data) != c) r.fail("CRC mismatch in '" + m.name + "'");
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace rigor::formats
