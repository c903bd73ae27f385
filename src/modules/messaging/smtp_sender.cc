// SPDX-License-Identifier: Apache-2.0
#include "modules/messaging/smtp_sender.h"

#include <cstring>
#include <ctime>
#include <random>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/messaging/curl_support.h"

namespace crm::messaging {

namespace {

bool is_printable_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray bytes, which validate() refuses).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

Error send_failed(std::string detail) {
  return unavailable("messaging.send_failed", "The message could not be sent.", std::move(detail));
}

}  // namespace

std::string envelope_address(std::string_view mail_from) {
  const auto open = mail_from.rfind('<');
  const auto close = mail_from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(trim(mail_from.substr(open + 1, close - open - 1)));
  }
  return std::string(trim(mail_from));
}

std::string encode_header_text(std::string_view text) {
  if (is_printable_ascii(text)) return std::string(text);
  // Encoded words are at most 75 characters: 45 bytes -> 60 base64 characters + 12 of framing.
  constexpr size_t kChunkBytes = 45;
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = start;
    while (end < text.size()) {
      const size_t next = end + utf8_length(static_cast<unsigned char>(text[end]));
      if (next - start > kChunkBytes) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string rfc5322_date(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} +0000", kDays[utc.tm_wday],
                     utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour,
                     utc.tm_min, utc.tm_sec);
}

std::string format_email(const Message& message, std::string_view mail_from, int64_t date_ms,
                         std::string_view message_id) {
  std::string from = std::string(trim(mail_from));
  const std::string address = envelope_address(from);
  if (const auto open = from.rfind('<'); open != std::string::npos) {
    const std::string name(trim(std::string_view(from).substr(0, open)));
    from = name.empty() ? "<" + address + ">" : encode_header_text(name) + " <" + address + ">";
  }
  std::string out;
  out += "Date: " + rfc5322_date(date_ms) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: <" + message.to + ">\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  const std::string body = base64_encode(message.body);
  for (size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

SmtpSender::SmtpSender(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock),
      from_address_(envelope_address(options_.mail_from)) {}

Result<void> SmtpSender::send(const Message& message) {
  if (message.channel != Channel::kEmail) {
    return invalid_input("messaging.invalid_message", "SMTP sends email only.", "channel");
  }
  CRM_TRY(validate(message));

  const std::string domain =
      from_address_.find('@') == std::string::npos ? "localhost"
                                                   : from_address_.substr(from_address_.find('@') + 1);
  const int64_t now = clock_.now_ms();
  const std::string message_id = fmt::format("{}.{}.{:016x}@{}", now, ++sequence_,
                                             std::random_device{}(), domain);
  const std::string text = format_email(message, options_.mail_from, now, message_id);

  detail::CurlHandle curl = detail::new_curl_handle();
  if (!curl) return send_failed("curl_easy_init failed");
  const std::string from = "<" + from_address_ + ">";
  const std::string to = "<" + message.to + ">";
  detail::CurlList recipients(curl_slist_append(nullptr, to.c_str()));
  Upload upload{text};
  char error_buffer[CURL_ERROR_SIZE] = {};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  if (!options_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    return send_failed(fmt::format("smtp {}: {} ({})", detail::url_host(options_.url),
                                   curl_easy_strerror(code), error_buffer));
  }
  return {};
}

}  // namespace crm::messaging
