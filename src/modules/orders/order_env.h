// SPDX-License-Identifier: Apache-2.0
// What the order part's services share: the infrastructure, the other modules' services and the
// stock ledger. Built once by OrderPart; the references outlive it.
#pragma once

#include "core/clock.h"
#include "core/keyring.h"
#include "modules/audit/audit_service.h"
#include "modules/customers/customer_service.h"
#include "modules/messaging/messaging_service.h"
#include "modules/orders/order_repository.h"
#include "modules/orders/stock_ledger.h"
#include "modules/settings/settings_service.h"
#include "storage/database.h"
#include "storage/job_queue.h"

namespace crm::orders {

struct OrderEnv {
  storage::Database& db;
  const Clock& clock;
  const Keyring& keyring;
  audit::AuditService& audit;
  customers::CustomerService& customers;
  messaging::MessagingService& messaging;
  settings::SettingsService& settings;
  storage::JobQueue& jobs;
  const StockLedger& ledger;
  OrderRepository repository;
};

}  // namespace crm::orders
