// SPDX-License-Identifier: Apache-2.0
#include "demo/customer_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/json.h"
#include "demo/calendar.h"
#include "demo/people.h"
#include "modules/customers/category_repository.h"
#include "modules/customers/consent_events.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_search.h"

namespace crm::demo {

namespace {

constexpr uint64_t kPeopleStream = 0x5045'4F50'0000'0000ULL;  // "PEOP"
constexpr std::string_view kActorName = "演示数据";

std::string number_day(int64_t ms) {
  const CivilDate d = civil_from_days(merchant_day(ms));
  return fmt::format("{:04d}{:02d}{:02d}", d.year, d.month, d.day);
}

// The demo's categories by name -> id, created when missing.
Result<std::map<std::string_view, int64_t>> ensure_categories(storage::Connection& tx,
                                                              int64_t at_ms) {
  customers::CategoryRepository categories;
  std::map<std::string_view, int64_t> ids;
  const std::pair<std::string_view, std::string_view> wanted[] = {
      {kCategoryVip, "累计下单 8 次以上的高价值客户"},
      {kCategoryWholesale, "批量采购的企业或团购客户"},
      {kCategoryProspect, "已留资但尚未下单"},
      {kCategoryRegular, "有过购买的普通客户"}};
  for (const auto& [name, description] : wanted) {
    CRM_TRY_ASSIGN(auto found, tx.query_optional("SELECT id FROM customer_categories WHERE name = ?",
                                                 name));
    if (found) {
      ids[name] = found->get_int(0);
      continue;
    }
    customers::Category category;
    category.name = name;
    category.description = description;
    category.created_at_ms = category.updated_at_ms = at_ms;
    CRM_TRY_ASSIGN(ids[name], categories.insert(tx, category));
  }
  return ids;
}

}  // namespace

Result<void> write_customers(storage::Database& db, const customers::CustomerService& service,
                             const Keyring& keyring, const DemoOptions& options,
                             const DemoPlan& plan, DemoStore& store, const Progress& progress) {
  const customers::CustomerRepository repository;
  const customers::CategoryRepository categories;
  Rng rng(options.seed, kPeopleStream);
  UniqueContacts unique;
  const int64_t first_ms = plan.customers.empty() ? options.now_ms
                                                  : plan.customers.front().created_at_ms;
  CRM_TRY_ASSIGN(auto category_ids, db.transaction([&](storage::Connection& tx) {
                   return ensure_categories(tx, first_ms);
                 }));
  const size_t n = plan.customers.size();
  store.customers.reserve(n);
  for (size_t start = 0; start < n; start += kCustomerBatch) {
    const size_t end = std::min(n, start + kCustomerBatch);
    auto committed1 = db.transaction([&](storage::Connection& tx) -> Result<void> {
      for (size_t i = start; i < end; ++i) {
        const PlannedCustomer& planned = plan.customers[i];
        DemoCustomer c = make_customer(rng, planned, options.owner_ids, options.now_ms, unique);
        customers::StoredCustomer row;
        CRM_TRY_ASSIGN(row.number, repository.next_number(tx, number_day(planned.created_at_ms)));
        service.seal(row, customers::CustomerFields{}, c.fields);
        customers::fill_search_fields(row);
        row.owner_id = c.owner_id;
        row.created_at_ms = row.updated_at_ms = planned.created_at_ms;
        row.created_by = row.updated_by = options.actor_id;
        row.version = 1;
        CRM_TRY_ASSIGN(row.id, repository.insert(tx, row));
        for (const auto& tag : c.tags) CRM_TRY(repository.add_tag(tx, row.id, tag));
        for (const auto name : c.categories) {
          CRM_TRY(categories.add_member(tx, category_ids.at(name), row.id));
        }
        const std::optional<int64_t> actor =
            options.actor_id != 0 ? std::optional(options.actor_id) : std::nullopt;
        CRM_TRY(repository.add_history(
            tx, row.id,
            customers::HistoryEntry{planned.created_at_ms, actor, std::string(kActorName),
                                    "created",
                                    dump_json(customers::diff_fields({}, c.fields))}));
        CRM_TRY(customers::record_consent_changes(
            tx, row.id, customers::Consent{}, c.fields.consent,
            {planned.created_at_ms, actor, std::string(kActorName), "import", "演示数据"}));

        WrittenCustomer written;
        written.id = row.id;
        written.owner_id = row.owner_id;
        written.created_at_ms = planned.created_at_ms;
        written.channel = c.channel;
        written.name = c.fields.name;
        written.province = c.fields.address.province;
        written.city = c.fields.address.city;
        written.district = c.fields.address.district;
        if (planned.orders > 0) {
          written.receiver_phone_cipher = keyring.seal(*c.fields.phone, kReceiverPhoneAd);
          if (c.fields.address.detail) {
            written.receiver_address_cipher =
                keyring.seal(*c.fields.address.detail, kReceiverAddressAd);
          }
        }
        store.customers.push_back(std::move(written));
      }
      return {};
    });
    CRM_TRY(committed1);
    if (progress) progress("customers", static_cast<int64_t>(end), static_cast<int64_t>(n));
  }
  return {};
}

}  // namespace crm::demo
