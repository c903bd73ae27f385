// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/pinyin.h"

#include <memory>
#include <string>
#include <unordered_map>
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

// A transliterator is expensive to create and not thread-safe to share: one per thread and kind.
// "Names" reads a character as a surname (单 shan); the plain one as in running text (单 dan).
icu::Transliterator* transliterator(bool surname) {
  const auto create = [](const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  };
  thread_local std::unique_ptr<icu::Transliterator> names =
      create("Han-Latin/Names; Latin-ASCII; Lower");
  thread_local std::unique_ptr<icu::Transliterator> text = create("Han-Latin; Latin-ASCII; Lower");
  return surname ? names.get() : text.get();
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// The toneless syllable(s) of one Han character, the first of a name read as a surname. Han-Latin
// reads character by character (context only matters for the surname), so each thread remembers
// every character it has transliterated: a few thousand characters cover almost every name.
std::string syllable_of(UChar32 c, bool surname) {
  thread_local std::unordered_map<int64_t, std::string> seen;
  const int64_t key = (static_cast<int64_t>(c) << 1) | (surname ? 1 : 0);
  if (auto found = seen.find(key); found != seen.end()) return found->second;
  icu::UnicodeString text(c);
  if (icu::Transliterator* t = transliterator(surname)) t->transliterate(text);
  std::string utf8;
  text.toUTF8String(utf8);
  std::string out;
  for (const char ch : utf8) {
    if (ch != ' ') out.push_back(ch);
  }
  if (seen.size() < 100'000) seen.emplace(key, out);
  return out;
}

// The syllables of a run of Han characters starting at `start` of the name.
std::vector<std::string> syllables_of(const icu::UnicodeString& han_run, bool at_name_start) {
  std::vector<std::string> out;
  for (int32_t i = 0; i < han_run.length(); i += U16_LENGTH(han_run.char32At(i))) {
    std::string syllable = syllable_of(han_run.char32At(i), at_name_start && i == 0);
    if (!syllable.empty()) out.push_back(std::move(syllable));
  }
  return out;
}

}  // namespace

namespace {

NamePinyin transliterate_name(std::string_view name) {
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
    std::vector<std::string> syllables =
        syllables_of(text.tempSubStringBetween(start, i), start == 0);
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

}  // namespace

NamePinyin name_pinyin(std::string_view name) { return transliterate_name(name); }

}  // namespace crm::customers
