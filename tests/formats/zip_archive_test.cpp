// The zip archive: round trip, corruption detected, stored members read.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "filters/base/error.hpp"
#include "filters/formats/zip_archive.hpp"

using rigor::formats::read_zip;
using rigor::formats::write_zip;
using rigor::formats::ZipMember;

namespace {

void put(std::string& s, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}

// A one-member archive with the member stored (method 0), laid out by hand from
// APPNOTE 4.3.7 / 4.3.12 / 4.3.16, as other zip writers produce for small files.
std::string stored_zip(const std::string& name, const std::string& data, std::uint32_t crc) {
    std::string z;
    put(z, 0x04034b50, 4);
    put(z, 10, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2);
    put(z, crc, 4), put(z, data.size(), 4), put(z, data.size(), 4);
    put(z, name.size(), 2), put(z, 0, 2);
    z += name + data;
    const auto directory = z.size();
    put(z, 0x02014b50, 4);
    put(z, 20, 2), put(z, 10, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2);
    put(z, crc, 4), put(z, data.size(), 4), put(z, data.size(), 4);
    put(z, name.size(), 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 2), put(z, 0, 4), put(z, 0, 4);
    z += name;
    const auto directory_size = z.size() - directory;
    put(z, 0x06054b50, 4);
    put(z, 0, 2), put(z, 0, 2), put(z, 1, 2), put(z, 1, 2);
    put(z, directory_size, 4), put(z, directory, 4), put(z, 0, 2);
    return z;
}

}  // namespace

TEST_CASE("zip: write then read gives the members back", "[formats][zip]") {
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    std::string noise(100000, '\0'), text;
    for (char& c : noise) c = static_cast<char>(random());
    for (int i = 0; i < 5000; ++i) text += "{\"x\": " + std::to_string(random() % 100) + "}, ";
    const std::vector<ZipMember> members = {{"empty.json", ""}, {"noise.bin", noise}, {"text.json", text}};
    const std::string zip = write_zip(members);
    CHECK(zip.size() < noise.size() + text.size() / 4);  // the text really was deflated
    const auto back = read_zip(zip, "t.zip");
    REQUIRE(back.size() == members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
        CHECK(back[i].name == members[i].name);
        CHECK(back[i].data == members[i].data);
    }
}

TEST_CASE("zip: corruption, truncation and non-zips are refused, stored members read", "[formats][zip]") {
    const std::string data = "{\"wavelet_index\": 1}";
    // CRC-32 of `data` (zlib's crc32, the one ZIP uses), checked through a stored member.
    const std::string good = stored_zip("a.json", data, 0);
    CHECK_THROWS_WITH(read_zip(good, "s.zip"), Catch::Contains("CRC mismatch"));
    const std::string written = write_zip({{"a.json", data}});
    // The CRC sits at offset 14 of the local header, as written by write_zip.
    std::uint32_t crc = 0;
    for (int i = 0; i < 4; ++i) crc |= std::uint32_t(static_cast<unsigned char>(written[14 + i])) << (8 * i);
    const auto stored = read_zip(stored_zip("a.json", data, crc), "s.zip");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].name == "a.json");
    CHECK(stored[0].data == data);

    // A wrong CRC in the central directory of a deflated member.
    std::string bad_crc = written;
    const auto directory = bad_crc.find("PK\x01\x02");
    REQUIRE(directory != std::string::npos);
    bad_crc[directory + 16] ^= 0x5a;
    CHECK_THROWS_WITH(read_zip(bad_crc, "c.zip"), Catch::Contains("CRC mismatch") && Catch::Contains("c.zip"));
    // Flipped compressed bytes: corrupt deflate data or a CRC mismatch, never silence.
    std::string flipped = written;
    flipped[30 + 6 + 2] ^= 0xff;
    CHECK_THROWS_AS(read_zip(flipped, "f.zip"), rigor::UserError);
    // Truncated anywhere: no end record, or a member running past the end.
    for (std::size_t keep : {std::size_t{0}, std::size_t{10}, written.size() / 2, written.size() - 1})
        CHECK_THROWS_AS(read_zip(written.substr(0, keep), "t.zip"), rigor::UserError);
    // The end record kept but the member data cut short.
    const auto end = written.find("PK\x05\x06");
    std::string cut = written.substr(0, 40) + written.substr(end);
    CHECK_THROWS_AS(read_zip(cut, "t.zip"), rigor::UserError);
    CHECK_THROWS_WITH(read_zip(std::string(200, 'x'), "x.zip"), Catch::Contains("x.zip"));
}

TEST_CASE("zip: a few bytes never claim gigabytes (found by fuzz_bundle)", "[formats][zip]") {
    const std::string data(4000, 'a');
    const std::string written = write_zip({{"a.json", data}});
    const auto directory = written.find("PK\x01\x02");
    REQUIRE(directory != std::string::npos);
    // The central directory's uncompressed size (offset 24) raised to 1 GiB: more than
    // deflate can produce from the stored bytes, refused before anything is allocated.
    std::string bomb = written;
    for (int i = 0; i < 4; ++i) bomb[directory + 24 + i] = static_cast<char>(((1u << 30) >> (8 * i)) & 0xff);
    CHECK_THROWS_WITH(read_zip(bomb, "b.zip"), Catch::Contains("'a.json' claims 1073741824 bytes"));

    // Two directory entries naming the same member bytes (the overlapping-member bomb,
    // which multiplies one member's expansion by the entry count).
    const auto end = written.find("PK\x05\x06");
    std::string entry = written.substr(directory, end - directory);
    std::string twice = written.substr(0, end) + entry;
    const std::string tail = written.substr(end);
    std::string record = tail;
    record[8] = record[10] = 2;  // two entries on this disk and in total
    const std::uint32_t directory_size = static_cast<std::uint32_t>(2 * entry.size());
    for (int i = 0; i < 4; ++i) record[12 + i] = static_cast<char>((directory_size >> (8 * i)) & 0xff);
    twice += record;
    CHECK_THROWS_WITH(read_zip(twice, "o.zip"), Catch::Contains("overlaps another member"));
    REQUIRE(read_zip(written, "w.zip").size() == 1);
}
