// An interrupted `rigor expr` leaves no output (issue 7): the run reads frames from a
// pipe we control, so it is certainly midway when the signal arrives.  SIGTERM/SIGINT
// remove the temporary too (filters/base/output_file.cpp's handler); after SIGKILL the temporary
// "<out>.tmp-<pid>-<n>" may stay, but the output itself never appears.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
    pid_t pid;
    int feed;  // write end of the child's stdin
};

Run start_expr(const fs::path& out) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(fds[0], 0);
        ::close(fds[0]);
        ::close(fds[1]);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 2);
        const std::string bin = std::string(RIGOR_BIN_DIR) + "/rigor";
        ::execl(bin.c_str(), bin.c_str(), "expr", "-e", "x 1 +", "-o", out.c_str(), "-", nullptr);
        ::_exit(127);
    }
    ::close(fds[0]);
    ::signal(SIGPIPE, SIG_IGN);
    return {pid, fds[1]};
}

void feed(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) return;
        done += std::size_t(n);
    }
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
    return out;
}

// Starts a run, gives it a header and frames until its temporary output has data, then
// sends `signal_number`; returns the files left in the folder.
std::vector<fs::path> interrupted_run(int signal_number) {
    const fs::path dir = fs::temp_directory_path() / ("rigor-interrupt-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(signal_number));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path out = dir / "out.y4m";
    Run run = start_expr(out);
    const int w = 256, h = 128;
    feed(run.feed, "YUV4MPEG2 W256 H128 F25:1 Ip A1:1 Cmono\n");
    const std::string frame = "FRAME\n" + std::string(std::size_t(w * h), '\x10');
    bool writing = false;
    for (int i = 0; i < 400 && !writing; ++i) {
        feed(run.feed, frame);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        for (const fs::path& f : files_in(dir))
            if (f.string().starts_with("out.y4m.tmp-") && fs::file_size(dir / f) > 0) writing = true;
    }
    CHECK(writing);  // midway: a temporary with data exists, the stream is not finished
    ::kill(run.pid, signal_number);
    int status = 0;
    ::waitpid(run.pid, &status, 0);
    ::close(run.feed);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    std::vector<fs::path> left = files_in(dir);
    fs::remove_all(dir);
    return left;
}

}  // namespace

TEST_CASE("rigor expr stopped by SIGTERM or SIGINT leaves no output and no temporary") {
    CHECK(interrupted_run(SIGTERM).empty());
    CHECK(interrupted_run(SIGINT).empty());
}

TEST_CASE("rigor expr killed by SIGKILL never leaves the output, at most its named temporary") {
    for (const fs::path& f : interrupted_run(SIGKILL)) CHECK(f.string().starts_with("out.y4m.tmp-"));
}
