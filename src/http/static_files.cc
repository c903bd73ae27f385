// SPDX-License-Identifier: Apache-2.0
#include "http/static_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/log.h"
#include "core/text.h"

namespace crm::http {
namespace {

namespace fs = std::filesystem;

std::string etag_for(std::string_view content) {
  uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{:x}\"", hash, content.size());
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  for (std::string_view candidate : split(if_none_match, ',')) {
    candidate = trim(candidate);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == "*" || candidate == etag) return true;
  }
  return false;
}

bool is_safe_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\\') != std::string_view::npos) return false;
  for (std::string_view segment : split(path.substr(1), '/')) {
    if (!segment.empty() && segment.front() == '.') return false;  // "..", ".", ".env"
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {
  std::error_code ec;
  const fs::path base(root_);
  if (!fs::is_directory(base, ec)) return;
  for (auto it = fs::recursive_directory_iterator(base, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(base);
    const std::string url = "/" + relative.generic_string();
    if (!is_safe_path(url)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    if (it->file_size(ec) > kMaxFileBytes) {
      log::warn("http.static_file_too_large", {{"path", url}});
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) continue;
    File file{std::move(content), std::string(content_type_for(url)), {}};
    file.etag = etag_for(file.content);
    files_.emplace(url, std::move(file));
  }
}

bool StaticFiles::available() const { return files_.contains("/index.html"); }

std::string_view StaticFiles::content_type_for(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string extension = to_lower_ascii(file_name.substr(dot + 1));
  static const std::map<std::string, std::string_view, std::less<>> kTypes = {
      {"html", "text/html; charset=utf-8"},  {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"}, {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},          {"map", "application/json"},
      {"svg", "image/svg+xml"},              {"png", "image/png"},
      {"jpg", "image/jpeg"},                 {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},                  {"webp", "image/webp"},
      {"ico", "image/x-icon"},               {"woff", "font/woff"},
      {"woff2", "font/woff2"},               {"ttf", "font/ttf"},
      {"txt", "text/plain; charset=utf-8"},  {"xml", "application/xml"},
      {"wasm", "application/wasm"},          {"pdf", "application/pdf"},
      {"webmanifest", "application/manifest+json"},
  };
  const auto it = kTypes.find(extension);
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method() != Method::kGet && request.method() != Method::kHead) return std::nullopt;
  const std::string_view path = request.path();
  if (path == "/api" || path.starts_with("/api/")) return std::nullopt;
  if (!is_safe_path(path)) return std::nullopt;
  if (path == "/") {
    const auto index = files_.find("/index.html");
    if (index == files_.end()) return std::nullopt;
    return respond(request, index->first, index->second);
  }
  if (const auto it = files_.find(path); it != files_.end()) {
    return respond(request, it->first, it->second);
  }
  const std::string_view last = path.substr(path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos || path.starts_with("/assets/")) {
    return std::nullopt;
  }
  const auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return respond(request, index->first, index->second);
}

Response StaticFiles::respond(const Request& request, std::string_view path,
                              const File& file) const {
  const bool immutable = path.starts_with("/assets/");
  const char* cache_control = immutable ? "public, max-age=31536000, immutable" : "no-cache";
  if (const auto if_none_match = request.header("if-none-match");
      if_none_match && etag_matches(*if_none_match, file.etag)) {
    Response not_modified(Status::kNotModified, {}, {});
    not_modified.set_header("ETag", file.etag);
    not_modified.set_header("Cache-Control", cache_control);
    return not_modified;
  }
  Response response(Status::kOk, file.content, file.content_type);
  response.set_header("ETag", file.etag);
  response.set_header("Cache-Control", cache_control);
  return response;
}

}  // namespace crm::http
