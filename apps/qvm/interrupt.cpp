// Signal handling for clean cancellation.
#include "interrupt.hpp"

#include <csignal>

namespace qvm::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) {
  g_interrupted.store(true);
  // A second Ctrl-C kills at once: the default handler is back.
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool interrupted() {
  return g_interrupted.load();
}
std::atomic<bool>& interrupt_flag() {
  return g_interrupted;
}

}  // namespace qvm::cli
