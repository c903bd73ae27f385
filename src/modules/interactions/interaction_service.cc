// SPDX-License-Identifier: Apache-2.0
#include "modules/interactions/interaction_service.h"

#include <fmt/format.h>

#include "core/text.h"
#include "storage/storage_error.h"

namespace crm::interactions {

namespace {

constexpr std::string_view kColumns =
    "id, customer_id, customer_owner_id, at_ms, channel_id, subject, content, outcome, staff_id, "
    "staff_name, follow_up_on, created_at_ms, updated_at_ms";
constexpr int64_t kDayMs = 86'400'000;

Interaction from_row(const storage::Row& r) {
  return Interaction{r.get_int(0),    r.get_int(1),    r.get_int(2),    r.get_int(3),
                     r.get_int(4),    r.get_string(5), r.get_string(6), r.get_string(7),
                     r.get_int(8),    r.get_string(9), r.get_optional_string(10),
                     r.get_int(11),   r.get_int(12)};
}

Channel channel_from_row(const storage::Row& r) {
  return Channel{r.get_int(0), r.get_string(1), r.get_string(2), r.get_bool(3), r.get_bool(4),
                 r.get_int(5)};
}

size_t char_count(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

std::string escape_like(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Result<std::string> text_field(const Json& body, std::string_view field, size_t min, size_t max) {
  CRM_TRY_ASSIGN(auto value, optional_string(body, field));
  std::string text(trim(value.value_or("")));
  if (!is_valid_utf8(text)) {
    return invalid_input("validation.type", std::string(field) + " must be UTF-8 text.",
                         std::string(field));
  }
  if (text.empty() && min > 0) {
    return invalid_input("validation.required", std::string(field) + " is required.",
                         std::string(field));
  }
  if (char_count(text) > max) {
    return invalid_input("validation.length",
                         fmt::format("{} must be at most {} characters.", field, max),
                         std::string(field));
  }
  return text;
}

Result<int64_t> int_field(const Json& body, std::string_view field) {
  const std::string key(field);
  if (!body.contains(key) || body.at(key).is_null()) {
    return invalid_input("validation.required", key + " is required.", key);
  }
  if (!body.at(key).is_number_integer()) {
    return invalid_input("validation.type", key + " must be an integer.", key);
  }
  return body.at(key).get<int64_t>();
}

Json to_audit(const Interaction& i) {
  return {{"customer_id", i.customer_id}, {"at", i.at_ms},         {"channel_id", i.channel_id},
          {"subject", i.subject},         {"outcome", i.outcome},
          {"follow_up_on", i.follow_up_on ? Json(*i.follow_up_on) : Json(nullptr)}};
}

// Applies the fields present in `body` (all required ones when creating).
Result<void> apply(const Json& body, Interaction& i, bool creating, int64_t now_ms) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  if (creating || body.contains("subject")) {
    CRM_TRY_ASSIGN(i.subject, text_field(body, "subject", 1, 200));
  }
  if (body.contains("content")) {
    CRM_TRY_ASSIGN(i.content, text_field(body, "content", 0, 10000));
  }
  if (body.contains("outcome")) {
    CRM_TRY_ASSIGN(i.outcome, text_field(body, "outcome", 0, 2000));
  }
  if (creating || body.contains("at")) {
    CRM_TRY_ASSIGN(i.at_ms, int_field(body, "at"));
    if (i.at_ms <= 0 || i.at_ms > now_ms + kDayMs) {
      return invalid_input("validation.range", "at must not be more than 1 day in the future.",
                           "at");
    }
  }
  if (creating || body.contains("channel_id")) {
    CRM_TRY_ASSIGN(i.channel_id, int_field(body, "channel_id"));
  }
  if (body.contains("follow_up_on")) {
    CRM_TRY_ASSIGN(auto date, optional_string(body, "follow_up_on"));
    if (date && !date->empty() && !is_date(*date)) {
      return invalid_input("validation.date", "follow_up_on must be YYYY-MM-DD.", "follow_up_on");
    }
    i.follow_up_on = date && !date->empty() ? date : std::nullopt;
  }
  return {};
}

Result<void> apply_channel(const Json& body, Channel& c, bool creating) {
  if (!body.is_object()) return invalid_input("validation.type", "The body must be an object.");
  if (creating || body.contains("name")) {
    CRM_TRY_ASSIGN(c.name, text_field(body, "name", 1, 32));
  }
  if (creating || body.contains("kind")) {
    CRM_TRY_ASSIGN(c.kind, text_field(body, "kind", 1, 16));
    if (c.kind != "phone" && c.kind != "online" && c.kind != "email" && c.kind != "in_person" &&
        c.kind != "written" && c.kind != "other") {
      return invalid_input("validation.enum",
                           "kind must be phone, online, email, in_person, written or other.",
                           "kind");
    }
  }
  if (body.contains("enabled")) {
    if (!body.at("enabled").is_boolean()) {
      return invalid_input("validation.type", "enabled must be true or false.", "enabled");
    }
    c.enabled = body.at("enabled").get<bool>();
  }
  return {};
}

Error map_channel_conflict(Error error) {
  if (storage::is_unique_violation(error)) {
    return conflict("interaction_channel.name_taken", "A channel with this name already exists.",
                    "name");
  }
  return error;
}

}  // namespace

Result<void> InteractionService::record(storage::Connection& tx, const customers::Caller& caller,
                                        std::string_view action, std::string_view type,
                                        int64_t id, Json changes) const {
  audit::AuditEntry entry = caller.audit;
  entry.action = std::string(type) + "." + std::string(action);
  entry.target_type = std::string(type);
  entry.target_id = std::to_string(id);
  entry.changes = std::move(changes);
  return audit_.record(tx, entry);
}

Result<Interaction> InteractionService::load(storage::Connection& db, const http::Actor& actor,
                                             int64_t id) const {
  const std::string sql = fmt::format("SELECT {} FROM interactions WHERE id = ?", kColumns);
  CRM_TRY_ASSIGN(auto row, db.query_optional(sql, id));
  const auto owner = customers::scope_owner(actor);
  if (!row) return not_found("interaction.not_found", "The communication record does not exist.");
  Interaction i = from_row(*row);
  if (owner && i.customer_owner_id != *owner && i.staff_id != *owner) {
    return not_found("interaction.not_found", "The communication record does not exist.");
  }
  return i;
}

Result<Channel> InteractionService::load_channel(storage::Connection& db, int64_t id) const {
  CRM_TRY_ASSIGN(auto row, db.query_optional("SELECT id, name, kind, enabled, builtin, "
                                             "created_at_ms FROM interaction_channels WHERE id = ?",
                                             id));
  if (!row) return not_found("interaction_channel.not_found", "The channel does not exist.");
  return channel_from_row(*row);
}

Result<void> InteractionService::check_channel(storage::Connection& db, int64_t channel_id) const {
  auto channel = load_channel(db, channel_id);
  if (!channel) {
    if (channel.error().kind != ErrorKind::kNotFound) return std::move(channel).error();
    return invalid_input("interaction.unknown_channel", "The channel does not exist.",
                         "channel_id");
  }
  if (!channel->enabled) {
    return invalid_input("interaction.channel_disabled",
                         "The channel is disabled and cannot be chosen for new records.",
                         "channel_id");
  }
  return {};
}

std::optional<customers::CustomerRef> InteractionService::customer_ref(int64_t customer_id) {
  http::Actor system;
  system.data_scope = "all";
  auto ref = customers_.get_visible(system, customer_id);
  if (!ref) return std::nullopt;
  return std::move(ref).value();
}

Result<Interaction> InteractionService::create(const customers::Caller& caller, const Json& body) {
  Interaction i;
  const int64_t now = clock_.now_ms();
  CRM_TRY(apply(body, i, true, now));
  CRM_TRY_ASSIGN(i.customer_id, int_field(body, "customer_id"));
  CRM_TRY_ASSIGN(const customers::CustomerRef customer,
                 customers_.get_visible(caller.actor, i.customer_id));
  i.customer_owner_id = customer.owner_id;
  i.staff_id = caller.actor.user_id;
  i.staff_name = caller.actor.display_name;
  i.created_at_ms = i.updated_at_ms = now;
  return db_.transaction([&](storage::Connection& tx) -> Result<Interaction> {
    CRM_TRY(check_channel(tx, i.channel_id));
    CRM_TRY_ASSIGN(storage::Row row,
                   tx.query_one("INSERT INTO interactions (customer_id, customer_owner_id, at_ms, "
                                "channel_id, subject, content, outcome, staff_id, staff_name, "
                                "follow_up_on, created_at_ms, updated_at_ms) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                i.customer_id, i.customer_owner_id, i.at_ms, i.channel_id,
                                i.subject, i.content, i.outcome, i.staff_id, i.staff_name,
                                i.follow_up_on, i.created_at_ms, i.updated_at_ms));
    i.id = row.get_int(0);
    CRM_TRY(record(tx, caller, "created", "interaction", i.id, to_audit(i)));
    return i;
  });
}

Result<Interaction> InteractionService::get(const customers::Caller& caller, int64_t id) {
  return db_.read([&](storage::Connection& db) { return load(db, caller.actor, id); });
}

Result<Interaction> InteractionService::update(const customers::Caller& caller, int64_t id,
                                               const Json& body) {
  const int64_t now = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<Interaction> {
    CRM_TRY_ASSIGN(Interaction i, load(tx, caller.actor, id));
    const Interaction before = i;
    CRM_TRY(apply(body, i, false, now));
    if (i.channel_id != before.channel_id) {
      CRM_TRY(check_channel(tx, i.channel_id));
    }
    const Json from = to_audit(before);
    const Json to = to_audit(i);
    Json changes = Json::object();
    for (const auto& [key, value] : to.items()) {
      if (from.at(key) != value) changes[key] = audit::change(from.at(key), value);
    }
    if (before.content != i.content) changes["content"] = audit::change("…", "…");
    if (changes.empty()) return i;
    i.updated_at_ms = now;
    CRM_TRY(tx.execute("UPDATE interactions SET at_ms = ?, channel_id = ?, subject = ?, "
                       "content = ?, outcome = ?, follow_up_on = ?, updated_at_ms = ? WHERE id = ?",
                       i.at_ms, i.channel_id, i.subject, i.content, i.outcome, i.follow_up_on,
                       i.updated_at_ms, i.id));
    CRM_TRY(record(tx, caller, "updated", "interaction", i.id, std::move(changes)));
    return i;
  });
}

Result<void> InteractionService::remove(const customers::Caller& caller, int64_t id) {
  return db_.transaction([&](storage::Connection& tx) -> Result<void> {
    CRM_TRY_ASSIGN(Interaction i, load(tx, caller.actor, id));
    CRM_TRY(tx.execute("DELETE FROM interactions WHERE id = ?", id));
    return record(tx, caller, "deleted", "interaction", id, to_audit(i));
  });
}

Result<InteractionPage> InteractionService::list(const customers::Caller& caller,
                                                 const InteractionQuery& query) {
  const InteractionFilter& f = query.filter;
  std::string where = "1 = 1";
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, auto... values) {
    where += " AND ";
    where += condition;
    (params.push_back(storage::to_value(values)), ...);
  };
  if (const auto owner = customers::scope_owner(caller.actor)) {
    add("(customer_owner_id = ? OR staff_id = ?)", *owner, *owner);
  }
  if (f.q) {
    CRM_TRY_ASSIGN(auto ids, customers_.visible_ids_by_name_prefix(caller.actor, *f.q, 500));
    if (ids.empty()) return InteractionPage{};
    std::string in = "customer_id IN (";
    for (size_t k = 0; k < ids.size(); ++k) in += k == 0 ? "?" : ", ?";
    in += ")";
    where += " AND " + in;
    for (const int64_t id : ids) params.push_back(id);
  }
  if (f.customer_id) add("customer_id = ?", *f.customer_id);
  if (f.channel_id) add("channel_id = ?", *f.channel_id);
  if (f.staff_id) add("staff_id = ?", *f.staff_id);
  if (f.subject) add("subject LIKE ? ESCAPE '\\'", "%" + escape_like(*f.subject) + "%");
  if (f.from_ms) add("at_ms >= ?", *f.from_ms);
  if (f.to_ms) add("at_ms < ?", *f.to_ms);

  return db_.read([&](storage::Connection& db) -> Result<InteractionPage> {
    InteractionPage page;
    CRM_TRY_ASSIGN(auto count_rows,
                   db.query_values("SELECT COUNT(*) FROM interactions WHERE " + where, params));
    page.total = count_rows.front().get_int(0);
    std::string keyset = where;
    std::vector<storage::Value> keyset_params = params;
    if (query.after) {
      const auto dot = query.after->find('.');
      const auto at = dot == std::string::npos ? std::nullopt
                                               : parse_int64(query.after->substr(0, dot));
      const auto id = dot == std::string::npos ? std::nullopt
                                               : parse_int64(query.after->substr(dot + 1));
      if (!at || !id) {
        return invalid_input("interaction.invalid_cursor", "after is not a valid cursor.",
                             "after");
      }
      keyset += " AND (at_ms < ? OR (at_ms = ? AND id < ?))";
      keyset_params.insert(keyset_params.end(), {*at, *at, *id});
    }
    CRM_TRY_ASSIGN(auto rows,
                   db.query_values(fmt::format("SELECT {} FROM interactions WHERE {} ORDER BY "
                                               "at_ms DESC, id DESC LIMIT {}",
                                               kColumns, keyset, query.limit + 1),
                                   keyset_params));
    for (const auto& row : rows) page.items.push_back(from_row(row));
    if (page.items.size() > static_cast<size_t>(query.limit)) {
      page.items.pop_back();
      page.next_after = fmt::format("{}.{}", page.items.back().at_ms, page.items.back().id);
    }
    return page;
  });
}

Result<std::vector<Channel>> InteractionService::channels() {
  return db_.read([&](storage::Connection& db) -> Result<std::vector<Channel>> {
    CRM_TRY_ASSIGN(auto rows, db.query("SELECT id, name, kind, enabled, builtin, created_at_ms "
                                       "FROM interaction_channels ORDER BY id"));
    std::vector<Channel> out;
    for (const auto& row : rows) out.push_back(channel_from_row(row));
    return out;
  });
}

Result<Channel> InteractionService::get_channel(int64_t id) {
  return db_.read([&](storage::Connection& db) { return load_channel(db, id); });
}

Result<Channel> InteractionService::create_channel(const customers::Caller& caller,
                                                   const Json& body) {
  Channel c;
  CRM_TRY(apply_channel(body, c, true));
  c.created_at_ms = clock_.now_ms();
  return db_.transaction([&](storage::Connection& tx) -> Result<Channel> {
    auto row = tx.query_one("INSERT INTO interaction_channels (name, kind, enabled, builtin, "
                            "created_at_ms) VALUES (?, ?, ?, 0, ?) RETURNING id",
                            c.name, c.kind, int64_t{c.enabled ? 1 : 0}, c.created_at_ms);
    if (!row) return map_channel_conflict(std::move(row).error());
    c.id = row->get_int(0);
    CRM_TRY(record(tx, caller, "created", "interaction_channel", c.id,
                   {{"name", c.name}, {"kind", c.kind}, {"enabled", c.enabled}}));
    return c;
  });
}

Result<Channel> InteractionService::update_channel(const customers::Caller& caller, int64_t id,
                                                   const Json& body) {
  return db_.transaction([&](storage::Connection& tx) -> Result<Channel> {
    CRM_TRY_ASSIGN(Channel c, load_channel(tx, id));
    const Channel before = c;
    CRM_TRY(apply_channel(body, c, false));
    Json changes = Json::object();
    if (before.name != c.name) changes["name"] = audit::change(before.name, c.name);
    if (before.kind != c.kind) changes["kind"] = audit::change(before.kind, c.kind);
    if (before.enabled != c.enabled) changes["enabled"] = audit::change(before.enabled, c.enabled);
    if (changes.empty()) return c;
    auto updated = tx.execute("UPDATE interaction_channels SET name = ?, kind = ?, enabled = ? "
                              "WHERE id = ?", c.name, c.kind, int64_t{c.enabled ? 1 : 0}, id);
    if (!updated) return map_channel_conflict(std::move(updated).error());
    CRM_TRY(record(tx, caller, "updated", "interaction_channel", id, std::move(changes)));
    return c;
  });
}

}  // namespace crm::interactions
