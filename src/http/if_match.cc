// SPDX-License-Identifier: Apache-2.0
#include "http/if_match.h"

#include <string>

#include "core/text.h"

namespace crm::http {

Result<std::optional<int64_t>> optional_if_match_version(const Request& request,
                                                         std::string_view resource,
                                                         std::string_view noun) {
  const auto header = request.header("If-Match");
  if (!header) return std::optional<int64_t>{};
  std::string_view text = trim(*header);
  if (starts_with(text, "W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  const auto version = parse_int64(text);
  if (!version) {
    return Error{ErrorKind::kPreconditionFailed, std::string(resource) + ".version_mismatch",
                 "If-Match does not name a version of this " + std::string(noun) + ".",
                 "If-Match"};
  }
  return version;
}

Result<int64_t> if_match_version(const Request& request, std::string_view resource,
                                 std::string_view noun) {
  CRM_TRY_ASSIGN(const auto version, optional_if_match_version(request, resource, noun));
  if (!version) {
    return Error{ErrorKind::kPreconditionRequired, std::string(resource) + ".if_match_required",
                 "Send If-Match with the version (ETag) you edited.", "If-Match"};
  }
  return *version;
}

}  // namespace crm::http
