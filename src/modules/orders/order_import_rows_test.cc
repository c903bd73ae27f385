// SPDX-License-Identifier: Apache-2.0
#include "modules/orders/order_import_rows.h"
#include "modules/customers/tabular/table.h"

#include <gtest/gtest.h>

#include <map>

namespace crm::orders {
namespace {

constexpr int64_t kNow = 1'795'000'000'000;

struct Stored {
  std::vector<ImportPart> parts;
  PartFetcher fetcher() {
    return [this](int64_t seq) -> Result<std::optional<ImportPart>> {
      if (seq >= static_cast<int64_t>(parts.size())) return std::optional<ImportPart>{};
      return std::optional<ImportPart>(parts[static_cast<size_t>(seq)]);
    };
  }
};

Result<SplitFile> split(std::string_view csv, size_t part_bytes, Stored& stored) {
  return split_file(csv, part_bytes, 2, [&](const ImportPart& part) -> Result<void> {
    stored.parts.push_back(part);
    return {};
  });
}

ColumnIndex index_of(const SplitFile& file) {
  const Json columns = tabular::unique_header(file.header);
  return column_index(suggest_mapping(tabular::unique_header(file.header)), columns);
}

const std::string kHeader = "external_id,customer_name,sku,quantity,buyer_remarks\n";

TEST(OrderImportRowsTest, PartsCutAtRowBoundariesReadBackAsTheSameOrders) {
  // A quoted remark with a line break and a comma must not be cut.
  std::string csv = kHeader;
  for (int i = 0; i < 40; ++i) {
    csv += "E" + std::to_string(i / 2) + ",张三,SKU-A," + std::to_string(1 + i % 3) +
           ",\"第一行\n第二行, 还有\"\n";
  }
  Stored stored;
  auto file = split(csv, 64, stored);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->format, "csv");
  EXPECT_EQ(file->row_count, 40);
  EXPECT_EQ(file->preview.size(), 2u);
  EXPECT_GT(stored.parts.size(), 5u);
  EXPECT_EQ(stored.parts[1].bytes.rfind(kHeader, 0), 0u);  // every part starts with the header

  OrderStream stream(stored.fetcher(), index_of(*file), kNow);
  std::vector<ParsedOrder> orders;
  while (true) {
    auto batch = stream.next(3);
    ASSERT_TRUE(batch) << batch.error().message;
    if (batch->empty()) break;
    for (auto& order : *batch) orders.push_back(std::move(order));
  }
  EXPECT_EQ(stream.error_count(), 0) << stream.errors().front().message;
  EXPECT_EQ(stream.rows(), 40);
  ASSERT_EQ(orders.size(), 20u);
  EXPECT_EQ(*orders[7].draft.external_id, "E7");
  EXPECT_EQ(orders[7].rows, (std::vector<int64_t>{16, 17}));  // header is row 1
  EXPECT_EQ(orders[7].draft.items.size(), 2u);
  EXPECT_EQ(orders[7].draft.buyer_remarks, "第一行\n第二行, 还有");
  EXPECT_EQ(orders[7].status, "completed");
}

TEST(OrderImportRowsTest, RowErrorsNameRowAndColumnAndSplitOrdersAreRefused) {
  const std::string csv = kHeader +
                          "A,张三,SKU-A,1,\n"
                          "B,李四,SKU-A,x,\n"   // quantity is not a number
                          ",王五,SKU-A,1,\n"    // no external_id
                          "A,张三,SKU-B,1,\n";  // A again, not next to its first row
  Stored stored;
  auto file = split(csv, 1 << 20, stored);
  ASSERT_TRUE(file);
  OrderStream stream(stored.fetcher(), index_of(*file), kNow);
  while (true) {
    auto batch = stream.next(10);
    ASSERT_TRUE(batch);
    if (batch->empty()) break;
  }
  ASSERT_EQ(stream.error_count(), 3);
  const auto& errors = stream.errors();
  EXPECT_EQ(errors[0].row, 3);
  EXPECT_EQ(errors[0].column, "quantity");
  EXPECT_EQ(errors[1].row, 4);
  EXPECT_EQ(errors[1].column, "external_id");
  EXPECT_EQ(errors[2].row, 5);
  EXPECT_EQ(errors[2].code, "order_import.split_order");
}

std::vector<ParsedOrder> read_all(OrderStream& stream) {
  std::vector<ParsedOrder> orders;
  while (true) {
    auto batch = stream.next(2);
    if (!batch || batch->empty()) break;
    for (auto& order : *batch) orders.push_back(std::move(order));
  }
  return orders;
}

TEST(OrderImportRowsTest, TheWritePassBuildsTheDraftsTheIntakeValidatorBuilt) {
  const std::string csv =
      "external_id,platform,status,placed_at,customer_name,customer_phone,customer_email,sku,"
      "quantity,unit_price_fen,line_discount_fen,discount_fen,shipping_fee_fen,payment_method,"
      "channel,store,buyer_remarks,receiver_name,receiver_phone,receiver_province,receiver_city,"
      "receiver_district,receiver_address\n"
      "A1,tmall,已完成,2025-03-04, 张三 ,+86 138-0013 8000, Zhang@Example.COM ,SKU-A,2,1990,100,"
      "50,800,cod,直播,旗舰店,\"请尽快, 发货\",李四,139 0000 1111,浙江省,杭州市,西湖区,文三路1号\n"
      "A1,tmall,已完成,2025-03-04,张三,+86 138-0013 8000,,SKU-B,1,,,,,,,,,,,,,,\n"
      "A2,,cancelled,1735689600000,王五,,,SKU-C,3,,,,,,,,,,,,,,\n"
      "A3,jd,,,赵六,13700000000,,SKU-A,1,0,0,0,0,online,,,,,,,,,\n";
  Stored stored;
  auto file = split(csv, 1 << 20, stored);
  ASSERT_TRUE(file) << file.error().message;
  OrderStream validated(stored.fetcher(), index_of(*file), kNow);
  const auto expected = read_all(validated);
  ASSERT_EQ(validated.error_count(), 0) << validated.errors().front().message;
  OrderStream trusted(stored.fetcher(), index_of(*file), kNow);
  trusted.trust_checked();
  const auto got = read_all(trusted);
  ASSERT_EQ(expected.size(), 3u);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const OrderDraft& e = expected[i].draft;
    const OrderDraft& g = got[i].draft;
    EXPECT_EQ(got[i].status, expected[i].status);
    EXPECT_EQ(got[i].rows, expected[i].rows);
    EXPECT_EQ(g.platform, e.platform);
    EXPECT_EQ(g.external_id, e.external_id);
    EXPECT_EQ(g.customer_id, e.customer_id);
    EXPECT_EQ(g.person, e.person) << g.person.dump() << " vs " << e.person.dump();
    ASSERT_EQ(g.items.size(), e.items.size());
    for (size_t k = 0; k < g.items.size(); ++k) {
      EXPECT_EQ(g.items[k].sku, e.items[k].sku);
      EXPECT_EQ(g.items[k].quantity, e.items[k].quantity);
      EXPECT_EQ(g.items[k].unit_price_fen, e.items[k].unit_price_fen);
      EXPECT_EQ(g.items[k].discount_fen, e.items[k].discount_fen);
    }
    EXPECT_EQ(g.discount_fen, e.discount_fen);
    EXPECT_EQ(g.shipping_fee_fen, e.shipping_fee_fen);
    EXPECT_EQ(g.channel, e.channel);
    EXPECT_EQ(g.store, e.store);
    EXPECT_EQ(g.payment_method, e.payment_method);
    EXPECT_EQ(g.buyer_remarks, e.buyer_remarks);
    EXPECT_EQ(g.receiver.name, e.receiver.name);
    EXPECT_EQ(g.receiver.phone, e.receiver.phone);
    EXPECT_EQ(g.receiver.province, e.receiver.province);
    EXPECT_EQ(g.receiver.city, e.receiver.city);
    EXPECT_EQ(g.receiver.district, e.receiver.district);
    EXPECT_EQ(g.receiver.address, e.receiver.address);
    EXPECT_EQ(g.placed_at_ms, e.placed_at_ms);
  }
  // The values really were normalised (the comparison above is not between two empty drafts).
  EXPECT_EQ(got[0].draft.person["phone"], "13800138000");
  EXPECT_EQ(got[0].draft.person["email"], "zhang@example.com");
  EXPECT_EQ(got[0].draft.receiver.phone, "13900001111");
  EXPECT_EQ(got[0].draft.payment_method, "cod");
  EXPECT_EQ(got[1].draft.platform, "manual");
  EXPECT_EQ(got[1].draft.placed_at_ms, 1735689600000);
  EXPECT_EQ(got[2].draft.placed_at_ms, kNow);
}

TEST(OrderImportRowsTest, UnreadableFilesAreRefusedAtUpload) {
  Stored stored;
  EXPECT_EQ(split("", 64, stored).error().code, "import.empty");
  const std::string open_quote = kHeader + "A,张三,SKU-A,1,\"never closed\n" + std::string(100, 'x');
  auto refused = split(open_quote, 16, stored);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "import.unreadable");
}

TEST(OrderImportRowsTest, MappingNeedsTheRequiredFieldsOnce) {
  const Json columns = Json::array({"单号", "客户", "商品编码", "数量"});
  Json mapping = suggest_mapping({"单号", "客户", "商品编码", "数量"});
  EXPECT_TRUE(mapping["单号"].is_null());
  EXPECT_EQ(mapping["客户"], "customer_name");
  EXPECT_EQ(check_mapping(mapping, columns).error().code, "import.mapping_invalid");
  mapping["单号"] = "external_id";
  EXPECT_TRUE(check_mapping(mapping, columns));
  mapping["客户"] = "external_id";
  EXPECT_FALSE(check_mapping(mapping, columns));
  EXPECT_FALSE(check_mapping(Json{{"其他", "sku"}}, columns));
}

}  // namespace
}  // namespace crm::orders
