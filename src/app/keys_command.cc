// SPDX-License-Identifier: Apache-2.0
// `shopcrm keys rotate`: a new personal-data key, every sealed value re-encrypted under it and
// every blind index recomputed, then the old key retired. Order matters for crash safety:
//  1. the new key is written to the key file as active, the old one kept (atomic rename);
//  2. rows are re-sealed in batches, one transaction each (rows under the old key are found by
//     their "v2.<id>." prefix, so a second run continues where the first stopped);
//  3. only then is the old key dropped from the file.
// At every point the key file opens every value in the database. Run it with the server stopped:
// a running server keeps its keys in memory and would not open values sealed under the new key.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "app/app.h"
#include "app/commands.h"
#include "modules/auth/totp_service.h"
#include "modules/customers/key_rotation.h"
#include "modules/orders/order_key_rotation.h"

namespace crm::app {

int keys_rotate_command(const Config& config, int batch) {
  if (config.find("key")) {
    return fail("the key comes from SHOPCRM_KEY (or the setting `key`), a single key that cannot "
                "be rotated in place; move it into a key file (unset SHOPCRM_KEY, set key_file) "
                "and run `shopcrm keys rotate` again");
  }
  if (batch < 1 || batch > 100000) return fail("--batch must be from 1 to 100000");
  const std::string key_file = config.get_or("key_file", "data/shopcrm.key");
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    return fail(fmt::format("no key file at {}: nothing to rotate (set key_file)", key_file));
  }
  auto began = Keyring::begin_rotation(key_file);
  if (!began) return fail(began.error().message + " " + began.error().detail);

  auto app = App::open(config);
  if (!app) return fail(app.error().message);
  const Keyring& keyring = (*app)->keyring();
  std::printf(*began ? "new key %s written to %s (the old key stays until every value is "
                       "re-encrypted)\n"
                     : "resuming the interrupted rotation to key %s in %s\n",
              keyring.active_key_id().c_str(), key_file.c_str());
  // The tables must be there to be re-encrypted; this is what `serve` does at start anyway.
  auto migrated = (*app)->migrate();
  if (!migrated) return fail(migrated.error().message);

  int64_t customers = 0;
  while (true) {
    auto done = customers::reseal_customers((*app)->db(), keyring, batch);
    if (!done) return fail(done.error().message + " " + done.error().detail);
    if (*done == 0) break;
    customers += *done;
    std::printf("re-encrypted %lld customers\n", static_cast<long long>(customers));
  }
  auto merges = customers::reseal_merge_snapshots((*app)->db(), keyring, batch);
  if (!merges) return fail(merges.error().message + " " + merges.error().detail);
  auto receivers = orders::reseal_order_receivers((*app)->db(), keyring, batch);
  if (!receivers) return fail(receivers.error().message + " " + receivers.error().detail);
  auto totp = auth::reseal_totp_secrets((*app)->db(), keyring);
  if (!totp) return fail(totp.error().message + " " + totp.error().detail);

  if (auto retired = Keyring::retire_previous_keys(key_file); !retired) {
    return fail(retired.error().message + " " + retired.error().detail);
  }
  std::printf("done: %lld customers, %lld merge records, %lld order receivers and %lld two-step "
              "secrets re-encrypted; %s now holds key %s only: back it up again\n",
              static_cast<long long>(customers), static_cast<long long>(*merges),
              static_cast<long long>(*receivers), static_cast<long long>(*totp),
              key_file.c_str(), keyring.active_key_id().c_str());
  return 0;
}

}  // namespace crm::app
