// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "modules/module.h"

namespace crm::app {

// The process itself as a module: storage's own tables (jobs, outbox, idempotency keys) and the
// operational endpoints every deployment needs.
//   GET /healthz         the process is up (no database call; for liveness probes)
//   GET /readyz          the database answers (503 with Retry-After when it does not)
//   GET /metrics         Prometheus text: requests, latency, pool and job-queue figures
//   GET /api/v1/version  name and version
class SystemModule final : public modules::Module {
 public:
  explicit SystemModule(modules::ModuleContext& context);

  std::string_view name() const override { return "system"; }
  std::span<const storage::MigrationFile> migrations() const override;
  void add_routes(http::Router& router) override;

 private:
  modules::ModuleContext& context_;
};

}  // namespace crm::app
