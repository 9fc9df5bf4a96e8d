// The Catch2 v2 runner's own main; every test executable links it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
