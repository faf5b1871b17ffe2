// Parser-only benchmark on a host-detection document: reads it (file or stdin, 64 KiB reads)
// into one parser and prints one tab-separated line: parser, bytes, wall and CPU seconds,
// detections, hosts, QID sum and peak RSS. bench/run checks the counts before using the times.
#include <sys/resource.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "competitors/libxml2_sax.hpp"
#include "competitors/push_backend.hpp"
#include "competitors/qvm_records.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

template <class Parser>
int run(const char* label, Parser& parser, int fd) {
  std::vector<char> buffer(1 << 16);
  std::uint64_t bytes = 0;
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  bool ok = true;
  for (;;) {
    const ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      std::perror("read");
      return 1;
    }
    if (n == 0) break;
    bytes += static_cast<std::uint64_t>(n);
    if (!(ok = parser.feed(std::string_view(buffer.data(), static_cast<size_t>(n))))) break;
  }
  if (ok) ok = parser.finish();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  if (!ok) {
    std::fprintf(stderr, "%s: parse failed: %s\n", label, parser.error().c_str());
    return 1;
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto& t = parser.tally();
  std::printf("%s\t%llu\t%.4f\t%.4f\t%llu\t%llu\t%llu\t%ld\n", label,
              static_cast<unsigned long long>(bytes), wall, cpu,
              static_cast<unsigned long long>(t.detections),
              static_cast<unsigned long long>(t.hosts), static_cast<unsigned long long>(t.qid_sum),
              u.ru_maxrss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: bench_parse_hld fast|expat|libxml2|qvm-fast|qvm-expat FILE|-\n"
                 "prints: parser bytes wall_s cpu_s detections hosts qid_sum peak_rss_kb\n");
    return 2;
  }
  const std::string which = argv[1];
  const int fd = std::strcmp(argv[2], "-") == 0 ? 0 : open(argv[2], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[2]);
    return 1;
  }
  using namespace qvm;
  if (which == "fast" || which == "expat") {
    bench::PushBackendCount p(which == "fast" ? xml::Backend::kFast : xml::Backend::kExpat);
    return run(which.c_str(), p, fd);
  }
  if (which == "qvm-fast" || which == "qvm-expat") {
    bench::QvmRecordsCount p(which == "qvm-fast" ? XmlBackend::kFast : XmlBackend::kExpat);
    return run(which.c_str(), p, fd);
  }
  if (which == "libxml2") {
    bench::Libxml2SaxCount p;
    return run(which.c_str(), p, fd);
  }
  std::fprintf(stderr, "bench_parse_hld: unknown parser '%s'\n", which.c_str());
  return 2;
}
