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

// Han characters become their toneless pinyin syllables (the first character of the name read as
// a surname with ICU's Han-Latin/Names: 单 shan, 曾 zeng, …; the others with Han-Latin), everything
// else passes through lower-cased; whitespace is dropped. A small table (pinyin.cc) fixes compound
// and rare surnames that ICU reads wrongly. Thread-safe: each thread keeps its own ICU
// transliterators and remembers the characters it has read (transliterating is slow, and a few
// thousand characters cover almost every name). Invalid UTF-8 is replaced, never rejected.
NamePinyin name_pinyin(std::string_view name);

}  // namespace crm::customers
