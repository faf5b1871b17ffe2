// fmt in header-only mode: g++ 12 has no <format>, and libqvm_sim links no fmt library, so its
// users need not either.
#pragma once

#ifndef FMT_HEADER_ONLY
#define FMT_HEADER_ONLY
#endif
#include <fmt/format.h>
