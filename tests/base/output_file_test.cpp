// OutputFile writes every kind of path without destroying it (issue 16): regular files
// atomically (keeping their permissions, following links), devices and FIFOs in place,
// never replaced or unlinked, also when the work fails; folders refused.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "tests/support/cli_scratch.hpp"

using namespace rigor;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
bool is_char_device(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}
bool is_fifo(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
}
std::string read_all(int fd) {
    std::string data;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) data.append(buffer, std::size_t(n));
    return data;
}
}  // namespace

TEST_CASE("A regular file is replaced atomically, keeping its permissions, a link is followed", "[output]") {
    test::ScratchDir d;
    const std::string path = d / "out.txt";
    { std::ofstream(path) << "old"; }
    ::chmod(path.c_str(), 0640);
    {
        OutputFile out(path);
        CHECK(out.kind() == OutputFile::Kind::Replace);
        CHECK(out.seekable());
        out.stream() << "new";
        CHECK(test::slurp(path) == "old");  // the old contents until commit
        out.commit();
    }
    CHECK(test::slurp(path) == "new");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    {
        OutputFile out(path);
        out.stream() << "never committed";
    }
    CHECK(test::slurp(path) == "new");
    CHECK(d.entries() == 1);  // no temporary left

    fs::create_symlink("out.txt", d.path / "link.txt");
    write_text_file(d / "link.txt", "through the link");
    CHECK(fs::is_symlink(d.path / "link.txt"));
    CHECK(test::slurp(path) == "through the link");
    CHECK(d.entries() == 2);
}

TEST_CASE("A folder is refused with the one wording", "[output]") {
    test::ScratchDir d;
    try {
        OutputFile out(d.path.string());
        FAIL("no error");
    } catch (const IoError& e) {
        CHECK_THAT(e.what(), Contains("cannot write '" + d.path.string() + "': it is a folder"));
    }
    CHECK_THROWS_WITH(OutputFile(d / "absent/out.txt"), Contains("cannot write '" + (d / "absent/out.txt") + "': "));
}

TEST_CASE("A device node survives writing, failing and committing", "[output]") {
    test::ScratchDir d;
    const std::string node = d / "null";
    if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
        WARN("mknod needs root: the device-node case is skipped");
        return;
    }
    {
        OutputFile out(node);
        CHECK(out.kind() == OutputFile::Kind::Direct);
        CHECK_FALSE(out.seekable());
        out.stream() << std::string(200000, 'x');
        out.commit();
    }
    CHECK(is_char_device(node));
    {
        OutputFile out(node);
        out.stream() << "failed midway";
    }  // no commit: a device is never unlinked
    CHECK(is_char_device(node));
    CHECK(d.entries() == 1);
}

TEST_CASE("A FIFO is written in place and its reader gets every byte", "[output]") {
    test::ScratchDir d;
    const std::string fifo = d / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto reader = std::async(std::launch::async, [&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        std::string data = read_all(fd);
        ::close(fd);
        return data;
    });
    const std::string payload(300000, 'y');
    {
        OutputFile out(fifo);
        CHECK(out.kind() == OutputFile::Kind::Direct);
        out.stream() << payload;
        out.commit();
    }
    CHECK(reader.get() == payload);
    CHECK(is_fifo(fifo));
    CHECK(d.entries() == 1);
}

TEST_CASE("/dev/fd/N writes to that descriptor at its position", "[output]") {
    test::ScratchDir d;
    const std::string path = d / "log.txt";
    { std::ofstream(path) << "kept\n"; }
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
    REQUIRE(fd >= 0);
    write_text_file("/dev/fd/" + std::to_string(fd), "appended\n");
    ::close(fd);
    CHECK(test::slurp(path) == "kept\nappended\n");
    CHECK_THROWS_AS(OutputFile("/dev/fd/987"), IoError);  // not open
}
