// SPDX-License-Identifier: Apache-2.0
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "modules/customers/tabular/table.h"

namespace crm::tabular {

namespace {

// libxlsxwriter writes only to a path: a private temporary file, removed on every exit.
class TempPath {
 public:
  TempPath() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = fmt::format("{}/crm-xlsx-XXXXXX", dir != nullptr ? dir : "/tmp");
    const int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      ::close(fd);
      path_ = pattern;
    }
  }
  ~TempPath() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Error write_failed(std::string_view what) {
  return internal_error(fmt::format("xlsx writer: {}", what));
}

}  // namespace

Result<std::string> write_xlsx(std::string_view sheet_name, const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows) {
  TempPath temp;
  if (temp.path().empty()) return write_failed("no temporary file");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows are streamed: memory stays flat for big exports
  options.tmpdir = nullptr;
  lxw_workbook* workbook = workbook_new_opt(temp.path().c_str(), &options);
  if (workbook == nullptr) return write_failed("cannot create the workbook");
  const std::string name(sheet_name);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  bool ok = sheet != nullptr;
  for (size_t c = 0; ok && c < header.size(); ++c) {
    ok = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold) ==
         LXW_NO_ERROR;
  }
  for (size_t r = 0; ok && r < rows.size(); ++r) {
    for (size_t c = 0; ok && c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      // Strings only: a cell never becomes a formula, whatever it starts with.
      ok = worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                  rows[r][c].c_str(), nullptr) == LXW_NO_ERROR;
    }
  }
  const lxw_error closed = workbook_close(workbook);
  if (!ok) return write_failed("a cell could not be written");
  if (closed != LXW_NO_ERROR) return write_failed(lxw_strerror(closed));
  std::ifstream in(temp.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return write_failed("cannot read the temporary file back");
  return bytes.str();
}

}  // namespace crm::tabular
