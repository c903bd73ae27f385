// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/session_repository.h"

namespace crm::auth {

Result<void> SessionRepository::insert(storage::Connection& c, const SessionRow& s) const {
  CRM_TRY(c.execute("INSERT INTO sessions (id, user_id, csrf_token, created_at_ms, "
                    "last_seen_at_ms, expires_at_ms, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    s.id, s.user_id, s.csrf_token, s.created_at_ms, s.last_seen_at_ms,
                    s.expires_at_ms, s.ip, s.user_agent));
  return {};
}

Result<std::optional<SessionRow>> SessionRepository::find(storage::Connection& c,
                                                          std::string_view id) const {
  CRM_TRY_ASSIGN(auto row, c.query_optional("SELECT id, user_id, csrf_token, created_at_ms, "
                                            "last_seen_at_ms, expires_at_ms, ip, user_agent "
                                            "FROM sessions WHERE id = ?",
                                            id));
  if (!row) return std::optional<SessionRow>();
  return std::optional<SessionRow>(SessionRow{row->get_string(0), row->get_int(1),
                                              row->get_string(2), row->get_int(3),
                                              row->get_int(4), row->get_int(5),
                                              row->get_string(6), row->get_string(7)});
}

Result<void> SessionRepository::touch(storage::Connection& c, std::string_view id,
                                      int64_t now_ms) const {
  CRM_TRY(c.execute("UPDATE sessions SET last_seen_at_ms = ? WHERE id = ?", now_ms, id));
  return {};
}

Result<void> SessionRepository::remove(storage::Connection& c, std::string_view id) const {
  CRM_TRY(c.execute("DELETE FROM sessions WHERE id = ?", id));
  return {};
}

Result<void> SessionRepository::remove_for_user(storage::Connection& c, int64_t user_id,
                                                std::string_view keep_id) const {
  CRM_TRY(c.execute("DELETE FROM sessions WHERE user_id = ? AND id <> ?", user_id, keep_id));
  return {};
}

Result<int64_t> SessionRepository::remove_expired(storage::Connection& c, int64_t idle_before_ms,
                                                  int64_t created_before_ms, int64_t limit) const {
  return c.execute("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
                   "WHERE last_seen_at_ms < ? OR created_at_ms < ? LIMIT ?)",
                   idle_before_ms, created_before_ms, limit);
}

Result<void> SessionRepository::append_login(storage::Connection& c,
                                             const LoginLogEntry& e) const {
  CRM_TRY(c.execute("INSERT INTO login_log (at_ms, username, user_id, ip, user_agent, result) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    e.at_ms, e.username, e.user_id, e.ip, e.user_agent, e.result));
  return {};
}

Result<std::vector<int64_t>> SessionRepository::failure_times(storage::Connection& c, bool by_ip,
                                                              std::string_view value,
                                                              int64_t since_ms) const {
  constexpr std::string_view kByUser =
      "SELECT at_ms FROM login_log WHERE username = ? AND at_ms >= ? "
      "AND result IN ('invalid_credentials', 'totp_invalid') ORDER BY at_ms";
  constexpr std::string_view kByIp =
      "SELECT at_ms FROM login_log WHERE ip = ? AND at_ms >= ? "
      "AND result IN ('invalid_credentials', 'totp_invalid') ORDER BY at_ms";
  CRM_TRY_ASSIGN(auto rows, c.query(by_ip ? kByIp : kByUser, value, since_ms));
  std::vector<int64_t> times;
  for (const storage::Row& row : rows) times.push_back(row.get_int(0));
  return times;
}

Result<std::optional<int64_t>> SessionRepository::last_success_ms(
    storage::Connection& c, std::string_view username) const {
  CRM_TRY_ASSIGN(auto row, c.query_one("SELECT MAX(at_ms) FROM login_log WHERE username = ? "
                                       "AND result = 'success'",
                                       username));
  return row.get_optional_int(0);
}

Result<Page<LoginLogEntry>> SessionRepository::list_logins(storage::Connection& c,
                                                           const LoginLogQuery& q) const {
  std::string where;
  std::vector<storage::Value> params;
  auto add = [&](std::string_view condition, storage::Value value) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
    params.push_back(std::move(value));
  };
  if (q.username) add("username = ?", *q.username);
  if (q.result) add("result = ?", *q.result);
  if (q.from_ms) add("at_ms >= ?", *q.from_ms);
  if (q.to_ms) add("at_ms < ?", *q.to_ms);
  CRM_TRY_ASSIGN(auto total, c.query_values("SELECT COUNT(*) FROM login_log" + where, params));
  Page<LoginLogEntry> page;
  page.total = total.front().get_int(0);
  if (q.after) add("id < ?", *q.after);
  params.emplace_back(int64_t{q.limit + 1});
  CRM_TRY_ASSIGN(auto rows, c.query_values("SELECT id, at_ms, username, user_id, ip, user_agent, "
                                           "result FROM login_log" +
                                               where + " ORDER BY id DESC LIMIT ?",
                                           params));
  for (const storage::Row& row : rows) {
    if (static_cast<int>(page.items.size()) == q.limit) {
      page.next_after = page.items.back().id;
      break;
    }
    page.items.push_back({row.get_int(0), row.get_int(1), row.get_string(2),
                          row.get_optional_int(3), row.get_string(4), row.get_string(5),
                          row.get_string(6)});
  }
  return page;
}

}  // namespace crm::auth
