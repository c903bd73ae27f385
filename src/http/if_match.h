// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace crm::http {

// The version an edit was based on, from `If-Match: "3"` (or `W/"3"`). Errors carry the
// resource's codes: `<resource>.if_match_required` (428) when the header is missing and
// `<resource>.version_mismatch` (412) when it names no version; `noun` words the message
// ("customer" -> "…a version of this customer.").
Result<int64_t> if_match_version(const Request& request, std::string_view resource,
                                 std::string_view noun);
// As above where If-Match is optional (the edit then applies to the current version): nullopt
// when the header is absent.
Result<std::optional<int64_t>> optional_if_match_version(const Request& request,
                                                         std::string_view resource,
                                                         std::string_view noun);

}  // namespace crm::http
