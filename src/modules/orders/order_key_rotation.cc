// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_key_rotation.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "core/text.h"
#include "modules/orders/order_types.h"

namespace crm::orders {

namespace {

// `cipher` under the active key; unchanged when it already is (or absent).
Result<std::optional<std::string>> resealed(const Keyring& keyring,
                                            const std::optional<std::string>& cipher,
                                            std::string_view associated_data, int64_t order_id) {
  if (!cipher || starts_with(*cipher, keyring.active_prefix())) return cipher;
  auto plain = keyring.open(*cipher, associated_data);
  if (!plain) {
    Error error = std::move(plain).error();
    error.detail += fmt::format(" (order {}, {})", order_id, associated_data);
    return error;
  }
  return std::optional<std::string>(keyring.seal(*plain, associated_data));
}

}  // namespace

Result<int64_t> reseal_order_receivers(storage::Database& db, const Keyring& keyring, int batch) {
  const std::string pattern = keyring.active_prefix() + "%";
  // Keyset by id: each batch starts after the last order looked at, so a big table is read once.
  const std::string sql = fmt::format(
      "SELECT id, receiver_phone_cipher, receiver_address_cipher FROM orders WHERE id > ? AND ("
      "(receiver_phone_cipher IS NOT NULL AND receiver_phone_cipher NOT LIKE ?) OR "
      "(receiver_address_cipher IS NOT NULL AND receiver_address_cipher NOT LIKE ?)) "
      "ORDER BY id LIMIT {}",
      batch);
  int64_t after_id = 0;
  int64_t changed = 0;
  while (true) {
    CRM_TRY_ASSIGN(const int64_t seen,
                   db.transaction([&](storage::Connection& tx) -> Result<int64_t> {
                     CRM_TRY_ASSIGN(auto rows, tx.query(sql, after_id, pattern, pattern));
                     for (const auto& r : rows) {
                       after_id = r.get_int(0);
                       CRM_TRY_ASSIGN(auto phone, resealed(keyring, r.get_optional_string(1),
                                                           kReceiverPhoneAd, after_id));
                       CRM_TRY_ASSIGN(auto address, resealed(keyring, r.get_optional_string(2),
                                                             kReceiverAddressAd, after_id));
                       // Not a change of the order: version and updated_at stay as they are.
                       CRM_TRY(tx.execute("UPDATE orders SET receiver_phone_cipher = ?, "
                                          "receiver_address_cipher = ? WHERE id = ?",
                                          phone, address, after_id));
                     }
                     return static_cast<int64_t>(rows.size());
                   }));
    if (seen == 0) return changed;
    changed += seen;
  }
}

}  // namespace crm::orders
