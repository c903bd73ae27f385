// SPDX-License-Identifier: Apache-2.0
#include "demo/customer_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/json.h"
#include "core/text.h"
#include "demo/calendar.h"
#include "demo/people.h"
#include "modules/customers/batch_insert.h"
#include "modules/customers/category_repository.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_repository.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/customer_search_bulk.h"
#include "modules/customers/import_parallel.h"

namespace crm::demo {

namespace {

constexpr uint64_t kPeopleStream = 0x5045'4F50'0000'0000ULL;  // "PEOP"
constexpr std::string_view kActorName = "演示数据";
constexpr unsigned kMaxThreads = 4;
// Rows per multi-row INSERT (as the import: customers have 30 columns, the others 2 to 8).
constexpr size_t kCustomerRowsPerStatement = 200;
constexpr size_t kRowsPerStatement = 500;

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

// A demo customer ready to be written: sealed, transliterated, with its grams and history text;
// row.number is given by the writer (numbers are reserved inside the transaction).
struct Prepared {
  DemoCustomer demo;
  customers::StoredCustomer row;
  std::string day;  // yyyymmdd of creation, the number's day
  std::string name_lower;
  std::vector<std::string> grams;
  std::string history;  // the changes JSON of its "created" history row
  WrittenCustomer written;
};

// Customers [begin, end) of the plan. make_customer runs in plan order on the calling thread
// (the PRNG and the unique contacts are sequential); the rest is spread over `threads`.
std::vector<Prepared> prepare(const customers::CustomerService& service, const Keyring& keyring,
                              const DemoOptions& options, const DemoPlan& plan, size_t begin,
                              size_t end, Rng& rng, UniqueContacts& unique, unsigned threads) {
  std::vector<Prepared> chunk(end - begin);
  for (size_t k = 0; k < chunk.size(); ++k) {
    chunk[k].demo = make_customer(rng, plan.customers[begin + k], options.owner_ids,
                                  options.now_ms, unique);
  }
  customers::parallel_ranges(chunk.size(), threads, [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      const PlannedCustomer& planned = plan.customers[begin + k];
      Prepared& p = chunk[k];
      const DemoCustomer& c = p.demo;
      customers::StoredCustomer& row = p.row;
      service.seal(row, customers::CustomerFields{}, c.fields);
      customers::fill_search_fields(row);
      row.owner_id = c.owner_id;
      row.created_at_ms = row.updated_at_ms = planned.created_at_ms;
      row.created_by = row.updated_by = options.actor_id;
      row.version = 1;
      p.day = number_day(planned.created_at_ms);
      p.name_lower = to_lower_ascii(row.fields.name);
      p.grams = customers::name_grams(p.name_lower);
      p.history = dump_json(customers::diff_fields({}, c.fields));

      WrittenCustomer& w = p.written;
      w.owner_id = row.owner_id;
      w.created_at_ms = planned.created_at_ms;
      w.channel = c.channel;
      w.name = c.fields.name;
      w.province = c.fields.address.province;
      w.city = c.fields.address.city;
      w.district = c.fields.address.district;
      if (planned.orders > 0) {
        w.receiver_phone_cipher = keyring.seal(*c.fields.phone, kReceiverPhoneAd);
        if (c.fields.address.detail) {
          w.receiver_address_cipher = keyring.seal(*c.fields.address.detail, kReceiverAddressAd);
        }
      }
    }
  });
  return chunk;
}

// Writes one prepared chunk in the transaction of `tx` and sets each written.id.
Result<void> write_chunk(storage::Connection& tx, const DemoOptions& options,
                         const std::map<std::string_view, int64_t>& category_ids,
                         std::vector<Prepared>& chunk) {
  const customers::CustomerRepository repository;
  // Numbers: one counter update per day of the chunk, then handed out in plan order.
  std::map<std::string, int64_t> next_sequence;
  for (const Prepared& p : chunk) ++next_sequence[p.day];
  for (auto& [day, count] : next_sequence) {
    CRM_TRY_ASSIGN(count, repository.reserve_numbers(tx, day, count));
  }
  std::unordered_map<std::string, size_t> by_number;
  by_number.reserve(chunk.size());
  for (size_t k = 0; k < chunk.size(); ++k) {
    Prepared& p = chunk[k];
    p.row.number = customers::CustomerRepository::number_of(p.day, next_sequence[p.day]++);
    by_number.emplace(p.row.number, k);
  }

  customers::BatchInsert customers(
      tx,
      "INSERT INTO customers (number, name, name_lower, name_pinyin, name_initials, gender, "
      "birthday, phone_cipher, phone_index, email_cipher, email_index, id_number_cipher, "
      "id_number_index, province, city, district, address_cipher, source_channel, stage, "
      "owner_id, hobbies, notes, consent_sms, consent_email, consent_phone, version, "
      "created_at_ms, created_by, updated_at_ms, updated_by) VALUES ",
      30, " RETURNING id, number", kCustomerRowsPerStatement);
  for (const Prepared& p : chunk) {
    const customers::StoredCustomer& r = p.row;
    const customers::CustomerFields& f = r.fields;
    CRM_TRY(customers.add(
        r.number, f.name, p.name_lower, r.name_pinyin, r.name_initials, f.gender, f.birthday,
        r.phone.cipher, r.phone.index, r.email.cipher, r.email.index, r.id_number.cipher,
        r.id_number.index, f.address.province, f.address.city, f.address.district,
        r.address_cipher, f.source_channel, f.stage, r.owner_id, f.hobbies, f.notes,
        f.consent.sms, f.consent.email, f.consent.phone, r.version, r.created_at_ms, r.created_by,
        r.updated_at_ms, r.updated_by));
  }
  CRM_TRY(customers.flush());
  // RETURNING promises no order: the (fresh, unique) numbers say which row is which.
  for (const auto& returned : customers.returned()) {
    const auto found = by_number.find(returned.get_string(1));
    if (found == by_number.end()) {
      return internal_error("demo: a returned customer number is not one it reserved");
    }
    chunk[found->second].written.id = returned.get_int(0);
  }

  // Side rows, after every customer of the chunk (the SQLite counter triggers read the customer).
  const std::optional<int64_t> actor =
      options.actor_id != 0 ? std::optional(options.actor_id) : std::nullopt;
  customers::NameGramBulkWriter grams(tx);
  customers::BatchInsert tags(tx, "INSERT INTO customer_tags (customer_id, tag) VALUES ", 2,
                              " ON CONFLICT DO NOTHING", kRowsPerStatement);
  customers::BatchInsert members(
      tx, "INSERT INTO customer_category_members (category_id, customer_id) VALUES ", 2,
      " ON CONFLICT DO NOTHING", kRowsPerStatement);
  customers::BatchInsert history(tx,
                                 "INSERT INTO customer_history (customer_id, at_ms, actor_id, "
                                 "actor_name, action, changes) VALUES ",
                                 6, "", kRowsPerStatement);
  customers::BatchInsert consents(tx,
                                  "INSERT INTO customer_consent_events (customer_id, channel, "
                                  "granted, at_ms, actor_id, actor_name, source, note) VALUES ",
                                  8, "", kRowsPerStatement);
  for (const Prepared& p : chunk) {
    const int64_t id = p.written.id;
    if (id == 0) return internal_error("demo: a customer was not returned by its insert");
    const int64_t at = p.row.created_at_ms;
    CRM_TRY(grams.add(id, p.grams));
    for (const auto& tag : p.demo.tags) CRM_TRY(tags.add(id, tag));
    for (const auto name : p.demo.categories) CRM_TRY(members.add(category_ids.at(name), id));
    CRM_TRY(history.add(id, at, actor, kActorName, "created", p.history));
    // A new customer starts without consent: each grant is one event (record_consent_changes).
    const customers::Consent& consent = p.demo.fields.consent;
    for (const auto& [channel, granted] :
         {std::pair{"sms", consent.sms}, std::pair{"email", consent.email},
          std::pair{"phone", consent.phone}}) {
      if (!granted) continue;
      CRM_TRY(consents.add(id, channel, true, at, actor, kActorName, "import", kActorName));
    }
  }
  CRM_TRY(grams.flush());
  CRM_TRY(tags.flush());
  CRM_TRY(members.flush());
  CRM_TRY(history.flush());
  CRM_TRY(consents.flush());
  return {};
}

}  // namespace

Result<void> write_customers(storage::Database& db, const customers::CustomerService& service,
                             const Keyring& keyring, const DemoOptions& options,
                             const DemoPlan& plan, DemoStore& store, const Progress& progress) {
  Rng rng(options.seed, kPeopleStream);
  UniqueContacts unique;
  const int64_t first_ms = plan.customers.empty() ? options.now_ms
                                                  : plan.customers.front().created_at_ms;
  CRM_TRY_ASSIGN(auto category_ids, db.transaction([&](storage::Connection& tx) {
                   return ensure_categories(tx, first_ms);
                 }));
  const size_t n = plan.customers.size();
  store.customers.reserve(n);
  const unsigned threads = std::max(1u, customers::import_threads(kMaxThreads) - 1);
  const size_t chunks = (n + kCustomerBatch - 1) / kCustomerBatch;
  // Chunk k+1 is made and sealed on the producer's thread while chunk k is written here.
  customers::OrderedProducer<std::vector<Prepared>> prepared(chunks, 1, [&](size_t chunk) {
    const size_t begin = chunk * kCustomerBatch;
    return prepare(service, keyring, options, plan, begin, std::min(n, begin + kCustomerBatch),
                   rng, unique, threads);
  });
  for (size_t start = 0; start < n; start += kCustomerBatch) {
    std::vector<Prepared> chunk = prepared.next();
    auto committed = db.transaction([&](storage::Connection& tx) {
      return write_chunk(tx, options, category_ids, chunk);
    });
    CRM_TRY(committed);
    for (Prepared& p : chunk) store.customers.push_back(std::move(p.written));
    if (progress) {
      progress("customers", static_cast<int64_t>(start + chunk.size()), static_cast<int64_t>(n));
    }
  }
  return {};
}

}  // namespace crm::demo
