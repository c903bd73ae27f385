// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "server_process.h"

namespace crm::test {

// A fresh, empty database for one test: a SQLite file in a temp folder, or a new database on the
// throwaway PostgreSQL cluster named by CRM_TEST_POSTGRES_URL (dropped afterwards).
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& kind);  // "sqlite" or "postgres"
  ~ScratchDatabase();

  // Whether this kind can run here (postgres needs CRM_TEST_POSTGRES_URL).
  static bool available(const std::string& kind);

  const std::string& url() const { return url_; }  // for --db
  const std::string& kind() const { return kind_; }
  const std::string& dir() const { return dir_.path(); }

  // Runs SQL with the database's own command-line client (sqlite3 or psql); returns its output
  // rows with '|' between columns. Fails the test on a client error.
  std::string sql(const std::string& statement) const;

  // PostgreSQL only: drops the database under a running server (WITH FORCE), and creates it again.
  void drop_for_test();
  void recreate_for_test();

 private:
  std::string kind_;
  TempDir dir_;
  std::string url_;
  std::string name_;
  std::string admin_url_;
};

}  // namespace crm::test
