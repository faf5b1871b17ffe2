// Where test inputs live, and reading them. Shared Qualys recordings are optional: tests that
// need them skip with a message when ../shared is absent.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace qvm::test {

std::filesystem::path shared_fixture(const std::string& name);
std::filesystem::path own_fixture(const std::string& name);
bool shared_fixtures_present();
std::string read_file(const std::filesystem::path& path);

}  // namespace qvm::test

// Skips the current test (with the reason) when the shared recordings are not beside the repo.
#define QVM_REQUIRE_SHARED_FIXTURES()                                                      \
  do {                                                                                     \
    if (!::qvm::test::shared_fixtures_present()) {                                         \
      GTEST_SKIP() << "../shared/fixtures/qualys is absent: shared Qualys recordings not " \
                      "available on this checkout";                                        \
    }                                                                                      \
  } while (0)
