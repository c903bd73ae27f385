// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import_columns.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/text.h"

namespace crm::orders {

namespace {

struct FieldInfo {
  ImportField field;
  std::string_view name;
  std::vector<std::string_view> aliases;  // lower-cased header names besides `name`
};

const std::vector<FieldInfo>& fields() {
  static const std::vector<FieldInfo> kFields = {
      {ImportField::kPlatform, "platform", {"平台"}},
      {ImportField::kExternalId, "external_id", {"外部订单号", "平台订单号"}},
      {ImportField::kStatus, "status", {"状态", "订单状态"}},
      {ImportField::kPlacedAt, "placed_at", {"下单时间"}},
      {ImportField::kCustomerName, "customer_name", {"客户姓名", "客户"}},
      {ImportField::kCustomerPhone, "customer_phone", {"客户手机", "手机"}},
      {ImportField::kCustomerEmail, "customer_email", {"客户邮箱", "邮箱"}},
      {ImportField::kSku, "sku", {"商品编码"}},
      {ImportField::kQuantity, "quantity", {"数量"}},
      {ImportField::kUnitPriceFen, "unit_price_fen", {"单价(分)"}},
      {ImportField::kLineDiscountFen, "line_discount_fen", {"商品优惠(分)"}},
      {ImportField::kDiscountFen, "discount_fen", {"订单优惠(分)"}},
      {ImportField::kShippingFeeFen, "shipping_fee_fen", {"运费(分)"}},
      {ImportField::kPaymentMethod, "payment_method", {"支付方式"}},
      {ImportField::kChannel, "channel", {"渠道"}},
      {ImportField::kStore, "store", {"店铺"}},
      {ImportField::kBuyerRemarks, "buyer_remarks", {"买家备注"}},
      {ImportField::kReceiverName, "receiver_name", {"收货人"}},
      {ImportField::kReceiverPhone, "receiver_phone", {"收货电话"}},
      {ImportField::kReceiverProvince, "receiver_province", {"省"}},
      {ImportField::kReceiverCity, "receiver_city", {"市"}},
      {ImportField::kReceiverDistrict, "receiver_district", {"区"}},
      {ImportField::kReceiverAddress, "receiver_address", {"详细地址"}},
  };
  return kFields;
}

Error mapping_invalid(std::string message) {
  return invalid_input("import.mapping_invalid", std::move(message), "mapping");
}

}  // namespace

std::string_view field_name(ImportField field) {
  return fields()[static_cast<size_t>(field)].name;
}

std::optional<ImportField> import_field(std::string_view name) {
  for (const auto& info : fields()) {
    if (info.name == name) return info.field;
  }
  return std::nullopt;
}

const std::vector<ImportField>& required_fields() {
  static const std::vector<ImportField> kRequired = {
      ImportField::kExternalId, ImportField::kCustomerName, ImportField::kSku,
      ImportField::kQuantity};
  return kRequired;
}

Json suggest_mapping(const std::vector<std::string>& header) {
  Json mapping = Json::object();
  std::set<std::string_view> used;
  for (const auto& column : header) {
    const std::string key = to_lower_ascii(trim(column));
    Json suggestion = nullptr;
    for (const auto& info : fields()) {
      if (used.contains(info.name)) continue;
      if (key == info.name ||
          std::find(info.aliases.begin(), info.aliases.end(), key) != info.aliases.end()) {
        used.insert(info.name);
        suggestion = std::string(info.name);
        break;
      }
    }
    mapping[column] = suggestion;
  }
  return mapping;
}

Result<Json> check_mapping(const Json& mapping, const Json& columns) {
  if (!mapping.is_object()) return mapping_invalid("mapping must be an object {column: field}.");
  Json out = Json::object();
  std::set<std::string> mapped;
  for (const auto& [column, field] : mapping.items()) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      return mapping_invalid(fmt::format("The file has no column \"{}\".", column));
    }
    if (field.is_null()) continue;
    if (!field.is_string() || !import_field(field.get<std::string>())) {
      return mapping_invalid(fmt::format("Column \"{}\" is mapped to an unknown field.", column));
    }
    if (!mapped.insert(field.get<std::string>()).second) {
      return mapping_invalid(fmt::format("Field {} is mapped to more than one column.",
                                         field.get<std::string>()));
    }
    out[column] = field;
  }
  for (const ImportField required : required_fields()) {
    if (!mapped.contains(std::string(field_name(required)))) {
      return mapping_invalid(
          fmt::format("Map a column to the field {}.", field_name(required)));
    }
  }
  return out;
}

ColumnIndex column_index(const Json& mapping, const Json& columns) {
  ColumnIndex index{};
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string column = columns[i].get<std::string>();
    if (!mapping.contains(column) || !mapping[column].is_string()) continue;
    if (auto field = import_field(mapping[column].get<std::string>())) {
      index[static_cast<size_t>(*field)] = i;
    }
  }
  return index;
}

}  // namespace crm::orders
