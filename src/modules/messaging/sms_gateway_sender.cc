// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/sms_gateway_sender.h"

#include <fmt/format.h>

#include "core/json.h"
#include "modules/messaging/curl_support.h"

namespace crm::messaging {

namespace {

// The JSON string literal of `value` without its quotes.
std::string json_escaped(std::string_view value) {
  const std::string quoted = dump_json(Json(std::string(value)));
  return quoted.substr(1, quoted.size() - 2);
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

size_t discard_body(char* /*data*/, size_t size, size_t count, void* /*user*/) {
  return size * count;
}

Error send_failed(std::string detail) {
  return unavailable("messaging.send_failed", "The message could not be sent.", std::move(detail));
}

}  // namespace

Result<std::string> render_sms_body(std::string_view body_template, std::string_view to,
                                    std::string_view text) {
  std::string body(body_template);
  // Placeholders become control-character markers first, so a value that itself contains
  // "{{text}}" is never substituted again (escaped JSON values cannot contain a raw \x01).
  replace_all(body, "{{to}}", "\x01TO\x01");
  replace_all(body, "{{text}}", "\x01TEXT\x01");
  replace_all(body, "\x01TO\x01", json_escaped(to));
  replace_all(body, "\x01TEXT\x01", json_escaped(text));
  if (!parse_json(body)) {
    Error error = internal_error("messaging.sms_template does not give valid JSON");
    error.code = "messaging.invalid_template";
    return error;
  }
  return body;
}

Result<void> SmsGatewaySender::send(const Message& message) {
  if (message.channel != Channel::kSms) {
    return invalid_input("messaging.invalid_message", "The SMS gateway sends SMS only.", "channel");
  }
  CRM_TRY(validate(message));
  CRM_TRY_ASSIGN(const std::string body,
                 render_sms_body(options_.body_template, message.to, message.body));

  detail::CurlHandle curl = detail::new_curl_handle();
  if (!curl) return send_failed("curl_easy_init failed");
  detail::CurlList headers(curl_slist_append(nullptr, "Content-Type: application/json"));
  char error_buffer[CURL_ERROR_SIZE] = {};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard_body);

  const CURLcode code = curl_easy_perform(h);
  const std::string host = detail::url_host(options_.url);
  if (code != CURLE_OK) {
    return send_failed(fmt::format("sms gateway {}: {} ({})", host, curl_easy_strerror(code),
                                   error_buffer));
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return send_failed(fmt::format("sms gateway {} answered HTTP {}", host, status));
  }
  return {};
}

}  // namespace crm::messaging
