// The commands end to end through the rigor binary: results, errors (exit 1, nothing
// written), and regress-model's JSON.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pixel/io/picture.hpp"
#include "pixel/regress/plane_files.hpp"
#include "pixel/regress/regression.hpp"
#include "planes.hpp"

using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;
namespace fs = std::filesystem;

namespace {

const std::string kRigor = std::string(RIGOR_BIN_DIR) + "/rigor";

int run(const std::string& args) { return WEXITSTATUS(std::system((kRigor + " " + args + " 2>/dev/null").c_str())); }

void write_pfm(const fs::path& path, const Plane& p) {
    rigor::pixel::Frame f({rigor::pixel::ColorFamily::Gray, rigor::pixel::SampleType::Float, 32, 0, 0}, p.width(),
                          p.height());
    f.plane(0) = p;
    std::ofstream out(path, std::ios::binary);
    rigor::pixel::write_picture(out, path.string(), f);
}

Plane read_plane(const fs::path& path) { return *PlaneSource(path.string()).next(); }

}  // namespace

TEST_CASE("rigor regress + reconstruct reproduce y = 0.3x - 0.1 from pictures", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    const fs::path dir = fs::temp_directory_path() / ("rigor_regress_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const Plane x = random_plane(40, 30, 5, 0.0, 1.0);
    const Plane y = plane_from(40, 30, [&](int i, int j) { return 0.3 * at(x, i, j) - 0.1; });
    write_pfm(dir / "x.pfm", x);
    write_pfm(dir / "y.pfm", y);
    const std::string d = dir.string() + "/";
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --radius 2 --intercept 1 --slope " + d +
              "a.pfm --correlation " + d + "c.pfm --intercept-out " + d + "b.pfm") == 0);
    CHECK(run("reconstruct --x " + d + "x.pfm --slope " + d + "a.pfm --correlation " + d + "c.pfm --intercept-in " +
              d + "b.pfm -o " + d + "out.pfm") == 0);
    const Plane out = read_plane(dir / "out.pfm"), a = read_plane(dir / "a.pfm");
    for (int j = 0; j < 30; ++j)
        for (int i = 0; i < 40; ++i) {
            CHECK(at(a, i, j) == Approx(0.3).margin(1e-3));
            CHECK(at(out, i, j) == Approx(at(y, i, j)).margin(1e-4));
        }
    // Another mean and border: the command's planes are the library's regression().
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --radius 2 --mean lehmer:2 --border vszip --slope " + d +
              "a2.pfm --correlation " + d + "c2.pfm") == 0);
    {
        rigor::regress::RegressParams p;
        p.radius = 2;
        p.mean = rigor::regress::parse_mean_mode("lehmer:2");
        p.border = rigor::regress::BorderMode::vszip;
        const auto want = rigor::pixel::regress::regression(x, y, p, 1);
        const Plane got = read_plane(dir / "a2.pfm");
        for (int j = 0; j < 30; ++j)
            for (int i = 0; i < 40; ++i) CHECK(at(got, i, j) == at(want.slope, i, j));
    }
    CHECK(run("reconstruct --x " + d + "x.pfm --slope " + d + "a2.pfm --correlation " + d + "c2.pfm --mean median -o " +
              d + "out2.pfm") == 0);
    // The default border is vszip's mapping: no --border gives the library's vszip planes
    // bit for bit, and --border mirror gives other planes (regress and reconstruct both).
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --slope " + d + "a3.pfm --correlation " + d +
              "c3.pfm") == 0);
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --border mirror --slope " + d + "a4.pfm --correlation " +
              d + "c4.pfm") == 0);
    CHECK(run("reconstruct --x " + d + "x.pfm --slope " + d + "a3.pfm --correlation " + d + "c3.pfm -o " + d +
              "out3.pfm") == 0);
    CHECK(run("reconstruct --x " + d + "x.pfm --slope " + d + "a3.pfm --correlation " + d + "c3.pfm --border mirror -o " +
              d + "out4.pfm") == 0);
    {
        rigor::regress::RegressParams p;
        p.border = rigor::regress::BorderMode::vszip;
        const auto want = rigor::pixel::regress::regression(x, y, p, 1);
        rigor::regress::ReconstructParams rp;
        rp.border = rigor::regress::BorderMode::vszip;
        const Plane want_out = reconstruction(x, want.slope, want.correlation, nullptr, rp, 1);
        const Plane a3 = read_plane(dir / "a3.pfm"), c3 = read_plane(dir / "c3.pfm"), a4 = read_plane(dir / "a4.pfm");
        const Plane out3 = read_plane(dir / "out3.pfm"), out4 = read_plane(dir / "out4.pfm");
        int slope_differs = 0, out_differs = 0;
        for (int j = 0; j < 30; ++j)
            for (int i = 0; i < 40; ++i) {
                REQUIRE(at(a3, i, j) == at(want.slope, i, j));
                REQUIRE(at(c3, i, j) == at(want.correlation, i, j));
                REQUIRE(at(out3, i, j) == at(want_out, i, j));
                slope_differs += at(a4, i, j) != at(a3, i, j);
                out_differs += at(out4, i, j) != at(out3, i, j);
            }
        CHECK(slope_differs > 0);
        CHECK(out_differs > 0);
    }
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --mean mode --slope " + d + "e1.pfm --correlation " + d +
              "e2.pfm") == 1);
    // Bad input: exit 1 and no output left behind.
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --radius 0 --slope " + d + "e1.pfm --correlation " + d +
              "e2.pfm") == 1);
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --alpha 1.5 --slope " + d + "e1.pfm --correlation " + d +
              "e2.pfm") == 1);
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "y.pfm --weight-method median --slope " + d +
              "e1.pfm --correlation " + d + "e2.pfm") == 1);
    write_pfm(dir / "small.pfm", random_plane(20, 30, 6, 0, 1));
    CHECK(run("regress --x " + d + "x.pfm --y " + d + "small.pfm --slope " + d + "e1.pfm --correlation " + d +
              "e2.pfm") == 1);
    CHECK(run("chroma-reconstruct -i " + d + "none.y4m --recipe " + std::string(RIGOR_DATA_DIR) +
              "/regress/sirius-720p-point-chroma.json --descale sinc 1280x720 -o " + d + "e3.y4m") == 2);
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().rfind("e", 0) != 0);
    fs::remove_all(dir);
}

TEST_CASE("rigor regress-model --json lists the reference's Expr strings and ranges", "[cli]") {
    REQUIRE(fs::exists(kRigor));
    const fs::path out = fs::temp_directory_path() / ("rigor_regress_model_" + std::to_string(::getpid()) + ".json");
    REQUIRE(run("regress-model --radius 1 --alpha 0.2 --json -o " + out.string()) == 0);
    std::ifstream in(out);
    const auto doc = nlohmann::json::parse(in);
    CHECK(doc["weight"].get<double>() == 0.5284113412690119);
    bool found = false;
    for (const auto& s : doc["regression_steps"])
        if (s["name"] == "slope") found = s["expr"] == "src0 src1 1e-07 + /";
    CHECK(found);
    for (const auto& r : doc["ranges"])
        if (r["name"] == "var_x") CHECK(r["hi_approx"].get<double>() == Approx(20.0 / 81));
    fs::remove(out);
}
