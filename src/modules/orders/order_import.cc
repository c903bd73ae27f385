// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import.h"

#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/customers/tabular/table.h"
#include "modules/orders/order_intake.h"

namespace crm::orders {

namespace {

// Column -> accepted header names (lower-cased).
const std::map<std::string, std::vector<std::string>>& columns() {
  static const std::map<std::string, std::vector<std::string>> kColumns = {
      {"platform", {"platform", "平台"}},
      {"external_id", {"external_id", "外部订单号", "平台订单号"}},
      {"status", {"status", "状态", "订单状态"}},
      {"placed_at", {"placed_at", "下单时间"}},
      {"customer_name", {"customer_name", "客户姓名", "客户"}},
      {"customer_phone", {"customer_phone", "客户手机", "手机"}},
      {"customer_email", {"customer_email", "客户邮箱", "邮箱"}},
      {"sku", {"sku", "商品编码"}},
      {"quantity", {"quantity", "数量"}},
      {"unit_price_fen", {"unit_price_fen", "单价(分)"}},
      {"line_discount_fen", {"line_discount_fen", "商品优惠(分)"}},
      {"discount_fen", {"discount_fen", "订单优惠(分)"}},
      {"shipping_fee_fen", {"shipping_fee_fen", "运费(分)"}},
      {"payment_method", {"payment_method", "支付方式"}},
      {"channel", {"channel", "渠道"}},
      {"store", {"store", "店铺"}},
      {"buyer_remarks", {"buyer_remarks", "买家备注"}},
      {"receiver_name", {"receiver_name", "收货人"}},
      {"receiver_phone", {"receiver_phone", "收货电话"}},
      {"receiver_province", {"receiver_province", "省"}},
      {"receiver_city", {"receiver_city", "市"}},
      {"receiver_district", {"receiver_district", "区"}},
      {"receiver_address", {"receiver_address", "详细地址"}},
  };
  return kColumns;
}

// Intake field -> import column.
std::string column_of(const std::string& field) {
  static const std::map<std::string, std::string> kFields = {
      {"customer", "customer_name"},        {"customer.name", "customer_name"},
      {"customer.phone", "customer_phone"}, {"customer.email", "customer_email"},
      {"receiver.name", "receiver_name"},   {"receiver.phone", "receiver_phone"},
      {"receiver.province", "receiver_province"}, {"receiver.city", "receiver_city"},
      {"receiver.district", "receiver_district"}, {"receiver.address", "receiver_address"},
      {"items", "sku"}};
  if (auto found = kFields.find(field); found != kFields.end()) return found->second;
  const auto dot = field.find("].");
  if (starts_with(field, "items[") && dot != std::string::npos) {
    const std::string rest = field.substr(dot + 2);
    return rest == "discount_fen" ? "line_discount_fen" : rest;
  }
  return field;
}

// The line index k of "items[k]...", or -1.
int64_t line_of(const std::string& field) {
  if (!starts_with(field, "items[")) return -1;
  return parse_int64(field.substr(6, field.find(']') - 6)).value_or(-1);
}

struct Group {
  std::vector<size_t> rows;  // indexes into table.rows
};

}  // namespace

Json import_report_json(const ImportReport& r) {
  Json errors = Json::array();
  for (const auto& e : r.errors) {
    errors.push_back({{"row", e.row}, {"column", e.column}, {"code", e.code},
                      {"message", e.message}});
  }
  Json out{{"dry_run", r.dry_run}, {"rows", r.rows},       {"orders", r.orders},
           {"created", r.created}, {"skipped", r.skipped}, {"errors", errors}};
  if (!r.errors.empty()) {
    const auto& first = r.errors.front();
    out["error"] = {{"code", "order_import.invalid_rows"},
                    {"message", fmt::format("Row {} ({}): {} Nothing was imported.", first.row,
                                            first.column, first.message)},
                    {"field", first.column}};
  }
  return out;
}

Result<ImportReport> OrderImport::run(const customers::Caller& caller, std::string_view bytes,
                                      bool dry_run) {
  CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(bytes));
  if (table.rows.size() > kMaxRows) {
    return invalid_input("order_import.too_many_rows",
                         fmt::format("At most {} rows per import.", kMaxRows), "file");
  }
  std::map<std::string, size_t> index;  // column -> position
  for (size_t i = 0; i < table.header.size(); ++i) {
    const std::string name = to_lower_ascii(trim(table.header[i]));
    for (const auto& [column, aliases] : columns()) {
      for (const auto& alias : aliases) {
        if (name == alias && !index.count(column)) index[column] = i;
      }
    }
  }
  for (const char* required : {"external_id", "customer_name", "sku", "quantity"}) {
    if (!index.count(required)) {
      return invalid_input("order_import.missing_column",
                           fmt::format("The file has no {} column.", required), required);
    }
  }
  auto cell = [&](size_t row, const std::string& column) -> std::string {
    const auto found = index.find(column);
    if (found == index.end() || found->second >= table.rows[row].size()) return "";
    return std::string(trim(table.rows[row][found->second]));
  };

  ImportReport report;
  report.dry_run = dry_run;
  report.rows = static_cast<int64_t>(table.rows.size());
  auto add_error = [&](size_t row, std::string column, std::string code, std::string message) {
    if (report.errors.size() < kMaxErrors) {
      report.errors.push_back({static_cast<int64_t>(row) + 2, std::move(column), std::move(code),
                               std::move(message)});
    }
  };

  // Group rows into orders, in order of first appearance.
  std::vector<std::pair<std::string, Group>> groups;
  std::map<std::string, size_t> group_of;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::string external_id = cell(r, "external_id");
    if (external_id.empty()) {
      add_error(r, "external_id", "validation.required", "external_id is required.");
      continue;
    }
    const std::string platform = cell(r, "platform").empty() ? "manual" : cell(r, "platform");
    const std::string key = platform + '\n' + external_id;
    auto [it, inserted] = group_of.emplace(key, groups.size());
    if (inserted) groups.push_back({key, Group{}});
    groups[it->second].second.rows.push_back(r);
  }
  report.orders = static_cast<int64_t>(groups.size());

  // Every order as an intake body, checked like the API checks it.
  const int64_t now = env_.clock.now_ms();
  struct Parsed {
    OrderDraft draft;
    std::string status;
    const Group* group;
  };
  std::vector<Parsed> parsed;
  for (const auto& [key, group] : groups) {
    const size_t first = group.rows.front();
    Json body = Json::object();
    for (const char* column : {"platform", "external_id", "channel", "store", "payment_method",
                               "buyer_remarks"}) {
      if (!cell(first, column).empty()) body[column] = cell(first, column);
    }
    auto set_int = [&](Json& target, const char* key_name, size_t row, const std::string& column) {
      const std::string text = cell(row, column);
      if (text.empty()) return;
      if (auto value = parse_int64(text)) {
        target[key_name] = *value;
      } else {
        target[key_name] = text;  // rejected by the intake as validation.type
      }
    };
    set_int(body, "discount_fen", first, "discount_fen");
    set_int(body, "shipping_fee_fen", first, "shipping_fee_fen");
    const std::string placed = cell(first, "placed_at");
    if (!placed.empty()) {
      if (auto ms = parse_int64(placed)) body["placed_at"] = *ms; else body["placed_at"] = placed;
    }
    Json customer{{"name", cell(first, "customer_name")}};
    if (!cell(first, "customer_phone").empty()) customer["phone"] = cell(first, "customer_phone");
    if (!cell(first, "customer_email").empty()) customer["email"] = cell(first, "customer_email");
    body["customer"] = customer;
    Json receiver = Json::object();
    for (const char* part : {"name", "phone", "province", "city", "district", "address"}) {
      const std::string value = cell(first, std::string("receiver_") + part);
      if (!value.empty()) receiver[part] = value;
    }
    body["receiver"] = receiver;
    Json items = Json::array();
    for (const size_t row : group.rows) {
      Json item{{"sku", cell(row, "sku")}};
      set_int(item, "quantity", row, "quantity");
      set_int(item, "unit_price_fen", row, "unit_price_fen");
      set_int(item, "discount_fen", row, "line_discount_fen");
      items.push_back(std::move(item));
    }
    body["items"] = std::move(items);

    auto row_of = [&](const std::string& field) {
      const int64_t line = line_of(field);
      return line >= 0 && static_cast<size_t>(line) < group.rows.size() ? group.rows[line] : first;
    };
    std::string status = to_lower_ascii(cell(first, "status"));
    if (status.empty()) status = "completed";
    if (status == "已完成") status = "completed";
    if (status == "已取消") status = "cancelled";
    if (status != "completed" && status != "cancelled") {
      add_error(first, "status", "order_import.invalid_status",
                "status must be completed or cancelled for historical orders.");
      continue;
    }
    auto draft = parse_order_draft(body, now);
    if (!draft) {
      const Error& e = draft.error();
      add_error(row_of(e.field), column_of(e.field), e.code, e.message);
      continue;
    }
    parsed.push_back({std::move(draft).value(), status, &group});
  }
  if (!report.errors.empty()) return report;

  // One transaction for all orders: any bad row rolls everything back.
  static const Error kRollback{ErrorKind::kConflict, "order_import.rollback", "", ""};
  auto written = env_.db.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    int64_t created = 0;
    for (const Parsed& p : parsed) {
      const size_t first = p.group->rows.front();
      CRM_TRY_ASSIGN(auto existing, env_.repository.find_by_external(tx, p.draft.platform,
                                                                     *p.draft.external_id));
      if (existing) {
        ++report.skipped;
        continue;
      }
      auto built = build_order(tx, env_, caller, p.draft);
      if (!built) {
        const Error& e = built.error();
        if (e.kind != ErrorKind::kInvalidInput && e.kind != ErrorKind::kConflict) {
          return std::move(built).error();
        }
        const int64_t line = line_of(e.field);
        const size_t row = line >= 0 && static_cast<size_t>(line) < p.group->rows.size()
                               ? p.group->rows[line]
                               : first;
        add_error(row, column_of(e.field), e.code, e.message);
        continue;
      }
      Order order = std::move(built).value();
      order.status = p.status;
      if (p.status == "completed") {
        order.paid_fen = order.total_fen;
        order.approved_at_ms = order.paid_at_ms = order.shipped_at_ms = order.delivered_at_ms =
            order.completed_at_ms = order.placed_at_ms;
      } else {
        order.cancelled_at_ms = order.placed_at_ms;
      }
      CRM_TRY_ASSIGN(order.id, env_.repository.insert(tx, order));
      CRM_TRY(env_.repository.add_event(
          tx, order.id,
          OrderEvent{0, now, "import", std::nullopt, order.status, caller.audit.actor_id,
                     caller.audit.actor_name, "historical import"}));
      if (p.status == "completed") {
        CRM_TRY(env_.customers.mark_transacted(tx, caller, order.customer_id));
      }
      ++created;
    }
    if (!report.errors.empty() || dry_run) return kRollback;
    audit::AuditEntry entry = caller.audit;
    entry.action = "orders.imported";
    entry.target_type = "order";
    entry.target_id = "import";
    entry.changes = Json{{"rows", report.rows}, {"orders", created}, {"skipped", report.skipped}};
    CRM_TRY(env_.audit.record(tx, entry));
    return created;
  });
  if (!written) {
    if (written.error().code != "order_import.rollback") return std::move(written).error();
    return report;
  }
  report.created = *written;
  return report;
}

}  // namespace crm::orders
