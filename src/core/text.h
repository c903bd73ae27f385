// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

std::string to_hex(std::string_view bytes);
std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // unpadded
std::optional<std::string> base64url_decode(std::string_view text);

std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
bool starts_with(std::string_view text, std::string_view prefix);

// Parses a whole decimal integer; nullopt on anything else (sign allowed, no spaces).
std::optional<int64_t> parse_int64(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

}  // namespace crm
