// SPDX-License-Identifier: Apache-2.0
// Plain types shared by the customer routes, service and repository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crm::customers {

struct Address {
  std::string province, city, district;
  std::optional<std::string> detail;  // personal data: encrypted at rest, masked in responses
  bool operator==(const Address&) const = default;
};

struct Consent {
  bool sms = false, email = false, phone = false;
  bool operator==(const Consent&) const = default;
};

// The fields a caller edits. Phone, email, id_number and address.detail hold plaintext here;
// only the repository's StoredCustomer holds them sealed.
struct CustomerFields {
  std::string name;
  std::string gender = "unknown";          // male | female | unknown
  std::optional<std::string> birthday;     // YYYY-MM-DD
  std::optional<std::string> phone;        // normalised: 11 digits
  std::optional<std::string> email;        // lower-cased domain, trimmed
  std::optional<std::string> id_number;    // upper-cased
  Address address;
  std::string source_channel;
  std::string stage = "potential";         // potential | transacted | member
  std::string hobbies, notes;
  Consent consent;
};

struct CategoryRef {
  int64_t id = 0;
  std::string name;
};

struct Customer {
  int64_t id = 0;
  std::string number;
  CustomerFields fields;
  int64_t owner_id = 0;
  std::vector<CategoryRef> categories;
  std::vector<std::string> tags;
  int64_t created_at_ms = 0, created_by = 0, updated_at_ms = 0, updated_by = 0;
  int64_t version = 1;
  std::optional<int64_t> deleted_at_ms, deleted_by;
  std::optional<int64_t> anonymised_at_ms;  // set once the person's data was removed
};

// A sealed personal field: ciphertext ("v1.…") and its keyed blind index.
struct SealedField {
  std::optional<std::string> cipher, index;
};

// A customer row as stored: personal fields sealed, no plaintext.
struct StoredCustomer {
  int64_t id = 0;
  std::string number;
  CustomerFields fields;  // phone, email, id_number and address.detail are empty here
  SealedField phone, email, id_number;
  std::optional<std::string> address_cipher;
  // Derived from the name for search (customer_search.h fill_search_fields); written by insert
  // and update, derived there when left empty.
  std::string name_pinyin, name_initials;
  int64_t owner_id = 0;
  int64_t created_at_ms = 0, created_by = 0, updated_at_ms = 0, updated_by = 0;
  int64_t version = 1;
  std::optional<int64_t> deleted_at_ms, deleted_by;
  std::optional<int64_t> anonymised_at_ms;  // read only; written by PrivacyService::anonymise
};

enum class ListSort { kCreatedDesc, kCreatedAsc, kName, kUpdatedDesc, kDeletedDesc };

// List filters (GET /api/v1/customers); every set field must match.
struct CustomerFilter {
  std::optional<std::string> q;               // see customer_search.h add_q_condition
  std::optional<std::string> phone_index;     // blind indexes, computed by the service
  std::optional<std::string> email_index;
  std::optional<std::string> number;
  std::optional<int64_t> category_id;
  std::optional<std::string> tag;
  std::optional<std::string> stage;
  std::optional<int64_t> owner_id;
  std::optional<int64_t> created_from_ms, created_to_ms;
  std::optional<int64_t> scope_owner_id;      // data scope "own": only this owner's customers
  bool deleted = false;                       // the recycle bin instead of live customers
};

struct CustomerQuery {
  CustomerFilter filter;
  ListSort sort = ListSort::kCreatedDesc;
  int limit = 50;
  std::optional<std::string> after;  // opaque cursor from a previous page
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  std::optional<std::string> next_after;
};

struct HistoryEntry {
  int64_t at_ms = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name, action;
  std::string changes;  // JSON object text, personal fields already "***"
};

struct Category {
  int64_t id = 0;
  std::string name, description;
  int64_t customer_count = 0;
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

// What other modules get from CustomerService::get_visible.
struct CustomerRef {
  int64_t id = 0;
  std::string number, name;
  int64_t owner_id = 0;
};

}  // namespace crm::customers
