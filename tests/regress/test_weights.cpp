// The reliability weights against the spec's 50-digit tables (rounded to double).
#include <catch2/catch.hpp>
#include <cmath>

#include "filters/base/error.hpp"
#include "filters/regress/weights.hpp"

using namespace rigor::regress;

namespace {
const double kAlphas[4] = {0.05, 0.1, 0.2, 0.5};
const double kThreshold[6][4] = {
    {0.33361639466369081, 0.41779440343883995, 0.5284113412690119, 0.74042674824356502},
    {0.60393027065302785, 0.66347648557203553, 0.73473014512262302, 0.85854071685270072},
    {0.71842997124457253, 0.76226615557181154, 0.81371966492140091, 0.90133272744035287},
    {0.7814695326967992, 0.81594276358577167, 0.85611123021141311, 0.92398373130422018},
    {0.82140289471114114, 0.84975838081933486, 0.88268031717934592, 0.9380990573028215},
    {0.84897856603356303, 0.87304307007439996, 0.90092653390740562, 0.94776392753087735}};
const double kFisher[6][4] = {
    {0.38457043541372837, 0.426800080951663, 0.48866720366437288, 0.64486233426376771},
    {0.54474198795089435, 0.58776233796842281, 0.64664004193877356, 0.77663665942208793},
    {0.63372888351356327, 0.67338213943363234, 0.7257373628632896, 0.83410058329145975},
    {0.69259538719329949, 0.72860488339589768, 0.77506505284572091, 0.8674969155679616},
    {0.73483019166531172, 0.76755272195581292, 0.80909240663802695, 0.88953439133090417},
    {0.7667268661231873, 0.79660277501516097, 0.83407330630611287, 0.9052222239724611}};
}  // namespace

TEST_CASE("threshold and fisher weights equal the spec tables to 1e-15", "[weights]") {
    for (int r = 1; r <= 6; ++r)
        for (int a = 0; a < 4; ++a) {
            const double t = reliability_weight(r, kAlphas[a], WeightMethod::threshold);
            const double f = reliability_weight(r, kAlphas[a], WeightMethod::fisher);
            INFO("r = " << r << ", alpha = " << kAlphas[a] << ": threshold " << t << " vs " << kThreshold[r - 1][a]
                        << ", fisher " << f << " vs " << kFisher[r - 1][a]);
            CHECK(std::abs(t - kThreshold[r - 1][a]) <= 1e-15);
            CHECK(std::abs(f - kFisher[r - 1][a]) <= 1e-15);
        }
}

TEST_CASE("alpha 1 gives w = 1, n <= 3 gives 0, bad alpha is refused", "[weights]") {
    CHECK(reliability_weight(1, 1.0, WeightMethod::threshold) == 1.0);
    CHECK(reliability_weight(3, 1.0, WeightMethod::fisher) == 1.0);
    CHECK(reliability_weight(0, 0.2, WeightMethod::threshold) == 0.0);
    CHECK_THROWS_AS(reliability_weight(1, 0.0, WeightMethod::threshold), rigor::UserError);
    CHECK_THROWS_AS(reliability_weight(1, 1.5, WeightMethod::fisher), rigor::UserError);
}
