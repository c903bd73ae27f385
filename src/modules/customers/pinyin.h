// SPDX-License-Identifier: Apache-2.0
// Toneless pinyin of Chinese names, for "lil" / "ll" finding 李雷 in customer search.
#pragma once

#include <string>
#include <string_view>

namespace crm::customers {

struct NamePinyin {
  std::string full;      // "李雷" -> "lilei"
  std::string initials;  // "李雷" -> "ll"
};

// Han characters become their toneless pinyin syllables (ICU's Han-Latin/Names: surname readings
// for the first character, 单 shan, 曾 zeng, …), everything else passes through lower-cased;
// whitespace is dropped. A small table (pinyin.cc) fixes compound and rare surnames that ICU
// reads wrongly. Thread-safe: each thread keeps its own ICU transliterator (creating one takes
// milliseconds). Invalid UTF-8 is replaced, never rejected.
NamePinyin name_pinyin(std::string_view name);

}  // namespace crm::customers
