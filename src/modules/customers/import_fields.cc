// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_fields.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.h"

namespace crm::customers {

namespace {

struct Alias {
  std::string_view field;
  std::vector<std::string_view> names;  // compared after trim + ASCII lower-case
};

const std::vector<Alias>& aliases() {
  static const std::vector<Alias> kAliases = {
      {"number", {"客户编号", "编号", "number", "customer number", "customer no"}},
      {"name", {"姓名", "客户姓名", "客户名称", "名字", "name", "customer name"}},
      {"gender", {"性别", "gender", "sex"}},
      {"birthday", {"生日", "出生日期", "birthday", "birth date", "date of birth"}},
      {"phone", {"手机", "手机号", "手机号码", "电话", "联系电话", "phone", "mobile"}},
      {"email", {"邮箱", "电子邮箱", "电子邮件", "email", "e-mail"}},
      {"id_number", {"证件号", "证件号码", "身份证", "身份证号", "id number"}},
      {"province", {"省份", "省", "province"}},
      {"city", {"城市", "市", "city"}},
      {"district", {"区县", "区", "县", "district"}},
      {"address_detail", {"详细地址", "地址", "address", "address detail"}},
      {"source_channel", {"来源渠道", "来源", "渠道", "source", "channel", "source channel"}},
      {"stage", {"阶段", "客户阶段", "stage"}},
      {"hobbies", {"爱好", "兴趣爱好", "hobbies"}},
      {"notes", {"备注", "notes", "note", "remark"}},
      {"tags", {"标签", "tags"}},
      {"categories", {"分类", "客户分类", "categories", "category"}},
      {"consent_sms", {"短信营销", "短信", "consent sms"}},
      {"consent_email", {"邮件营销", "consent email"}},
      {"consent_phone", {"电话营销", "consent phone"}},
  };
  return kAliases;
}

std::string header_key(std::string_view header) {
  std::string key = to_lower_ascii(trim(header));
  std::replace(key.begin(), key.end(), '_', ' ');
  return key;
}

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1990/5/1", "1990-5-1", "1990.05.01" -> "1990-05-01"; anything else unchanged (parse_fields
// then reports it).
std::string normalize_date(std::string_view text) {
  for (const char separator : {'/', '-', '.'}) {
    const auto parts = split(text, separator);
    if (parts.size() == 3 && parts[0].size() == 4 && is_digits(parts[0]) && is_digits(parts[1]) &&
        is_digits(parts[2]) && parts[1].size() <= 2 && parts[2].size() <= 2) {
      return fmt::format("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
    }
  }
  return std::string(text);
}

std::string label_to_enum(std::string_view value,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> map) {
  const std::string lower = to_lower_ascii(value);
  for (const auto& [label, code] : map) {
    if (value == label || lower == code) return std::string(code);
  }
  return std::string(value);
}

std::optional<bool> parse_bool(std::string_view value) {
  const std::string lower = to_lower_ascii(value);
  for (const std::string_view yes : {"是", "yes", "y", "true", "1"}) {
    if (lower == yes) return true;
  }
  for (const std::string_view no : {"否", "no", "n", "false", "0"}) {
    if (lower == no) return false;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string_view>& import_fields() {
  static const std::vector<std::string_view> kFields = [] {
    std::vector<std::string_view> out;
    for (const auto& alias : aliases()) out.push_back(alias.field);
    return out;
  }();
  return kFields;
}

bool is_import_field(std::string_view field) {
  const auto& fields = import_fields();
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> kColumns = {
      "客户编号", "姓名", "性别", "生日", "手机", "邮箱", "证件号", "省份", "城市", "区县", "详细地址",
      "来源渠道", "阶段", "负责人", "分类", "标签", "爱好", "备注", "短信营销", "邮件营销", "电话营销",
      "创建时间"};
  return kColumns;
}

Json suggest_mapping(const std::vector<std::string>& header) {
  Json mapping = Json::object();
  std::set<std::string_view> used;
  for (const auto& column : header) {
    if (trim(column).empty() || mapping.contains(column)) continue;
    const std::string key = header_key(column);
    Json suggestion = nullptr;
    for (const auto& alias : aliases()) {
      if (used.contains(alias.field)) continue;
      const bool named = key == header_key(alias.field) ||
                         std::find(alias.names.begin(), alias.names.end(), key) != alias.names.end();
      if (named) {
        suggestion = std::string(alias.field);
        used.insert(alias.field);
        break;
      }
    }
    mapping[column] = suggestion;
  }
  return mapping;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const std::string_view item = trim(current);
    if (!item.empty()) out.emplace_back(item);
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    if (rest[0] == ';' || rest[0] == ',' || rest[0] == '|') {
      flush();
      ++i;
    } else if (starts_with(rest, "，") || starts_with(rest, "、") || starts_with(rest, "；")) {
      flush();
      i += 3;  // each is 3 bytes in UTF-8
    } else {
      current.push_back(rest[0]);
      ++i;
    }
  }
  flush();
  return out;
}

Result<RowBody> row_body(const std::vector<std::pair<std::string, ImportCell>>& cells) {
  RowBody out;
  Json& body = out.body;
  for (const auto& [field, cell] : cells) {
    const std::string& value = cell.value;
    if (field == "gender") {
      body["gender"] = label_to_enum(value, {{"男", "male"}, {"女", "female"}, {"未知", "unknown"}});
    } else if (field == "stage") {
      body["stage"] = label_to_enum(
          value, {{"潜在", "potential"}, {"已成交", "transacted"}, {"会员", "member"}});
    } else if (field == "birthday") {
      body["birthday"] = normalize_date(value);
    } else if (field == "province" || field == "city" || field == "district") {
      body["address"][field] = value;
    } else if (field == "address_detail") {
      body["address"]["detail"] = value;
    } else if (field == "consent_sms" || field == "consent_email" || field == "consent_phone") {
      const auto flag = parse_bool(value);
      if (!flag) {
        return invalid_input("import.invalid_boolean",
                             fmt::format("{} must be 是/否 (yes/no).", field), field);
      }
      body["consent"][field.substr(8)] = *flag;
    } else if (field == "tags") {
      out.tags = split_list(value);
      out.has_tags = true;
    } else if (field == "categories") {
      out.categories = split_list(value);
      out.has_categories = true;
    } else if (field != "number") {
      body[field] = value;  // name, phone, email, id_number, source_channel, hobbies, notes
    }
  }
  return out;
}

std::string import_field_of(std::string_view error_field) {
  if (error_field == "detail") return "address_detail";
  if (error_field == "sms" || error_field == "consent") return "consent_sms";
  return std::string(error_field);
}

}  // namespace crm::customers
