// Ctrl-C: the first SIGINT/SIGTERM sets a flag that long-running work polls, so that it stops
// cleanly (temporary files removed, sessions logged out) instead of dying midway.
#pragma once

#include <atomic>

namespace qvm::cli {

void install_interrupt_handler();
bool interrupted();
std::atomic<bool>& interrupt_flag();

}  // namespace qvm::cli
