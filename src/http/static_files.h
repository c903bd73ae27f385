// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace crm::http {

// Serves the built web console from a directory. Every regular, non-hidden file up to
// kMaxFileBytes under `root` is read into memory once, at construction; later changes on disk
// are not seen (restart to deploy a new console). Only files found by that scan are served, so
// a request can never reach outside `root`. Thread-safe after construction (read-only).
class StaticFiles {
 public:
  static constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;

  // A missing or unreadable root gives an empty set (available() is false).
  explicit StaticFiles(std::string root);

  // Whether root/index.html exists.
  bool available() const;

  // GET/HEAD only, never /api/ paths. A known file is served with its content type and ETag;
  // /assets/* with "Cache-Control: public, max-age=31536000, immutable", everything else
  // "no-cache"; a matching If-None-Match gives 304. A path whose last segment has no extension
  // and names no file gets index.html (the console's client-side routes). A path with a ".."
  // segment (also when percent-encoded), a backslash or a hidden segment gives nullopt, as does
  // any other unknown path.
  std::optional<Response> serve(const Request& request) const;

  // The Content-Type for a file name, by extension.
  static std::string_view content_type_for(std::string_view file_name);

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
  };
  Response respond(const Request& request, std::string_view path, const File& file) const;

  std::string root_;
  std::map<std::string, File, std::less<>> files_;  // "/index.html" -> file
};

}  // namespace crm::http
