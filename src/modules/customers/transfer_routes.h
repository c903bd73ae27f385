// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"
#include "modules/customers/export_service.h"
#include "modules/customers/import_service.h"

namespace crm::customers {

// /api/v1/customer-imports/… and /api/v1/customer-exports/…: parse -> service -> render.
class TransferRoutes {
 public:
  TransferRoutes(ImportService& imports, ExportService& exports)
      : imports_(imports), exports_(exports) {}
  void add_to(http::Router& router);

  // Uploads up to 200 MB (docs/api/customers.md).
  static constexpr size_t kMaxUploadBytes = 200u * 1024 * 1024;

 private:
  ImportService& imports_;
  ExportService& exports_;
};

}  // namespace crm::customers
