// SPDX-License-Identifier: Apache-2.0
// Reading an order import file without holding it whole: at upload the file is cut at row
// boundaries into parts (split_file); the job streams the parts back as orders (OrderStream):
// rows grouped by (platform, external_id), each order checked with the intake's rules
// (parse_order_draft). The rows of one order must be adjacent; a key that comes back later in
// the file is the row error order_import.split_order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "modules/orders/order_import_columns.h"
#include "modules/orders/order_import_types.h"
#include "modules/orders/order_intake.h"

namespace crm::orders {

struct SplitFile {
  std::string format;  // "csv" or "xlsx"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> preview;  // the first rows, padded to the header
  int64_t row_count = 0;                          // data rows (blank lines not counted)
};

using PartSink = std::function<Result<void>(const ImportPart& part)>;

// Cuts `bytes` (CSV or XLSX) into parts of about `part_bytes`, each checked (read) and handed to
// `sink` in order; every CSV part starts with the header line so it reads on its own, an XLSX
// file is one part. Errors: import.empty / import.unreadable (with the line) / import.no_header
// (kInvalidInput, field "file"); the sink's errors.
Result<SplitFile> split_file(std::string_view bytes, size_t part_bytes, size_t preview_rows,
                             const PartSink& sink);

// An order of the file, checked: the draft, its status (completed / cancelled) and the row
// number of each of its lines.
struct ParsedOrder {
  OrderDraft draft;
  std::string status;
  std::vector<int64_t> rows;
};

// The spreadsheet row of an intake error's field ("items[2].sku" -> the third line's row) and the
// import field it names ("customer.phone" -> customer_phone).
int64_t row_of(const ParsedOrder& order, const std::string& field);
std::string column_of(const std::string& field);

using PartFetcher = std::function<Result<std::optional<ImportPart>>(int64_t seq)>;

class OrderStream {
 public:
  static constexpr size_t kMaxErrors = 1000;  // kept in detail; all are counted

  OrderStream(PartFetcher fetch, ColumnIndex index, int64_t now_ms)
      : fetch_(std::move(fetch)), index_(index), now_ms_(now_ms) {}

  // For the write pass over parts a stream already checked without errors: drafts are built
  // straight from the cells, as parse_order_draft builds them from the same values, without the
  // JSON body and its validation (order_import_rows_test.cc compares both).
  void trust_checked() { checked_ = true; }

  // Up to `n` checked orders; empty at the end of the file (then the split-order errors have been
  // added). Orders with row errors are not returned. Errors: the file's parts unreadable.
  Result<std::vector<ParsedOrder>> next(size_t n);

  void add_error(int64_t row, std::string column, std::string code, std::string message);
  const std::vector<ImportError>& errors() const { return errors_; }
  int64_t error_count() const { return error_count_; }
  int64_t rows() const { return rows_; }
  int64_t orders() const { return orders_; }

 private:
  struct Pending {
    std::string platform, external_id;
    std::vector<int64_t> rows;
    std::vector<std::vector<std::string>> cells;
  };
  // The next non-blank row; false at the end.
  Result<bool> next_row(int64_t& number, std::vector<std::string>& cells);
  std::optional<ParsedOrder> parse(const Pending& pending);
  OrderDraft checked_draft(const Pending& pending) const;
  void finish();

  PartFetcher fetch_;
  ColumnIndex index_;
  int64_t now_ms_;
  int64_t seq_ = 0, first_row_ = 2;
  size_t next_in_part_ = 0;
  std::vector<std::vector<std::string>> part_rows_;
  bool parts_done_ = false, finished_ = false, checked_ = false;
  std::optional<Pending> pending_;
  std::vector<std::pair<uint64_t, int64_t>> seen_keys_;  // (hash of key, first row)
  std::vector<ImportError> errors_;
  int64_t error_count_ = 0, rows_ = 0, orders_ = 0;
};

}  // namespace crm::orders
