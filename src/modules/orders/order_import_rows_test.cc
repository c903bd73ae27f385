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
