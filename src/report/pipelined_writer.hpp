// A writer that formats and writes on its own thread: rows are handed over in batches through a
// bounded queue, so that parsing (on the transfer thread) and formatting + writing overlap on two
// cores, with memory bounded by the queue (max_batches × batch_rows rows).
#pragma once

#include <memory>

#include "qvm/writers.hpp"

namespace qvm::report {

std::unique_ptr<RowWriter> make_pipelined_writer(std::unique_ptr<RowWriter> inner,
                                                 std::size_t batch_rows = 256,
                                                 std::size_t max_batches = 8);

}  // namespace qvm::report
