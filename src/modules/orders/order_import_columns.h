// SPDX-License-Identifier: Apache-2.0
// The fields of an order import file and how columns map to them: suggested from the header
// (English names and Chinese aliases), confirmed or changed by the user when the import starts.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace crm::orders {

// Import fields, in file order. Required: external_id, customer_name, sku, quantity.
enum class ImportField {
  kPlatform, kExternalId, kStatus, kPlacedAt, kCustomerName, kCustomerPhone, kCustomerEmail,
  kSku, kQuantity, kUnitPriceFen, kLineDiscountFen, kDiscountFen, kShippingFeeFen,
  kPaymentMethod, kChannel, kStore, kBuyerRemarks, kReceiverName, kReceiverPhone,
  kReceiverProvince, kReceiverCity, kReceiverDistrict, kReceiverAddress,
};
inline constexpr size_t kImportFieldCount = 23;

std::string_view field_name(ImportField field);
std::optional<ImportField> import_field(std::string_view name);
// The fields every mapping must include.
const std::vector<ImportField>& required_fields();

// {column: field or null} from the header names (case-insensitive; Chinese aliases).
Json suggest_mapping(const std::vector<std::string>& header);

// For every field, the column position it is read from (nullopt: not in the file).
using ColumnIndex = std::array<std::optional<size_t>, kImportFieldCount>;

// Checks a start body's mapping against the file's columns. Errors (kInvalidInput, code
// import.mapping_invalid, field "mapping"): not an object, an unknown column or field, a field
// mapped twice, a required field not mapped.
Result<Json> check_mapping(const Json& mapping, const Json& columns);
// The positions a checked mapping names.
ColumnIndex column_index(const Json& mapping, const Json& columns);

}  // namespace crm::orders
