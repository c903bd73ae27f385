// SPDX-License-Identifier: Apache-2.0
// How modules that keep rows about a customer (interactions; later orders, tickets, points) take
// part in the customer's lifecycle without the customers module knowing their tables: merge and
// its undo, the 360 timeline, the privacy export and anonymisation. Each module registers one
// CustomerParticipant at wiring time (app/module_list.cc); the customers module calls every
// registered participant inside its own transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "http/request.h"
#include "storage/connection.h"

namespace crm::customers {

// One entry of a customer's timeline, newest first across participants.
struct TimelineItem {
  int64_t at_ms = 0;
  std::string kind;        // "interaction", "change", later "order", "ticket", "points"
  std::string title;       // short, display-ready (e.g. the subject)
  std::string detail;      // longer text, may be empty
  std::string actor_name;  // staff who did it, may be empty
  int64_t ref_id = 0;      // the participant's row id (0 when none)
  std::vector<std::string> fields;  // kind "change": the names of the changed fields
};

struct CustomerParticipant {
  std::string name;  // the module name ("interactions"); also the key in merge records and exports

  // Merge: moves every row of customer `from` to customer `to` in `tx` and returns the ids moved,
  // so that undo can move exactly those back. Unset: nothing to move. The customers module calls
  // owner_changed for `to` afterwards.
  std::function<Result<std::vector<int64_t>>(storage::Connection& tx, int64_t from, int64_t to)>
      move;
  // Undo of a merge: moves the rows `ids` (returned by move) back to customer `to`.
  std::function<Result<void>(storage::Connection& tx, const std::vector<int64_t>& ids, int64_t to)>
      move_back;

  // The customer's owner changed (an edit, a merge, an undo): rows that copy the owner for data
  // scope follow it. Unset: the participant keeps no owner.
  std::function<Result<void>(storage::Connection& tx, int64_t customer_id, int64_t owner_id)>
      owner_changed;

  // Timeline: up to `limit` items of the customer strictly older than `before_ms` (or all when
  // nullopt), newest first, as visible to the request's actor (`context`: the actor and their
  // permissions; the participant checks its own permission and returns nothing without it).
  std::function<Result<std::vector<TimelineItem>>(storage::Connection& db,
                                                  const http::RequestContext& context,
                                                  int64_t customer_id,
                                                  std::optional<int64_t> before_ms, int limit)>
      timeline;

  // Privacy export: every row held about the customer, as a JSON array of objects with flat
  // scalar values (they also become one CSV file named after the participant).
  std::function<Result<Json>(storage::Connection& db, int64_t customer_id)> export_rows;
  // Privacy erasure: removes or blanks the personal content of the customer's rows in `tx`, but
  // keeps what accounting needs (orders, amounts, dates).
  std::function<Result<void>(storage::Connection& tx, int64_t customer_id)> anonymise;
};

// The participants of one process. Registered at start-up (single-threaded), then read-only.
class CustomerParticipants {
 public:
  void add(CustomerParticipant participant) { participants_.push_back(std::move(participant)); }
  const std::vector<CustomerParticipant>& all() const { return participants_; }

 private:
  std::vector<CustomerParticipant> participants_;
};

}  // namespace crm::customers
