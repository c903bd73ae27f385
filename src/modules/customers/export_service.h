// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_routes.h"
#include "modules/customers/customer_service.h"
#include "modules/customers/transfer_repository.h"
#include "storage/database.h"
#include "storage/job_queue.h"

namespace crm::customers {

inline constexpr std::string_view kExportQueue = "customers.export";

// The merchant's default export format ("csv" or "xlsx") from the settings module, injected at
// wiring time so that customers does not depend on settings; unset means "xlsx".
using DefaultExportFormat = std::function<std::string()>;

// Customer exports (docs/api/customers.md, Export): a job pages through the customer list with
// the caller's filters and data scope (keyset pages of 1000), writes CSV or XLSX and stores the
// bytes in customer_exports for 24 hours. Thread-safe.
class ExportService {
 public:
  ExportService(storage::Database& db, const Clock& clock, audit::AuditService& audit,
                storage::JobQueue& jobs, CustomerService& customers, const OwnerNames& owner_names,
                const DefaultExportFormat& default_format)
      : db_(db), clock_(clock), audit_(audit), jobs_(jobs), customers_(customers),
        owner_names_(owner_names), default_format_(default_format) {}

  // Errors: export.invalid (kInvalidInput, field); customer.pii_forbidden (kForbidden) for
  // unmask without customers.view_pii.
  Result<ExportRecord> create(const Caller& caller, const Json& body, bool can_view_pii);
  // Only the creator's exports (export.not_found otherwise).
  Result<ExportRecord> get(const Caller& caller, int64_t id);
  // The file; export.not_ready (kConflict) until it succeeded, export.expired (kNotFound) after
  // 24 hours.
  Result<std::pair<ExportRecord, std::string>> file(const Caller& caller, int64_t id);

  // The job handler of kExportQueue. Idempotent: a finished export is left alone.
  Result<void> run(const storage::Job& job);

  static constexpr int64_t kKeepMs = 24LL * 3600 * 1000;
  static constexpr int kPageSize = 1000;

 private:
  storage::Database& db_;
  const Clock& clock_;
  audit::AuditService& audit_;
  storage::JobQueue& jobs_;
  CustomerService& customers_;
  const OwnerNames& owner_names_;
  const DefaultExportFormat& default_format_;
  TransferRepository transfers_;
};

Json to_json(const ExportRecord& record);

// Validated export filters as a list query (phone/email stay plaintext for the blind index).
// Errors: export.invalid (kInvalidInput, field).
Result<ListRequest> export_query(const Json& filters);

}  // namespace crm::customers
