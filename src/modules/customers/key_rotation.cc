// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/key_rotation.h"

#include <fmt/format.h>

#include "core/json.h"
#include "core/text.h"

namespace crm::customers {

namespace {

// The sealed columns: associated data as CustomerService seals them (customer_service.cc) and
// the blind index domain (empty: not indexed).
struct SealedColumn {
  std::string_view cipher, index, associated_data, domain;
};
constexpr SealedColumn kColumns[] = {
    {"phone_cipher", "phone_index", "customers.phone", "phone"},
    {"email_cipher", "email_index", "customers.email", "email"},
    {"id_number_cipher", "id_number_index", "customers.id_number", "id_number"},
    {"address_cipher", "", "customers.address_detail", ""},
};

struct Resealed {
  std::optional<std::string> cipher, index;
};

// `cipher` opened with its own key and sealed under the active one, with its index recomputed.
Result<Resealed> reseal(const Keyring& keyring, const SealedColumn& column,
                        const std::optional<std::string>& cipher,
                        const std::optional<std::string>& index) {
  if (!cipher) return Resealed{std::nullopt, index};
  auto plain = keyring.open(*cipher, column.associated_data);
  if (!plain) {
    Error error = std::move(plain).error();
    error.detail += fmt::format(" ({})", column.cipher);
    return error;
  }
  Resealed out{keyring.seal(*plain, column.associated_data), index};
  if (!column.domain.empty()) out.index = keyring.blind_index(column.domain, *plain);
  return out;
}

Json optional_json(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

std::optional<std::string> optional_text(const Json& object, std::string_view key) {
  const std::string k(key);
  if (!object.contains(k) || !object.at(k).is_string()) return std::nullopt;
  return object.at(k).get<std::string>();
}

// Re-seals the stored row of a merge snapshot ({"row":{…}}); returns whether anything changed.
Result<bool> reseal_snapshot(const Keyring& keyring, Json& snapshot) {
  if (!snapshot.is_object() || !snapshot.contains("row") || !snapshot.at("row").is_object()) {
    return false;
  }
  Json& row = snapshot["row"];
  const std::string active = keyring.active_prefix();
  bool changed = false;
  for (const SealedColumn& column : kColumns) {
    const auto cipher = optional_text(row, column.cipher);
    if (!cipher || starts_with(*cipher, active)) continue;
    const auto index =
        column.index.empty() ? std::nullopt : optional_text(row, column.index);
    CRM_TRY_ASSIGN(Resealed resealed, reseal(keyring, column, cipher, index));
    row[std::string(column.cipher)] = optional_json(resealed.cipher);
    if (!column.index.empty()) row[std::string(column.index)] = optional_json(resealed.index);
    changed = true;
  }
  return changed;
}

}  // namespace

Result<int64_t> reseal_customers(storage::Database& db, const Keyring& keyring, int batch) {
  const std::string pattern = keyring.active_prefix() + "%";
  const std::string sql = fmt::format(
      "SELECT id, phone_cipher, phone_index, email_cipher, email_index, id_number_cipher, "
      "id_number_index, address_cipher FROM customers WHERE "
      "(phone_cipher IS NOT NULL AND phone_cipher NOT LIKE ?) OR "
      "(email_cipher IS NOT NULL AND email_cipher NOT LIKE ?) OR "
      "(id_number_cipher IS NOT NULL AND id_number_cipher NOT LIKE ?) OR "
      "(address_cipher IS NOT NULL AND address_cipher NOT LIKE ?) ORDER BY id LIMIT {}",
      batch);
  return db.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    CRM_TRY_ASSIGN(auto rows, tx.query(sql, pattern, pattern, pattern, pattern));
    for (const auto& r : rows) {
      CRM_TRY_ASSIGN(auto phone, reseal(keyring, kColumns[0], r.get_optional_string(1),
                                        r.get_optional_string(2)));
      CRM_TRY_ASSIGN(auto email, reseal(keyring, kColumns[1], r.get_optional_string(3),
                                        r.get_optional_string(4)));
      CRM_TRY_ASSIGN(auto id_number, reseal(keyring, kColumns[2], r.get_optional_string(5),
                                            r.get_optional_string(6)));
      CRM_TRY_ASSIGN(auto address,
                     reseal(keyring, kColumns[3], r.get_optional_string(7), std::nullopt));
      // Not a change of the customer: version and updated_* stay as they are.
      CRM_TRY(tx.execute("UPDATE customers SET phone_cipher = ?, phone_index = ?, "
                         "email_cipher = ?, email_index = ?, id_number_cipher = ?, "
                         "id_number_index = ?, address_cipher = ? WHERE id = ?",
                         phone.cipher, phone.index, email.cipher, email.index, id_number.cipher,
                         id_number.index, address.cipher, r.get_int(0)));
    }
    return static_cast<int64_t>(rows.size());
  });
}

Result<int64_t> reseal_merge_snapshots(storage::Database& db, const Keyring& keyring, int batch) {
  const std::string sql = fmt::format(
      "SELECT id, survivor_before, merged_before FROM customer_merges WHERE id > ? "
      "ORDER BY id LIMIT {}",
      batch);
  int64_t after_id = 0;
  int64_t changed = 0;
  // One batch after `after_id`; returns how many rows it looked at.
  auto batch_once = [&](storage::Connection& tx) -> Result<int64_t> {
    CRM_TRY_ASSIGN(auto rows, tx.query(sql, after_id));
    for (const auto& r : rows) {
      after_id = r.get_int(0);
      auto survivor = parse_json(r.get_string(1));
      auto merged = parse_json(r.get_string(2));
      if (!survivor || !merged) {
        return internal_error(fmt::format("customer_merges {} holds malformed JSON", after_id));
      }
      CRM_TRY_ASSIGN(const bool a, reseal_snapshot(keyring, *survivor));
      CRM_TRY_ASSIGN(const bool b, reseal_snapshot(keyring, *merged));
      if (!a && !b) continue;
      CRM_TRY(tx.execute("UPDATE customer_merges SET survivor_before = ?, merged_before = ? "
                         "WHERE id = ?",
                         dump_json(*survivor), dump_json(*merged), after_id));
      ++changed;
    }
    return static_cast<int64_t>(rows.size());
  };
  while (true) {
    CRM_TRY_ASSIGN(const int64_t seen, db.transaction(batch_once));
    if (seen == 0) return changed;
  }
}

}  // namespace crm::customers
