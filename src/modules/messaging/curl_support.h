// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include <curl/curl.h>

namespace crm::messaging::detail {

// curl_global_init exactly once per process (it is not thread-safe), then an easy handle.
struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
CurlHandle new_curl_handle();

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;

// "smtp.example.com" from "smtps://user@smtp.example.com:465/x"; for logs without secrets.
std::string url_host(const std::string& url);

}  // namespace crm::messaging::detail
