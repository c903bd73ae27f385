// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import_rows.h"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "core/time_text.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/tabular/table.h"

namespace crm::orders {

namespace {

// Where the CSV record starting at `pos` ends (after its line break), scanning exactly as
// tabular::read_csv does: a quote opens a cell only at the cell's start; CRLF, LF or a lone CR end
// a record. The structural bytes are ASCII, which GB18030 never uses inside a character, so this
// works on undecoded bytes too. An unterminated quote runs to the end (read_csv reports it).
size_t record_end(std::string_view s, size_t pos) {
  const size_t n = s.size();
  while (pos < n) {
    if (s[pos] == '"') {
      ++pos;
      while (pos < n) {
        if (s[pos] == '"') {
          if (pos + 1 < n && s[pos + 1] == '"') {
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        ++pos;
      }
    }
    const size_t stop = s.find_first_of(",\r\n", pos);
    if (stop == std::string_view::npos) return n;
    pos = stop + 1;
    if (s[stop] == ',') continue;
    if (s[stop] == '\r' && pos < n && s[pos] == '\n') ++pos;
    return pos;
  }
  return n;
}

bool blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); });
}

// "items[k]..." -> k, or -1.
int64_t line_of(const std::string& field) {
  if (!starts_with(field, "items[")) return -1;
  return parse_int64(field.substr(6, field.find(']') - 6)).value_or(-1);
}

}  // namespace

Result<SplitFile> split_file(std::string_view bytes, size_t part_bytes, size_t preview_rows,
                             const PartSink& sink) {
  tabular::Format format = tabular::Format::kCsv;
  SplitFile out;
  auto take = [&](const tabular::Table& table, bool first) {
    if (first) out.header = table.header;
    for (const auto& row : table.rows) {
      if (blank(row)) continue;
      ++out.row_count;
      if (out.preview.size() < preview_rows) {
        auto padded = row;
        padded.resize(table.header.size());
        out.preview.push_back(std::move(padded));
      }
    }
  };
  if (tabular::detect_format(bytes) == tabular::Format::kXlsx || bytes.size() <= part_bytes) {
    CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(bytes, &format));
    out.format = format == tabular::Format::kXlsx ? "xlsx" : "csv";
    take(table, true);
    CRM_TRY(sink(ImportPart{0, 2, std::string(bytes)}));
    return out;
  }
  out.format = "csv";
  const size_t header_end = record_end(bytes, 0);
  std::string header_line(bytes.substr(0, header_end));
  if (header_line.empty() || (header_line.back() != '\n' && header_line.back() != '\r')) {
    header_line += '\n';
  }
  size_t pos = header_end;
  int64_t first_row = 2;
  for (int64_t seq = 0; pos < bytes.size() || seq == 0; ++seq) {
    const size_t start = pos;
    int64_t records = 0;
    while (pos < bytes.size() && (pos - start < part_bytes || records == 0)) {
      pos = record_end(bytes, pos);
      ++records;
    }
    ImportPart part{seq, first_row, {}};
    part.bytes.reserve(header_line.size() + pos - start);
    part.bytes.append(seq == 0 ? std::string_view(bytes.substr(0, header_end)) : header_line);
    part.bytes.append(bytes.substr(start, pos - start));
    auto table = seq == 0 ? tabular::read_table(part.bytes) : tabular::read_csv(part.bytes);
    if (!table) {
      Error error = std::move(table).error();
      if (seq > 0) {
        error.message = fmt::format("From row {}: {}", first_row, error.message);
      }
      return error;
    }
    take(*table, seq == 0);
    CRM_TRY(sink(part));
    first_row += records;
  }
  return out;
}

int64_t row_of(const ParsedOrder& order, const std::string& field) {
  const int64_t line = line_of(field);
  if (line >= 0 && static_cast<size_t>(line) < order.rows.size()) return order.rows[line];
  return order.rows.front();
}

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

void OrderStream::add_error(int64_t row, std::string column, std::string code,
                            std::string message) {
  ++error_count_;
  if (errors_.size() < kMaxErrors) {
    errors_.push_back({row, std::move(column), std::move(code), std::move(message)});
  }
}

Result<bool> OrderStream::next_row(int64_t& number, std::vector<std::string>& cells) {
  while (true) {
    if (next_in_part_ < part_rows_.size()) {
      const size_t i = next_in_part_++;
      if (blank(part_rows_[i])) continue;
      number = first_row_ + static_cast<int64_t>(i);
      cells = std::move(part_rows_[i]);
      return true;
    }
    if (parts_done_) return false;
    CRM_TRY_ASSIGN(auto part, fetch_(seq_));
    if (!part) {
      parts_done_ = true;
      part_rows_.clear();
      return false;
    }
    ++seq_;
    CRM_TRY_ASSIGN(tabular::Table table, tabular::read_table(part->bytes));
    part_rows_ = std::move(table.rows);
    first_row_ = part->first_row;
    next_in_part_ = 0;
  }
}

Result<std::vector<ParsedOrder>> OrderStream::next(size_t n) {
  std::vector<ParsedOrder> out;
  int64_t number = 0;
  std::vector<std::string> cells;
  // A column maps to one field at most, so its cell can be moved out (trimmed).
  auto take = [&](size_t field) -> std::string {
    const auto at = index_[field];
    if (!at || *at >= cells.size()) return "";
    std::string& text = cells[*at];
    const std::string_view trimmed = trim(text);
    if (trimmed.size() == text.size()) return std::move(text);
    return std::string(trimmed);
  };
  auto emit = [&] {
    ++orders_;
    const std::string key = pending_->platform + '\n' + pending_->external_id;
    seen_keys_.emplace_back(std::hash<std::string>{}(key), pending_->rows.front());
    if (auto parsed = parse(*pending_)) out.push_back(std::move(*parsed));
    pending_.reset();
  };
  while (out.size() < n) {
    CRM_TRY_ASSIGN(const bool more, next_row(number, cells));
    if (!more) {
      if (pending_) emit();
      if (out.empty()) finish();
      return out;
    }
    ++rows_;
    std::vector<std::string> kept(kImportFieldCount);
    for (size_t f = 0; f < kImportFieldCount; ++f) kept[f] = take(f);
    const std::string& external_id = kept[static_cast<size_t>(ImportField::kExternalId)];
    if (external_id.empty()) {
      add_error(number, "external_id", "validation.required", "external_id is required.");
      continue;
    }
    const std::string& platform_cell = kept[static_cast<size_t>(ImportField::kPlatform)];
    const std::string_view platform =
        platform_cell.empty() ? std::string_view("manual") : std::string_view(platform_cell);
    if (pending_ && (pending_->platform != platform || pending_->external_id != external_id)) {
      emit();
    }
    if (!pending_) pending_ = Pending{std::string(platform), external_id, {}, {}};
    pending_->rows.push_back(number);
    pending_->cells.push_back(std::move(kept));
  }
  return out;
}

void OrderStream::finish() {
  if (finished_) return;
  finished_ = true;
  std::sort(seen_keys_.begin(), seen_keys_.end());
  for (size_t i = 1; i < seen_keys_.size(); ++i) {
    if (seen_keys_[i].first == seen_keys_[i - 1].first) {
      add_error(seen_keys_[i].second, "external_id", "order_import.split_order",
                fmt::format("The rows of this order must be next to each other: the same "
                            "platform and external_id came earlier, at row {}.",
                            seen_keys_[i - 1].second));
    }
  }
  std::sort(errors_.begin(), errors_.end(),
            [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  seen_keys_.clear();
  seen_keys_.shrink_to_fit();
}

OrderDraft OrderStream::checked_draft(const Pending& p) const {
  // The values parse_order_draft takes from the body parse() builds (cells are trimmed).
  auto at = [&](size_t line, ImportField field) -> const std::string& {
    return p.cells[line][static_cast<size_t>(field)];
  };
  auto number = [&](size_t line, ImportField field) -> std::optional<int64_t> {
    const std::string& text = at(line, field);
    return text.empty() ? std::nullopt : parse_int64(text);
  };
  OrderDraft d;
  d.platform = p.platform;
  d.external_id = p.external_id;
  d.person = Json{{"name", at(0, ImportField::kCustomerName)}};
  if (const std::string& phone = at(0, ImportField::kCustomerPhone); !phone.empty()) {
    d.person["phone"] = customers::normalize_phone(phone).value_or(phone);
  }
  if (const std::string& email = at(0, ImportField::kCustomerEmail); !email.empty()) {
    d.person["email"] = customers::normalize_email(email).value_or(email);
  }
  d.items.reserve(p.cells.size());
  for (size_t line = 0; line < p.cells.size(); ++line) {
    LineDraft& item = d.items.emplace_back();
    item.sku = at(line, ImportField::kSku);
    item.quantity = number(line, ImportField::kQuantity).value_or(0);
    item.unit_price_fen = number(line, ImportField::kUnitPriceFen);
    item.discount_fen = number(line, ImportField::kLineDiscountFen).value_or(0);
  }
  d.discount_fen = number(0, ImportField::kDiscountFen).value_or(0);
  d.shipping_fee_fen = number(0, ImportField::kShippingFeeFen).value_or(0);
  d.channel = at(0, ImportField::kChannel);
  d.store = at(0, ImportField::kStore);
  d.buyer_remarks = at(0, ImportField::kBuyerRemarks);
  if (!at(0, ImportField::kPaymentMethod).empty()) {
    d.payment_method = at(0, ImportField::kPaymentMethod);
  }
  ReceiverDraft& r = d.receiver;
  r.name = at(0, ImportField::kReceiverName);
  if (const std::string& phone = at(0, ImportField::kReceiverPhone); !phone.empty()) {
    r.phone = customers::normalize_phone(phone).value_or(phone);
  }
  r.province = at(0, ImportField::kReceiverProvince);
  r.city = at(0, ImportField::kReceiverCity);
  r.district = at(0, ImportField::kReceiverDistrict);
  if (const std::string& address = at(0, ImportField::kReceiverAddress); !address.empty()) {
    r.address = address;
  }
  const std::string& placed = at(0, ImportField::kPlacedAt);
  d.placed_at_ms = placed.empty() ? now_ms_
                                  : parse_int64(placed).value_or(parse_time(placed).value_or(0));
  return d;
}

std::optional<ParsedOrder> OrderStream::parse(const Pending& p) {
  // Cells of a kept row are indexed by ImportField.
  auto at = [&](size_t line, ImportField field) -> const std::string& {
    return p.cells[line][static_cast<size_t>(field)];
  };
  auto set_int = [](Json& target, const char* key, const std::string& text) {
    if (text.empty()) return;
    if (auto value = parse_int64(text)) {
      target[key] = *value;
    } else {
      target[key] = text;  // rejected by the intake as validation.type
    }
  };
  const int64_t first = p.rows.front();
  ParsedOrder order;
  order.status = to_lower_ascii(at(0, ImportField::kStatus));
  if (order.status.empty() || order.status == "已完成") order.status = "completed";
  if (order.status == "已取消") order.status = "cancelled";
  if (order.status != "completed" && order.status != "cancelled") {
    add_error(first, "status", "order_import.invalid_status",
              "status must be completed or cancelled for historical orders.");
    return std::nullopt;
  }
  order.rows = p.rows;
  if (checked_) {
    order.draft = checked_draft(p);
    return order;
  }
  Json body = Json::object();
  body["platform"] = p.platform;
  body["external_id"] = p.external_id;
  for (auto [key, field] : {std::pair{"channel", ImportField::kChannel},
                            {"store", ImportField::kStore},
                            {"payment_method", ImportField::kPaymentMethod},
                            {"buyer_remarks", ImportField::kBuyerRemarks}}) {
    if (!at(0, field).empty()) body[key] = at(0, field);
  }
  set_int(body, "discount_fen", at(0, ImportField::kDiscountFen));
  set_int(body, "shipping_fee_fen", at(0, ImportField::kShippingFeeFen));
  const std::string& placed = at(0, ImportField::kPlacedAt);
  if (!placed.empty()) {
    if (auto ms = parse_int64(placed)) body["placed_at"] = *ms; else body["placed_at"] = placed;
  }
  Json customer{{"name", at(0, ImportField::kCustomerName)}};
  if (!at(0, ImportField::kCustomerPhone).empty()) {
    customer["phone"] = at(0, ImportField::kCustomerPhone);
  }
  if (!at(0, ImportField::kCustomerEmail).empty()) {
    customer["email"] = at(0, ImportField::kCustomerEmail);
  }
  body["customer"] = std::move(customer);
  Json receiver = Json::object();
  for (auto [key, field] : {std::pair{"name", ImportField::kReceiverName},
                            {"phone", ImportField::kReceiverPhone},
                            {"province", ImportField::kReceiverProvince},
                            {"city", ImportField::kReceiverCity},
                            {"district", ImportField::kReceiverDistrict},
                            {"address", ImportField::kReceiverAddress}}) {
    if (!at(0, field).empty()) receiver[key] = at(0, field);
  }
  body["receiver"] = std::move(receiver);
  Json items = Json::array();
  for (size_t line = 0; line < p.cells.size(); ++line) {
    Json item{{"sku", at(line, ImportField::kSku)}};
    set_int(item, "quantity", at(line, ImportField::kQuantity));
    set_int(item, "unit_price_fen", at(line, ImportField::kUnitPriceFen));
    set_int(item, "discount_fen", at(line, ImportField::kLineDiscountFen));
    items.push_back(std::move(item));
  }
  body["items"] = std::move(items);

  auto draft = parse_order_draft(body, now_ms_);
  if (!draft) {
    const Error& e = draft.error();
    add_error(row_of(order, e.field), column_of(e.field), e.code, e.message);
    return std::nullopt;
  }
  order.draft = std::move(draft).value();
  return order;
}

}  // namespace crm::orders
