// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import_writer.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "modules/orders/order_pricing.h"
#include "storage/batch_insert.h"

namespace crm::orders {

namespace {

constexpr std::string_view kOrdersHead =
    "INSERT INTO orders (number, platform, external_id, customer_id, customer_owner_id, channel, "
    "store, status, payment_method, items_fen, discount_fen, shipping_fee_fen, total_fen, "
    "paid_fen, buyer_remarks, receiver_name, receiver_phone_cipher, receiver_province, "
    "receiver_city, receiver_district, receiver_address_cipher, audit_reasons, placed_at_ms, "
    "approved_at_ms, paid_at_ms, shipped_at_ms, delivered_at_ms, completed_at_ms, "
    "cancelled_at_ms, version, created_at_ms, created_by, updated_at_ms) VALUES ";
constexpr size_t kOrderColumns = 33;
constexpr std::string_view kItemsHead =
    "INSERT INTO order_items (order_id, line_no, product_id, sku, name, category_id, quantity, "
    "unit_price_fen, discount_fen, amount_fen, unit_cost_fen) VALUES ";
constexpr std::string_view kEventsHead =
    "INSERT INTO order_events (order_id, at_ms, action, from_status, to_status, actor_id, "
    "actor_name, note) VALUES ";

}  // namespace

Result<const ProductRef*> ImportProducts::find(storage::Connection& db, const std::string& sku) {
  auto found = products_.find(sku);
  if (found == products_.end()) {
    CRM_TRY_ASSIGN(auto product, repository_.product_by_sku(db, sku));
    found = products_.emplace(sku, std::move(product)).first;
  }
  return found->second ? &*found->second : nullptr;
}

Result<std::optional<Order>> price_order(storage::Connection& db, ImportProducts& products,
                                         const ParsedOrder& parsed, OrderStream& stream) {
  auto priced = price_draft(parsed.draft, [&](const std::string& sku) {
    return products.find(db, sku);
  });
  if (!priced) {
    const Error& error = priced.error();
    if (error.kind != ErrorKind::kInvalidInput) return std::move(priced).error();
    // The intake's field names become the file's row and column: items[i].x is line i's row.
    int64_t row = parsed.rows.front();
    std::string column = error.field == "items" ? "sku" : error.field;
    if (error.field.starts_with("items[")) {
      const size_t close = error.field.find(']');
      const auto line = parse_int64(std::string_view(error.field).substr(6, close - 6));
      if (line && *line >= 0 && static_cast<size_t>(*line) < parsed.rows.size()) {
        row = parsed.rows[static_cast<size_t>(*line)];
      }
      column = error.field.substr(close + 2);
      if (column == "discount_fen") column = "line_discount_fen";
    }
    stream.add_error(row, column, error.code, error.message);
    return std::optional<Order>{};
  }
  Order o = std::move(priced).value();
  o.status = parsed.status;
  if (o.status == "completed") {
    o.paid_fen = o.total_fen;
    o.approved_at_ms = o.paid_at_ms = o.shipped_at_ms = o.delivered_at_ms = o.completed_at_ms =
        o.placed_at_ms;
  } else {
    o.cancelled_at_ms = o.placed_at_ms;
  }
  return std::optional<Order>(std::move(o));
}

Result<std::vector<bool>> find_existing(storage::Connection& db,
                                        const OrderImportRepository& repository,
                                        const std::vector<ParsedOrder>& batch) {
  std::vector<bool> exists(batch.size(), false);
  std::map<std::string, std::vector<size_t>> by_platform;
  for (size_t i = 0; i < batch.size(); ++i) by_platform[batch[i].draft.platform].push_back(i);
  for (const auto& [platform, indexes] : by_platform) {
    for (size_t from = 0; from < indexes.size(); from += OrderImportRepository::kLookupBatch) {
      const size_t to = std::min(indexes.size(), from + OrderImportRepository::kLookupBatch);
      std::vector<std::string> ids;
      for (size_t k = from; k < to; ++k) ids.push_back(*batch[indexes[k]].draft.external_id);
      CRM_TRY_ASSIGN(auto found, repository.existing_external_ids(db, platform, ids));
      for (size_t k = from; k < to; ++k) {
        exists[indexes[k]] = found.contains(*batch[indexes[k]].draft.external_id);
      }
    }
  }
  return exists;
}

OrderImportWriter::OrderImportWriter(storage::Connection& tx, OrderEnv& env,
                                     const customers::Caller& caller, int64_t now_ms)
    : tx_(tx), env_(env), caller_(caller), now_ms_(now_ms), products_(env.repository) {
  day_ = customers::merchant_date(now_ms);
  day_.erase(std::remove(day_.begin(), day_.end(), '-'), day_.end());
}

namespace {

// The cache key of an order's person: "p:phone", else "e:email", else "" (never matched).
std::string person_key(const Json& person) {
  if (auto phone = person.find("phone"); phone != person.end()) {
    return "p:" + phone->get<std::string>();
  }
  if (auto email = person.find("email"); email != person.end()) {
    return "e:" + email->get<std::string>();
  }
  return {};
}

}  // namespace

Result<void> OrderImportWriter::match_customers(
    const std::vector<ParsedOrder>& batch, const std::vector<size_t>& wanted,
    std::vector<std::optional<customers::CustomerRef>>& out, OrderStream& stream) {
  // Persons not in the cache go to the customers module in one call; the same person twice in
  // the batch is asked once (it would match the customer its first order created).
  std::vector<customers::CustomerService::OrderPerson> persons;
  std::map<std::string, size_t, std::less<>> asked;  // key -> persons index
  std::vector<std::optional<size_t>> answer(batch.size());
  for (const size_t i : wanted) {
    const ParsedOrder& parsed = batch[i];
    std::string key = person_key(parsed.draft.person);
    if (!key.empty()) {
      if (auto found = customers_.find(key); found != customers_.end()) {
        out[i] = found->second;
        continue;
      }
      if (auto earlier = asked.find(key); earlier != asked.end()) {
        answer[i] = earlier->second;
        continue;
      }
      asked.emplace(std::move(key), persons.size());
    }
    answer[i] = persons.size();
    persons.push_back({&parsed.draft.person, parsed.draft.platform});
  }
  if (persons.empty()) return {};
  CRM_TRY_ASSIGN(auto matched, env_.customers.find_or_create_for_orders(tx_, caller_, persons));
  for (size_t p = 0; p < persons.size(); ++p) {
    if (!matched[p]) continue;
    const std::string key = person_key(*persons[p].person);
    if (!key.empty()) customers_.emplace(key, *matched[p]);
  }
  for (const size_t i : wanted) {
    if (!answer[i]) continue;
    const auto& result = matched[*answer[i]];
    if (result) {
      out[i] = *result;
      continue;
    }
    const Error& e = result.error();
    if (e.kind != ErrorKind::kInvalidInput && e.kind != ErrorKind::kConflict) return e;
    const std::string field = e.field.empty() ? "customer" : "customer." + e.field;
    stream.add_error(batch[i].rows.front(), column_of(field), e.code, e.message);
  }
  return {};
}

Result<void> OrderImportWriter::write(const std::vector<ParsedOrder>& batch,
                                      OrderStream& stream) {
  CRM_TRY_ASSIGN(const std::vector<bool> exists, find_existing(tx_, repository_, batch));
  std::vector<std::optional<Order>> priced(batch.size());
  std::vector<size_t> wanted;  // orders to write, priced
  for (size_t i = 0; i < batch.size(); ++i) {
    if (exists[i]) {
      ++skipped_;
      continue;
    }
    CRM_TRY_ASSIGN(priced[i], price_order(tx_, products_, batch[i], stream));
    if (priced[i]) wanted.push_back(i);
  }
  std::vector<std::optional<customers::CustomerRef>> customer(batch.size());
  CRM_TRY(match_customers(batch, wanted, customer, stream));
  std::vector<Order> orders;
  orders.reserve(wanted.size());
  std::vector<int64_t> first_purchases;  // customers whose first completed order this is
  for (const size_t i : wanted) {
    if (!customer[i]) continue;
    const ParsedOrder& parsed = batch[i];
    Order& o = orders.emplace_back(std::move(*priced[i]));
    o.customer_id = customer[i]->id;
    o.customer_owner_id = customer[i]->owner_id;
    const ReceiverDraft& r = parsed.draft.receiver;
    o.receiver.name = r.name;
    o.receiver.province = r.province;
    o.receiver.city = r.city;
    o.receiver.district = r.district;
    if (r.phone) o.receiver.phone_cipher = env_.keyring.seal(*r.phone, kReceiverPhoneAd);
    if (r.address) o.receiver.address_cipher = env_.keyring.seal(*r.address, kReceiverAddressAd);
    o.created_at_ms = o.updated_at_ms = now_ms_;
    o.created_by = caller_.actor.user_id > 0 ? std::optional<int64_t>(caller_.actor.user_id)
                                             : std::nullopt;
    if (o.status == "completed" && transacted_.insert(o.customer_id).second) {
      first_purchases.push_back(o.customer_id);
    }
  }
  CRM_TRY(env_.customers.mark_transacted_many(tx_, caller_, first_purchases));
  if (orders.empty() || stream.error_count() > 0) return {};

  CRM_TRY_ASSIGN(int64_t next, repository_.reserve_numbers(tx_, day_,
                                                           static_cast<int64_t>(orders.size())));
  storage::BatchInsert insert_orders(tx_, kOrdersHead, kOrderColumns, " RETURNING id, number",
                                     kOrderRowsPerStatement);
  std::map<std::string, size_t> by_number;
  for (size_t i = 0; i < orders.size(); ++i) {
    Order& o = orders[i];
    o.number = fmt::format("D{}{:06d}", day_, next++);
    by_number.emplace(o.number, i);
    const Receiver& r = o.receiver;
    CRM_TRY(insert_orders.add(
        o.number, o.platform, o.external_id, o.customer_id, o.customer_owner_id, o.channel,
        o.store, o.status, o.payment_method, o.items_fen, o.discount_fen, o.shipping_fee_fen,
        o.total_fen, o.paid_fen, o.buyer_remarks, r.name, r.phone_cipher, r.province, r.city,
        r.district, r.address_cipher, o.audit_reasons, o.placed_at_ms, o.approved_at_ms,
        o.paid_at_ms, o.shipped_at_ms, o.delivered_at_ms, o.completed_at_ms, o.cancelled_at_ms,
        o.version, o.created_at_ms, o.created_by, o.updated_at_ms));
  }
  CRM_TRY(insert_orders.flush());
  for (const storage::Row& row : insert_orders.returned()) {
    orders[by_number.at(row.get_string(1))].id = row.get_int(0);
  }
  storage::BatchInsert insert_items(tx_, kItemsHead, 11, "", kRowsPerStatement);
  storage::BatchInsert insert_events(tx_, kEventsHead, 8, "", kRowsPerStatement);
  for (const Order& o : orders) {
    int64_t line_no = 0;
    for (const OrderItem& i : o.items) {
      CRM_TRY(insert_items.add(o.id, ++line_no, i.product_id, i.sku, i.name, i.category_id,
                               i.quantity, i.unit_price_fen, i.discount_fen, i.amount_fen,
                               i.unit_cost_fen));
    }
    CRM_TRY(insert_events.add(o.id, now_ms_, "import", nullptr, o.status, caller_.audit.actor_id,
                              caller_.audit.actor_name, "historical import"));
  }
  CRM_TRY(insert_items.flush());
  CRM_TRY(insert_events.flush());
  created_ += static_cast<int64_t>(orders.size());
  return {};
}

}  // namespace crm::orders
