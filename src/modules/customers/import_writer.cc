// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/import_writer.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "core/log.h"
#include "core/stopwatch.h"
#include "core/text.h"
#include "modules/customers/batch_insert.h"
#include "modules/customers/consent_events.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customer_json.h"
#include "modules/customers/customer_search.h"
#include "modules/customers/customer_search_bulk.h"
#include "modules/customers/import_history.h"
#include "modules/customers/import_indexes.h"
#include "modules/customers/import_parallel.h"
#include "storage/storage_error.h"

namespace crm::customers {

namespace {

constexpr unsigned kMaxThreads = 4;

// SQLite keeps the pages a write transaction changed in the page cache until the commit; once
// they outgrow it they are spilled into the WAL and read back (at 1M rows the writer's own 256 MB
// cache spilled ~2 GB, a third of the import's CPU time was system time). The import's
// transaction therefore runs with this cache (pages are allocated only as they are used) and the
// writer's own size is set back afterwards, which frees them.
constexpr int64_t kImportCacheKiB = 4 * 1024 * 1024;

// The tables whose secondary indexes an import that at least doubles the customers rebuilds
// (import_indexes.h): everything the creates write to.
constexpr std::array<std::string_view, 6> kRebuiltTables = {
    "customers",        "customer_name_grams",    "customer_tags", "customer_category_members",
    "customer_history", "customer_consent_events"};

// A new customer of the plan, sealed, with its derived search and history values (its number is
// given when it is written).
struct NewCustomer {
  PlannedRow planned;
  StoredCustomer row;
  std::string name_lower;
  std::vector<std::string> grams;
  std::string history;  // the changes JSON of its "imported" history row
};

// Up to kChunkRows new customers in row order, the matched rows met on the way (written at the
// end) and the category names of all of them in row order.
struct PreparedChunk {
  std::vector<NewCustomer> rows;
  std::vector<PlannedRow> updates;
  std::vector<std::string> category_names;
  bool aborted = false;  // the stream was aborted: roll back
};

// Undoes nothing: tells the check that the write is over (for any reason), which also wakes the
// preparing thread if it waits for rows.
struct StopOnExit {
  PlanStream& stream;
  ~StopOnExit() { stream.stop(); }
};

Error map_conflict(Error error) {
  if (storage::is_unique_violation(error, "phone_index")) {
    return conflict("customer.phone_taken", "Another customer already has this phone number.",
                    "phone");
  }
  if (storage::is_unique_violation(error, "email_index")) {
    return conflict("customer.email_taken", "Another customer already has this email address.",
                    "email");
  }
  return error;
}

}  // namespace

Result<void> ImportWriter::write(const Caller& caller, ImportRecord& record,
                                 ImportPlan& plan) const {
  PlanStream stream;
  fill_stream(stream, plan);
  return write(caller, record, stream);
}

Result<void> ImportWriter::write(const Caller& caller, ImportRecord& record,
                                 PlanStream& stream) const {
  StopOnExit stop_stream{stream};
  CRM_TRY_ASSIGN(const int64_t expected_new, stream.expected_new());
  const int64_t now = clock_.now_ms();
  std::string day = merchant_date(now);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  const std::string number_day = "C" + day;  // what the number counters key on
  const unsigned threads = import_threads(kMaxThreads);
  const ConsentChange consent_change{now, caller.audit.actor_id, caller.audit.actor_name, "import",
                                     ""};
  std::optional<int64_t> writer_cache;  // SQLite: the writer's cache_size before the import
  Stopwatch watch;
  Json timings = Json::object();  // per phase, logged with the outcome
  int64_t rows_written = 0;
  Result<void> outcome = db_.transaction([&](storage::Connection& tx) -> Result<void> {
    if (tx.dialect() == storage::Dialect::kSqlite) {
      CRM_TRY_ASSIGN(const auto cache, tx.query_one("PRAGMA cache_size"));
      writer_cache = cache.get_int(0);
      CRM_TRY(tx.execute_script(fmt::format("PRAGMA cache_size = -{}", kImportCacheKiB)));
    }
    // Category names -> ids; unknown names are created as the rows arrive, in row order.
    std::unordered_map<std::string, int64_t> category_ids;
    CRM_TRY_ASSIGN(auto existing_categories, tx.query("SELECT id, name FROM customer_categories"));
    for (const auto& r : existing_categories) category_ids[r.get_string(1)] = r.get_int(0);

    // Creates: kChunkRows at a time as the check hands them over; chunk k+1 is prepared while
    // chunk k is written. On SQLite the count triggers are off meanwhile: each chunk's counter
    // deltas are added up while it is prepared and written once per distinct counter at the end
    // (customer_search_bulk.h). Updates (an import mostly creates) are kept for the end, when
    // triggers and indexes are back.
    SuspendedCountTriggers triggers;
    if (expected_new > 0) {
      CRM_TRY_ASSIGN(triggers, SuspendedCountTriggers::suspend(tx));
    }
    const bool counted = triggers.active();

    // SQLite: an import that at least doubles the customers builds their secondary indexes (and
    // those of the side tables) again at the end instead of inserting into them row by row. The
    // lookups of the write (categories, numbers) do not use them; the rows below only insert
    // (ids by their reserved numbers, the primary keys and customers.number still check). The
    // recreated UNIQUE phone / email indexes fail the whole import when a customer created since
    // the check took a phone or email of the file (customer.phone_taken / email_taken).
    SuspendedIndexes indexes;
    if (tx.dialect() == storage::Dialect::kSqlite &&
        expected_new >= static_cast<int64_t>(kIndexRebuildMinRows)) {
      CRM_TRY_ASSIGN(const auto stored, tx.query_one("SELECT COUNT(*) FROM customers"));
      if (expected_new >= stored.get_int(0)) {
        auto suspended = SuspendedIndexes::suspend(tx, kRebuiltTables);
        if (!suspended) return std::move(suspended).error();
        indexes = std::move(*suspended);
      }
    }
    // With the grams' secondary index gone, all of them are written at the end in one sorted
    // run (each leaf page of the primary key once); otherwise sorted per chunk.
    const bool grams_at_end = indexes.active();
    timings["setup"] = watch.lap();

    // The preparing thread: takes the check's chunks and cuts them into chunks of kChunkRows
    // new customers, sealed, with pinyin, grams and history text. What they add to the live
    // counters (SQLite; all but their categories, whose ids the writing thread gives) it adds to
    // `prepared_counts`, which the writing thread takes once that thread has ended: one set of
    // keys for the whole import, not one per chunk merged by the writer.
    CounterDeltas prepared_counts;
    std::vector<PlannedRow> source;
    size_t source_at = 0;
    bool source_ended = false;
    auto generate = [&]() -> std::optional<PreparedChunk> {
      if (source_ended) return std::nullopt;
      PreparedChunk prepared;
      while (prepared.rows.size() < kChunkRows) {
        if (source_at == source.size()) {
          auto more = stream.next();
          if (!more) {
            prepared.aborted = source_ended = true;
            return prepared;
          }
          if (!*more) {
            source_ended = true;
            break;
          }
          source = std::move(**more);
          source_at = 0;
          continue;
        }
        PlannedRow& planned = source[source_at++];
        for (const auto& name : planned.categories) prepared.category_names.push_back(name);
        if (planned.existing) {
          prepared.updates.push_back(std::move(planned));
        } else {
          prepared.rows.push_back(NewCustomer{std::move(planned), {}, {}, {}, {}});
        }
      }
      if (source_at == source.size()) {
        source = {};  // free the check's chunk
        source_at = 0;
      }
      if (prepared.rows.empty() && prepared.updates.empty()) return std::nullopt;
      std::vector<NewCustomer>& chunk = prepared.rows;
      parallel_ranges(chunk.size(), std::max(1u, threads - 1), [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
          NewCustomer& out = chunk[k];
          const PlannedRow& planned = out.planned;
          StoredCustomer& row = out.row;
          customers_.seal(row, CustomerFields{}, planned.fields);
          fill_search_fields(row);
          row.owner_id = caller.actor.user_id;
          row.created_at_ms = row.updated_at_ms = now;
          row.created_by = row.updated_by = caller.actor.user_id;
          row.version = 1;
          out.name_lower = to_lower_ascii(row.fields.name);
          out.grams = name_grams(out.name_lower);
          out.history = created_history_json(planned, record.id);
        }
      });
      if (counted) {
        for (const NewCustomer& c : chunk) {
          const CustomerFields& f = c.row.fields;
          prepared_counts.add_customer(c.row.owner_id, number_day, f.stage, f.address.province,
                                       f.address.city, f.address.district, c.row.name_pinyin,
                                       c.row.name_initials, c.planned.tags, {}, c.grams);
        }
      }
      return prepared;
    };

    BatchInsert customers(
        tx,
        "INSERT INTO customers (number, name, name_lower, name_pinyin, name_initials, gender, "
        "birthday, phone_cipher, phone_index, email_cipher, email_index, id_number_cipher, "
        "id_number_index, province, city, district, address_cipher, source_channel, stage, "
        "owner_id, hobbies, notes, consent_sms, consent_email, consent_phone, version, "
        "created_at_ms, created_by, updated_at_ms, updated_by) VALUES ",
        30, " RETURNING id, number", kCustomerRowsPerStatement);
    NameGramBulkWriter grams(tx);
    BatchInsert tags(tx, "INSERT INTO customer_tags (customer_id, tag) VALUES ", 2, "",
                     kRowsPerStatement);
    BatchInsert members(tx,
                        "INSERT INTO customer_category_members (category_id, customer_id) VALUES ",
                        2, "", kRowsPerStatement);
    BatchInsert history(tx,
                        "INSERT INTO customer_history (customer_id, at_ms, actor_id, actor_name, "
                        "action, changes) VALUES ",
                        6, "", kRowsPerStatement);
    BatchInsert consents(tx,
                         "INSERT INTO customer_consent_events (customer_id, channel, granted, "
                         "at_ms, actor_id, actor_name, source, note) VALUES ",
                         8, "", kRowsPerStatement);

    int64_t created = 0, updated = 0;
    std::vector<PlannedRow> updates;
    CounterDeltas counts;
    OrderedProducer<PreparedChunk> prepared(2, generate);
    // Declared after `prepared`, so it runs first on every exit: a preparing thread that waits for
    // the check's next chunk is woken before it is joined.
    StopOnExit stop_preparing{stream};
    while (std::optional<PreparedChunk> next = prepared.next_if_any()) {
      if (next->aborted) return conflict("import.aborted", "The import's check failed.");
      for (const auto& name : next->category_names) {
        if (category_ids.contains(name)) continue;
        Category category;
        category.name = name;
        category.created_at_ms = category.updated_at_ms = now;
        CRM_TRY_ASSIGN(const int64_t category_id, categories_.insert(tx, category));
        category_ids.emplace(name, category_id);
      }
      for (auto& planned : next->updates) updates.push_back(std::move(planned));
      std::vector<NewCustomer>& chunk = next->rows;
      if (chunk.empty()) continue;
      CRM_TRY_ASSIGN(const int64_t chunk_first,
                     repository_.reserve_numbers(tx, day, static_cast<int64_t>(chunk.size())));
      for (size_t k = 0; k < chunk.size(); ++k) {
        NewCustomer& c = chunk[k];
        StoredCustomer& r = c.row;
        r.number = CustomerRepository::number_of(day, chunk_first + static_cast<int64_t>(k));
        const CustomerFields& f = r.fields;
        auto added = customers.add(
            r.number, f.name, c.name_lower, r.name_pinyin, r.name_initials, f.gender, f.birthday,
            r.phone.cipher, r.phone.index, r.email.cipher, r.email.index, r.id_number.cipher,
            r.id_number.index, f.address.province, f.address.city, f.address.district,
            r.address_cipher, f.source_channel, f.stage, r.owner_id, f.hobbies, f.notes,
            f.consent.sms, f.consent.email, f.consent.phone, r.version, r.created_at_ms,
            r.created_by, r.updated_at_ms, r.updated_by);
        if (!added) return map_conflict(std::move(added).error());
        if (counted) {
          for (const auto& name : c.planned.categories) {
            counts.add_category_member(r.owner_id, f.stage, category_ids.at(name));
          }
        }
      }
      if (auto flushed = customers.flush(); !flushed) return map_conflict(flushed.error());
      // RETURNING promises no order: the numbers (consecutive, reserved above) say which is which.
      std::vector<int64_t> ids(chunk.size(), 0);
      for (const auto& returned : customers.returned()) {
        const std::string number = returned.get_string(1);
        const auto sequence = parse_int64(std::string_view(number).substr(1 + day.size()));
        const int64_t k = sequence ? *sequence - chunk_first : -1;
        if (k < 0 || k >= static_cast<int64_t>(ids.size())) {
          return internal_error("import: a returned customer number is not one it reserved");
        }
        ids[static_cast<size_t>(k)] = returned.get_int(0);
      }
      customers.returned().clear();
      for (size_t k = 0; k < chunk.size(); ++k) {
        const NewCustomer& c = chunk[k];
        const int64_t id = ids[k];
        if (id == 0) {
          return internal_error("import: a returned customer number is not one it reserved");
        }
        CRM_TRY(grams.add(id, c.grams));
        for (const auto& tag : c.planned.tags) CRM_TRY(tags.add(id, tag));
        for (const auto& name : c.planned.categories) {
          CRM_TRY(members.add(category_ids.at(name), id));
        }
        CRM_TRY(history.add(id, now, caller.audit.actor_id, caller.audit.actor_name, "imported",
                            c.history));
        const Consent& consent = c.planned.fields.consent;
        for (const auto& [channel, granted] :
             {std::pair{"sms", consent.sms}, std::pair{"email", consent.email},
              std::pair{"phone", consent.phone}}) {
          if (!granted) continue;  // a new customer starts without consent: only grants change it
          CRM_TRY(consents.add(id, channel, true, now, consent_change.actor_id,
                               consent_change.actor_name, consent_change.source,
                               consent_change.note));
        }
      }
      if (!grams_at_end) CRM_TRY(grams.write_sorted());  // in key order into the primary key
      created += static_cast<int64_t>(chunk.size());
    }
    // The preparing thread has ended; the writing thread's few category keys go into its many.
    prepared_counts.merge(std::move(counts));
    counts = std::move(prepared_counts);
    if (created != expected_new) {
      return internal_error(fmt::format("import: the check announced {} new customers, got {}",
                                        expected_new, created));
    }
    CRM_TRY(tags.flush());
    CRM_TRY(members.flush());
    CRM_TRY(history.flush());
    CRM_TRY(consents.flush());
    timings["rows"] = watch.lap();
    CRM_TRY(grams.write_sorted());
    CRM_TRY(grams.flush());
    timings["grams"] = watch.lap();
    if (auto rebuilt = indexes.restore(tx, kSorterThreads); !rebuilt) {
      return map_conflict(std::move(rebuilt).error());
    }
    timings["indexes"] = watch.lap();
    if (counted) {
      CRM_TRY(counts.write(tx));
      CRM_TRY(triggers.restore(tx));
    }
    timings["counters"] = watch.lap();

    // Updates: one version-checked row at a time, with the triggers and indexes back.
    for (auto& planned : updates) {
      StoredCustomer row = std::move(*planned.existing);
      planned.existing.reset();
      const int64_t id = row.id;
      Json changes = diff_fields(planned.before, planned.fields);
      if (!changes.empty()) {
        customers_.seal(row, planned.before, planned.fields);
        row.version += 1;
        row.updated_at_ms = now;
        row.updated_by = caller.actor.user_id;
        CRM_TRY_ASSIGN(const bool written, repository_.update(tx, row));
        if (!written) {
          return conflict("import.changed_meanwhile",
                          fmt::format("Customer {} changed during the import; it runs again.",
                                      row.number));
        }
      }
      ++updated;
      Json added_tags = Json::array();
      for (const auto& tag : planned.tags) {
        CRM_TRY_ASSIGN(const bool added, repository_.add_tag(tx, id, tag));
        if (added) added_tags.push_back(tag);
      }
      if (!added_tags.empty()) changes["tags"] = {{"added", added_tags}};
      Json added_categories = Json::array();
      for (const auto& name : planned.categories) {
        CRM_TRY_ASSIGN(const bool added, categories_.add_member(tx, category_ids.at(name), id));
        if (added) added_categories.push_back(name);
      }
      if (!added_categories.empty()) changes["categories"] = {{"added", added_categories}};
      changes["import_id"] = record.id;
      CRM_TRY(repository_.add_history(tx, id, HistoryEntry{now, caller.audit.actor_id,
                                                           caller.audit.actor_name, "imported",
                                                           dump_json(changes)}));
      CRM_TRY(record_consent_changes(tx, id, planned.before.consent, planned.fields.consent,
                                     consent_change));
    }
    timings["updates"] = watch.lap();
    rows_written = created + updated;

    audit::AuditEntry entry = caller.audit;
    entry.action = "customer.imported";
    entry.target_type = "customer_import";
    entry.target_id = std::to_string(record.id);
    entry.changes = {{"filename", record.filename}, {"created", created}, {"updated", updated},
                     {"match_by", record.match_by}};
    CRM_TRY(audit_.record(tx, entry));
    if (created > 0 || updated > 0) {
      // One event for the whole job, with the rows (readers reload customers rather than apply
      // rows), so no reader misses an import that committed.
      CRM_TRY(publish_customer_event(tx, clock_, kCustomersImported,
                                     {{"import_id", record.id},
                                      {"created", created},
                                      {"updated", updated}}));
    }
    record.status = "succeeded";
    record.created = created;
    record.updated = updated;
    record.processed = stream.processed();
    record.finished_at_ms = now;
    CRM_TRY_ASSIGN(const bool finished, transfers_.finish_import(tx, record));
    if (!finished) return conflict("import.not_running", "The import finished elsewhere.");
    return {};
  });
  timings["commit"] = watch.lap();
  log::info("customers.import_written", {{"import_id", record.id},
                                         {"rows", rows_written},
                                         {"ok", static_cast<bool>(outcome)},
                                         {"timings", timings}});
  if (writer_cache) {
    // After the commit (a smaller cache inside the transaction would spill at the end anyway).
    auto restored = db_.transaction([&](storage::Connection& tx) -> Result<void> {
      return tx.execute_script(fmt::format("PRAGMA cache_size = {}", *writer_cache));
    });
    if (!restored) {
      log::warn("customers.import_cache_not_restored", {{"error", restored.error().message}});
    }
  }
  return outcome;
}

}  // namespace crm::customers
