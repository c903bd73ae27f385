// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <cstdlib>

#include "core/result.h"

namespace crm {

void check_failed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "CRM_CHECK failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}

}  // namespace crm
