// Catch2's main for the host unit tests; the cases live in files mirroring the source tree.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
