// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_history.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/text.h"
#include "modules/customers/customer_json.h"

namespace crm::customers {

namespace {

// A JSON string as nlohmann's dump writes it (UTF-8 kept, control characters escaped).
void append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void append_list(std::string& out, const std::vector<std::string>& items) {
  out += "{\"added\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_string(out, items[i]);
  }
  out += "]}";
}

bool all_valid_utf8(const PlannedRow& p) {
  const CustomerFields& f = p.fields;
  for (const std::string* s : {&f.name, &f.gender, &f.address.province, &f.address.city,
                               &f.address.district, &f.source_channel, &f.stage, &f.hobbies,
                               &f.notes}) {
    if (!is_valid_utf8(*s)) return false;
  }
  if (f.birthday && !is_valid_utf8(*f.birthday)) return false;
  for (const auto& list : {&p.tags, &p.categories}) {
    for (const auto& item : *list) {
      if (!is_valid_utf8(item)) return false;
    }
  }
  return true;
}

}  // namespace

std::string created_history_json_slow(const PlannedRow& planned, int64_t import_id) {
  Json changes = diff_fields(CustomerFields{}, planned.fields);
  if (!planned.tags.empty()) changes["tags"] = {{"added", planned.tags}};
  if (!planned.categories.empty()) changes["categories"] = {{"added", planned.categories}};
  changes["import_id"] = import_id;
  return dump_json(changes);
}

std::string created_history_json(const PlannedRow& planned, int64_t import_id) {
  // Invalid UTF-8 is replaced by dump_json; the fields are validated, but stay exact anyway.
  if (!all_valid_utf8(planned)) return created_history_json_slow(planned, import_id);
  const CustomerFields& f = planned.fields;
  const CustomerFields empty;
  // (key, value JSON) of every changed field; sorted by key below, as std::map orders them.
  std::vector<std::pair<std::string_view, std::string>> entries;
  entries.reserve(20);
  auto text = [&](std::string_view key, const std::string& from, const std::string& to) {
    if (from == to) return;
    std::string value = "{\"from\":";
    append_string(value, from);
    value += ",\"to\":";
    append_string(value, to);
    value.push_back('}');
    entries.emplace_back(key, std::move(value));
  };
  auto optional_text = [&](std::string_view key, const std::optional<std::string>& to) {
    if (!to) return;
    std::string value = "{\"from\":null,\"to\":";
    append_string(value, *to);
    value.push_back('}');
    entries.emplace_back(key, std::move(value));
  };
  auto personal = [&](std::string_view key, const std::optional<std::string>& to) {
    if (to) entries.emplace_back(key, "{\"from\":null,\"to\":\"***\"}");
  };
  auto flag = [&](std::string_view key, bool to) {
    if (to) entries.emplace_back(key, "{\"from\":false,\"to\":true}");
  };
  text("name", empty.name, f.name);
  text("gender", empty.gender, f.gender);
  optional_text("birthday", f.birthday);
  personal("phone", f.phone);
  personal("email", f.email);
  personal("id_number", f.id_number);
  text("province", empty.address.province, f.address.province);
  text("city", empty.address.city, f.address.city);
  text("district", empty.address.district, f.address.district);
  personal("address_detail", f.address.detail);
  text("source_channel", empty.source_channel, f.source_channel);
  text("stage", empty.stage, f.stage);
  text("hobbies", empty.hobbies, f.hobbies);
  text("notes", empty.notes, f.notes);
  flag("consent_sms", f.consent.sms);
  flag("consent_email", f.consent.email);
  flag("consent_phone", f.consent.phone);
  if (!planned.tags.empty()) {
    std::string value;
    append_list(value, planned.tags);
    entries.emplace_back("tags", std::move(value));
  }
  if (!planned.categories.empty()) {
    std::string value;
    append_list(value, planned.categories);
    entries.emplace_back("categories", std::move(value));
  }
  entries.emplace_back("import_id", std::to_string(import_id));
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = "{";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    out += entries[i].first;
    out += "\":";
    out += entries[i].second;
  }
  out.push_back('}');
  return out;
}

}  // namespace crm::customers
