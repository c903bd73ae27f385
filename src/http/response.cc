// SPDX-License-Identifier: Apache-2.0
#include "http/response.h"

#include <algorithm>

#include "http/request.h"

namespace crm::http {

Response::Response(Status status, std::string body, std::string content_type)
    : status_(status), body_(std::move(body)) {
  if (!content_type.empty()) headers_.emplace_back("Content-Type", std::move(content_type));
}

Response Response::json(Status status, const Json& value) {
  return Response(status, dump_json(value), "application/json");
}

Response Response::text(Status status, std::string body, std::string content_type) {
  return Response(status, std::move(body), std::move(content_type));
}

Response Response::no_content() { return Response(Status::kNoContent, {}, {}); }

Response& Response::set_header(std::string name, std::string value) {
  std::erase_if(headers_, [&](const auto& header) { return iequals(header.first, name); });
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response& Response::add_header(std::string name, std::string value) {
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers_) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace crm::http
