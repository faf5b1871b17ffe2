// Fixture locations are compiled in by CMake (QVM_SHARED_FIXTURES, QVM_TEST_FIXTURES).
#include "support/fixtures.hpp"

#include <fstream>
#include <sstream>

namespace qvm::test {

std::filesystem::path shared_fixture(const std::string& name) {
  return std::filesystem::path(QVM_SHARED_FIXTURES) / name;
}

std::filesystem::path own_fixture(const std::string& name) {
  return std::filesystem::path(QVM_TEST_FIXTURES) / name;
}

bool shared_fixtures_present() {
  return std::filesystem::is_directory(QVM_SHARED_FIXTURES);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test input " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace qvm::test
