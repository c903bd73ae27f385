// SPDX-License-Identifier: Apache-2.0
#include "http/query_params.h"

#include <gtest/gtest.h>

namespace crm::http {
namespace {

Request get(std::string target) { return Request::for_test(Method::kGet, std::move(target)); }

void expect_invalid(const Error& error, std::string_view field) {
  EXPECT_EQ(error.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(error.code, "shop.invalid_filter");
  EXPECT_EQ(error.field, field);
}

TEST(QueryParams, TextIsTrimmedAndBlankIsAbsent) {
  const auto request = get("/x?q=+%E5%BC%A0+&blank=+++");
  const QueryParams params(request, "shop.invalid_filter");
  EXPECT_EQ(params.text("q"), "张");
  EXPECT_EQ(params.text("blank"), std::nullopt);
  EXPECT_EQ(params.text("missing"), std::nullopt);
}

TEST(QueryParams, IntegersAreBounded) {
  const auto request = get("/x?a=7&b=0&c=x7&d=");
  const QueryParams params(request, "shop.invalid_filter");
  EXPECT_EQ(params.integer("a", 1, 10).value(), 7);
  EXPECT_EQ(params.integer("d", 1, 10).value(), std::nullopt);
  expect_invalid(params.integer("b", 1, 10).error(), "b");
  expect_invalid(params.integer("c", 1, 10).error(), "c");
}

TEST(QueryParams, FlagsTimesChoicesAndLimit) {
  const auto request = get("/x?on=true&off=0&bad=yes&day=2026-11-01&t=2026-11-01T08:00:00%2B08:00"
                           "&when=soon&sort=name&other=age&limit=500");
  const QueryParams params(request, "shop.invalid_filter");
  EXPECT_TRUE(params.flag("on").value());
  EXPECT_FALSE(params.flag("off").value());
  EXPECT_FALSE(params.flag("missing").value());
  expect_invalid(params.flag("bad").error(), "bad");
  EXPECT_EQ(params.time("day", false).value(), 1'793'491'200'000);
  EXPECT_EQ(params.time("day", true).value(), 1'793'491'200'000 + 86'400'000);
  EXPECT_EQ(params.time("t", false).value(), 1'793'491'200'000);
  expect_invalid(params.time("when", false).error(), "when");
  EXPECT_EQ(params.choice("sort", {"name", "age"}).value(), "name");
  expect_invalid(params.choice("other", {"name"}).error(), "other");
  EXPECT_EQ(params.choice("missing", {"name"}).value(), std::nullopt);
  expect_invalid(params.limit().error(), "limit");
  EXPECT_EQ(params.limit(20, 1000).value(), 500);
}

TEST(QueryParams, ListsSplitRepeatSortAndDeduplicate) {
  const auto request = get("/x?c=b,a&c=+a+&c=,&many=1,2,3");
  const QueryParams params(request, "shop.invalid_filter");
  EXPECT_EQ(params.list("c", 10).value(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(params.list("missing", 10).value().empty());
  expect_invalid(params.list("many", 2).error(), "many");
  EXPECT_EQ(params.limit().value(), 50);
}

}  // namespace
}  // namespace crm::http
