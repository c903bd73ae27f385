// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/privacy_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/tabular/table.h"
#include "modules/customers/zip_archive.h"

namespace crm::customers {

namespace {

constexpr std::string_view kAnonymousName = "已匿名客户";
constexpr std::string_view kRedacted = "***";

// Chinese labels of the history keys (the console shows titles as they are).
std::string field_label(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"name", "姓名"},          {"gender", "性别"},          {"birthday", "生日"},
      {"phone", "手机"},         {"email", "邮箱"},           {"id_number", "证件号"},
      {"province", "省份"},      {"city", "城市"},            {"district", "区县"},
      {"address_detail", "详细地址"}, {"source_channel", "来源渠道"}, {"stage", "阶段"},
      {"hobbies", "爱好"},       {"notes", "备注"},           {"consent_sms", "短信营销"},
      {"consent_email", "邮件营销"}, {"consent_phone", "电话营销"}, {"owner_id", "负责人"},
      {"tags", "标签"},          {"category_ids", "分类"}};
  const auto found = kLabels.find(key);
  return std::string(found == kLabels.end() ? key : found->second);
}

std::string nested_number(const Json& changes, std::string_view key) {
  const std::string k(key);
  if (!changes.contains(k) || !changes.at(k).is_object()) return {};
  const Json& ref = changes.at(k);
  if (!ref.contains("number") || !ref.at("number").is_string()) return {};
  return ref.at("number").get<std::string>();
}

// A flat CSV cell: text as it is, null empty, anything else as JSON.
std::string cell(const Json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return dump_json(value);
}

// One CSV per part: the objects' keys (in the first object's order) as the header.
std::string rows_csv(const Json& rows) {
  std::vector<std::string> header;
  if (rows.is_array() && !rows.empty() && rows.front().is_object()) {
    for (const auto& [key, value] : rows.front().items()) header.push_back(key);
  }
  std::vector<std::vector<std::string>> cells;
  for (const Json& row : rows) {
    std::vector<std::string> line;
    for (const auto& key : header) line.push_back(row.contains(key) ? cell(row.at(key)) : "");
    cells.push_back(std::move(line));
  }
  return tabular::write_csv(header, cells);
}

Json history_json(const std::vector<HistoryEntry>& entries) {
  Json out = Json::array();
  for (const auto& e : entries) {
    auto changes = parse_json(e.changes);
    out.push_back({{"at", e.at_ms},
                   {"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
                   {"actor_name", e.actor_name},
                   {"action", e.action},
                   {"changes", changes ? *changes : Json::object()}});
  }
  return out;
}

// The profile as one flat row (customer.csv), unmasked.
Json profile_row(const Customer& c) {
  const CustomerFields& f = c.fields;
  std::string categories;
  for (const auto& category : c.categories) {
    categories += (categories.empty() ? "" : ";") + category.name;
  }
  std::string tags;
  for (const auto& tag : c.tags) tags += (tags.empty() ? "" : ";") + tag;
  auto text = [](const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
  };
  Json row = Json::object();
  row["number"] = c.number;
  row["name"] = f.name;
  row["gender"] = f.gender;
  row["birthday"] = text(f.birthday);
  row["phone"] = text(f.phone);
  row["email"] = text(f.email);
  row["id_number"] = text(f.id_number);
  row["province"] = f.address.province;
  row["city"] = f.address.city;
  row["district"] = f.address.district;
  row["address_detail"] = text(f.address.detail);
  row["source_channel"] = f.source_channel;
  row["stage"] = f.stage;
  row["categories"] = categories;
  row["tags"] = tags;
  row["hobbies"] = f.hobbies;
  row["notes"] = f.notes;
  row["consent_sms"] = f.consent.sms;
  row["consent_email"] = f.consent.email;
  row["consent_phone"] = f.consent.phone;
  row["created_at"] = c.created_at_ms;
  row["updated_at"] = c.updated_at_ms;
  return row;
}

}  // namespace

TimelineItem history_item(int64_t history_id, int64_t at_ms, std::string actor_name,
                          std::string_view action, const Json& changes) {
  TimelineItem item;
  item.at_ms = at_ms;
  item.kind = "change";
  item.actor_name = std::move(actor_name);
  item.ref_id = history_id;
  if (action == "merged" || action == "merged_into" || action == "merge_undone") {
    item.kind = "merge";
    if (action == "merged") item.title = "合并了客户 " + nested_number(changes, "merged");
    else if (action == "merged_into") item.title = "被合并到客户 " + nested_number(changes, "survivor");
    else item.title = "撤销了合并";
    if (!item.title.empty() && item.title.back() == ' ') item.title.pop_back();
    return item;
  }
  if (action == "updated" || action == "tags_changed") {
    std::string labels;
    for (const auto& [key, value] : changes.items()) {
      item.fields.push_back(key);
      labels += (labels.empty() ? "" : ", ") + field_label(key);
      item.detail += (item.detail.empty() ? "" : ",") + key;
    }
    item.title = "修改了 " + labels;
    return item;
  }
  static const std::map<std::string_view, std::string_view> kTitles = {
      {"created", "创建了客户"},   {"deleted", "移入回收站"}, {"restored", "从回收站恢复"},
      {"imported", "导入了客户"},  {"anonymised", "匿名化了客户"}, {"erased", "永久删除"},
      {"stage_changed", "首笔付款订单：客户阶段变为已成交"}};
  const auto found = kTitles.find(action);
  item.title = found == kTitles.end() ? std::string(action) : std::string(found->second);
  return item;
}

Json scrub_history_changes(const Json& changes) {
  if (!changes.is_object()) return changes.is_null() ? changes : Json(std::string(kRedacted));
  Json out = Json::object();
  for (const auto& [key, value] : changes.items()) {
    const bool reference = (key == "id" || key == "number" || key == "merge_id") &&
                           (value.is_number_integer() || value.is_string());
    if (reference) out[key] = value;
    else if (value.is_object()) out[key] = scrub_history_changes(value);
    else out[key] = value.is_null() ? value : Json(std::string(kRedacted));
  }
  return out;
}

Result<StoredCustomer> PrivacyService::load_any(storage::Connection& db, const http::Actor& actor,
                                                int64_t id) const {
  CRM_TRY_ASSIGN(auto row, customers_.repository_.find(db, id));
  const auto owner = scope_owner(actor);
  if (!row || (owner && row->owner_id != *owner)) return customer_not_found();
  return std::move(*row);
}

Result<Timeline> PrivacyService::timeline(const Caller& caller,
                                          const http::RequestContext& context, int64_t id,
                                          std::optional<int64_t> before_ms, int limit) {
  if (limit < 1 || limit > 200) {
    return invalid_input("customer.invalid_filter", "limit must be from 1 to 200.", "limit");
  }
  return customers_.db_.read([&](storage::Connection& db) -> Result<Timeline> {
    CRM_TRY(customers_.load(db, caller.actor, id, false));
    // One more than a page from each source tells whether another page follows.
    const int fetch = limit + 1;
    std::string sql = "SELECT id, at_ms, actor_name, action, changes FROM customer_history "
                      "WHERE customer_id = ?";
    std::vector<storage::Value> params{id};
    if (before_ms) {
      sql += " AND at_ms < ?";
      params.push_back(*before_ms);
    }
    sql += fmt::format(" ORDER BY at_ms DESC, id DESC LIMIT {}", fetch);
    CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
    std::vector<TimelineItem> items;
    for (const auto& r : rows) {
      auto changes = parse_json(r.get_string(4));
      items.push_back(history_item(r.get_int(0), r.get_int(1), r.get_string(2), r.get_string(3),
                                   changes ? *changes : Json::object()));
    }
    for (const auto& participant : customers_.participants_.all()) {
      if (!participant.timeline) continue;
      CRM_TRY_ASSIGN(auto more, participant.timeline(db, context, id, before_ms, fetch));
      items.insert(items.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
    }
    std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
      if (a.at_ms != b.at_ms) return a.at_ms > b.at_ms;
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.ref_id > b.ref_id;
    });
    Timeline page;
    if (items.size() <= static_cast<size_t>(limit)) {
      page.items = std::move(items);
      return page;
    }
    // `before` is exclusive: end the page before the millisecond of the first item left out, so
    // the next page (before = that ms + 1) starts with all of it.
    const int64_t cut = items[static_cast<size_t>(limit)].at_ms;
    size_t keep = 0;
    while (keep < static_cast<size_t>(limit) && items[keep].at_ms > cut) ++keep;
    if (keep == 0) {
      // More than a page within one millisecond: give the page and move on past that ms.
      keep = static_cast<size_t>(limit);
      page.next_before = cut;
    } else {
      page.next_before = cut + 1;
    }
    items.resize(keep);
    page.items = std::move(items);
    return page;
  });
}

Result<ConsentState> PrivacyService::consents(const Caller& caller, int64_t id) {
  return customers_.db_.read([&](storage::Connection& db) -> Result<ConsentState> {
    CRM_TRY_ASSIGN(auto row, customers_.load(db, caller.actor, id, false));
    ConsentState state;
    state.current = row.fields.consent;
    CRM_TRY_ASSIGN(state.history, consent_history(db, id));
    return state;
  });
}

Result<PrivacyExport> PrivacyService::privacy_export(const Caller& caller, int64_t id) {
  // A transaction, not a read: the audit row commits with the snapshot it describes.
  return customers_.db_.transaction([&](storage::Connection& tx) -> Result<PrivacyExport> {
    CRM_TRY_ASSIGN(auto row, load_any(tx, caller.actor, id));
    CRM_TRY_ASSIGN(Customer customer, customers_.unseal(tx, row));
    CRM_TRY_ASSIGN(auto events, consent_history(tx, id));
    CRM_TRY_ASSIGN(auto history, customers_.repository_.history(tx, id));

    Json consents = Json::array();
    for (const auto& event : events) consents.push_back(to_json(event));
    const Json history_rows = history_json(history);
    Json document = {
        {"exported_at", customers_.clock_.now_ms()},
        {"customer", to_json(customer, Masking::kRevealed)},
        {"consents",
         {{"current",
           {{"sms", customer.fields.consent.sms},
            {"email", customer.fields.consent.email},
            {"phone", customer.fields.consent.phone}}},
          {"history", consents}}},
        {"history", history_rows},
    };
    Json history_flat = Json::array();
    for (const Json& entry : history_rows) {
      Json flat = entry;
      flat["changes"] = dump_json(entry.at("changes"));
      history_flat.push_back(std::move(flat));
    }
    std::vector<ZipEntry> files;
    files.push_back({"customer.csv", rows_csv(Json::array({profile_row(customer)}))});
    files.push_back({"consents.csv", rows_csv(consents)});
    files.push_back({"history.csv", rows_csv(history_flat)});
    for (const auto& participant : customers_.participants_.all()) {
      if (!participant.export_rows) continue;
      CRM_TRY_ASSIGN(Json rows, participant.export_rows(tx, id));
      files.push_back({participant.name + ".csv", rows_csv(rows)});
      document[participant.name] = std::move(rows);
    }
    files.insert(files.begin(), ZipEntry{"customer.json", document.dump(2, ' ', false, Json::error_handler_t::replace)});
    CRM_TRY_ASSIGN(std::string zip, write_zip(files));

    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.privacy_exported";
    entry.target_type = "customer";
    entry.target_id = std::to_string(id);
    Json parts = Json::array();
    for (const auto& file : files) parts.push_back(file.name);
    entry.changes = Json{{"number", row.number}, {"files", parts}};
    CRM_TRY(customers_.audit_.record(tx, entry));
    return PrivacyExport{fmt::format("privacy-{}.zip", row.number), std::move(zip)};
  });
}

Result<Customer> PrivacyService::anonymise(const Caller& caller, int64_t id,
                                           std::string_view confirm) {
  const int64_t now = customers_.clock_.now_ms();
  return customers_.db_.transaction([&](storage::Connection& tx) -> Result<Customer> {
    CRM_TRY_ASSIGN(auto row, load_any(tx, caller.actor, id));
    if (confirm != row.number) {
      return invalid_input("customer.confirm_mismatch",
                           fmt::format("Type the customer number {} to confirm.", row.number),
                           "confirm");
    }
    if (row.anonymised_at_ms) return customers_.unseal(tx, row);

    StoredCustomer named;
    named.fields.name = std::string(kAnonymousName);
    fill_search_fields(named);
    CRM_TRY(tx.execute(
        "UPDATE customers SET name = ?, name_lower = ?, name_pinyin = ?, name_initials = ?, "
        "birthday = NULL, phone_cipher = NULL, phone_index = NULL, email_cipher = NULL, "
        "email_index = NULL, id_number_cipher = NULL, id_number_index = NULL, district = '', "
        "address_cipher = NULL, hobbies = '', notes = '', consent_sms = 0, consent_email = 0, "
        "consent_phone = 0, anonymised_at_ms = ?, version = version + 1, updated_at_ms = ?, "
        "updated_by = ? WHERE id = ?",
        named.fields.name, to_lower_ascii(named.fields.name), named.name_pinyin,
        named.name_initials, now, now, caller.actor.user_id, id));
    CRM_TRY(write_name_grams(tx, id, to_lower_ascii(named.fields.name)));
    CRM_TRY(tx.execute("DELETE FROM customer_tags WHERE customer_id = ?", id));
    CRM_TRY(record_consent_changes(tx, id, row.fields.consent, Consent{},
                                   {now, caller.audit.actor_id, caller.audit.actor_name,
                                    "anonymise", ""}));

    // The history keeps what happened and when, not the values: names and texts are personal.
    CRM_TRY_ASSIGN(auto history, tx.query("SELECT id, changes FROM customer_history "
                                          "WHERE customer_id = ? ORDER BY id",
                                          id));
    for (const auto& h : history) {
      auto changes = parse_json(h.get_string(1));
      const std::string scrubbed =
          dump_json(scrub_history_changes(changes ? *changes : Json::object()));
      if (scrubbed == h.get_string(1)) continue;
      CRM_TRY(tx.execute("UPDATE customer_history SET changes = ? WHERE id = ?", scrubbed,
                         h.get_int(0)));
    }
    for (const auto& participant : customers_.participants_.all()) {
      if (participant.anonymise) CRM_TRY(participant.anonymise(tx, id));
    }
    CRM_TRY(customers_.record(tx, caller, id, "anonymised", Json{{"number", row.number}}));
    CRM_TRY_ASSIGN(auto after, customers_.repository_.find(tx, id));
    if (!after) return customer_not_found();
    return customers_.unseal(tx, *after);
  });
}

}  // namespace crm::customers
