// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/pinyin.h"

#include <memory>
#include <vector>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

namespace crm::customers {

namespace {

// Surnames whose reading differs from the character's common one and that ICU's name rules
// (CLDR Han-Latin/Names, checked with ICU 72) get wrong or might get wrong in another ICU
// version. Applied to the FIRST character(s) of a name only: in the given name 单 is dan, 乐 le.
struct SurnameReading {
  std::string_view surname;
  std::vector<std::string_view> syllables;
};

const std::vector<SurnameReading>& surname_readings() {
  static const std::vector<SurnameReading> table = {
      // Compound surnames first: they must win over their first character.
      {"尉迟", {"yu", "chi"}}, {"万俟", {"mo", "qi"}}, {"单于", {"chan", "yu"}},
      {"长孙", {"zhang", "sun"}},
      {"单", {"shan"}}, {"曾", {"zeng"}}, {"解", {"xie"}}, {"区", {"ou"}}, {"仇", {"qiu"}},
      {"朴", {"piao"}}, {"查", {"zha"}}, {"盖", {"ge"}}, {"乐", {"yue"}}, {"覃", {"qin"}},
      {"缪", {"miao"}}, {"翟", {"zhai"}}, {"秘", {"bi"}}, {"繁", {"po"}}, {"召", {"shao"}},
      {"折", {"she"}}, {"员", {"yun"}}, {"句", {"gou"}}, {"隗", {"wei"}}, {"冼", {"xian"}},
  };
  return table;
}

// The transliterator is expensive to create and not thread-safe to share: one per thread.
icu::Transliterator* transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> cached = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        "Han-Latin/Names; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  }();
  return cached.get();
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// "li lei" -> {"li", "lei"}.
std::vector<std::string> syllables_of(const icu::UnicodeString& han_run) {
  icu::UnicodeString text = han_run;
  if (icu::Transliterator* t = transliterator()) t->transliterate(text);
  std::string utf8;
  text.toUTF8String(utf8);
  std::vector<std::string> out;
  std::string current;
  for (const char c : utf8) {
    if (c == ' ') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

NamePinyin name_pinyin(std::string_view name) {
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  NamePinyin out;
  bool first_han_run = true;
  int32_t i = 0;
  while (i < text.length()) {
    const UChar32 c = text.char32At(i);
    if (!is_han(c)) {
      i += U16_LENGTH(c);
      if (u_isUWhiteSpace(c)) continue;
      icu::UnicodeString lower(u_tolower(c));
      std::string utf8;
      lower.toUTF8String(utf8);
      out.full += utf8;
      out.initials += utf8;
      continue;
    }
    const int32_t start = i;
    while (i < text.length() && is_han(text.char32At(i))) i += U16_LENGTH(text.char32At(i));
    std::vector<std::string> syllables = syllables_of(text.tempSubStringBetween(start, i));
    if (first_han_run && start == 0) {
      std::string run;
      text.tempSubStringBetween(start, i).toUTF8String(run);
      for (const auto& reading : surname_readings()) {
        if (run.rfind(reading.surname, 0) != 0 || syllables.size() < reading.syllables.size()) {
          continue;
        }
        for (size_t k = 0; k < reading.syllables.size(); ++k) {
          syllables[k] = std::string(reading.syllables[k]);
        }
        break;
      }
    }
    first_han_run = false;
    for (const auto& syllable : syllables) {
      out.full += syllable;
      out.initials += syllable.front();
    }
  }
  return out;
}

}  // namespace crm::customers
