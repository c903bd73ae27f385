// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/auth_module.h"

#include <cstdio>

#include "core/log.h"
#include "modules/auth/authenticator.h"
#include "modules/auth/password_policy.h"

namespace crm::migrations {
std::span<const storage::MigrationFile> auth();
}  // namespace crm::migrations

namespace crm::auth {

namespace {

constexpr modules::PermissionInfo kPermissions[] = {
    {"users.view", "查看员工", "View staff"},
    {"users.manage", "管理员工", "Manage staff"},
    {"roles.view", "查看角色", "View roles"},
    {"roles.manage", "管理角色", "Manage roles"},
    {"tokens.manage", "管理接口令牌", "Manage API tokens"},
    {"logs.view", "查看登录日志", "View the login log"},
};

int max_concurrent_hashes(const Config& config) {
  auto value = config.get_int("auth.max_concurrent_hashes", 2, 1, 64);
  if (!value) {
    log::warn("auth.config_ignored", {{"key", "auth.max_concurrent_hashes"}});
    return 2;
  }
  return static_cast<int>(*value);
}

// 16 characters of letters, digits and symbols that satisfy the current policy.
std::string random_password(Random& random, const settings::Settings& settings) {
  constexpr std::string_view kAlphabet =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%+=?@";
  for (;;) {
    std::string password;
    for (int i = 0; i < 16; ++i) password += kAlphabet[random.uniform(kAlphabet.size())];
    if (check_password("admin", password, std::min(settings.password_min_length, 16),
                       std::min(settings.password_classes, 4))) {
      return password;
    }
  }
}

const Keyring& checked(const Keyring* keyring) {
  CRM_CHECK(keyring != nullptr);
  return *keyring;
}

}  // namespace

AuthModule::AuthModule(modules::ModuleContext& context, audit::AuditService& audit,
                       settings::SettingsService& settings, PasswordHasher::Strength strength)
    : config_(context.config),
      hasher_(max_concurrent_hashes(context.config), strength),
      captcha_(context.db, context.clock, context.random, context.config.find("auth.test_captcha")),
      service_(context.db, context.clock, context.random, audit, settings, hasher_, captcha_),
      keyring_(checked(context.keyring)),
      totp_(service_, keyring_),
      sessions_(service_, totp_),
      auth_routes_(service_, sessions_, totp_, captcha_,
                   context.config.get_bool("http.trust_proxy", false).value_or(false)),
      admin_routes_(service_) {
  // Until the app hands over the full catalogue, at least this module's permissions exist.
  service_.set_catalogue(std::vector<modules::PermissionInfo>(std::begin(kPermissions),
                                                              std::end(kPermissions)),
                         std::vector<std::string>(std::size(kPermissions), "auth"));
}

std::span<const storage::MigrationFile> AuthModule::migrations() const {
  return migrations::auth();
}

std::span<const modules::PermissionInfo> AuthModule::permissions() const { return kPermissions; }

void AuthModule::add_routes(http::Router& router) {
  auth_routes_.add_to(router);
  admin_routes_.add_to(router);
  router.set_authenticator(make_authenticator(sessions_));
}

Result<void> AuthModule::start() {
  CRM_TRY(service_.sync_builtin_roles());
  CRM_TRY_ASSIGN(const int64_t resealed, reseal_totp_secrets(service_.db(), keyring_));
  if (resealed > 0) log::info("auth.totp_secrets_sealed", {{"count", std::to_string(resealed)}});
  CRM_TRY_ASSIGN(int64_t users, service_.db().read([&](storage::Connection& c) {
    return service_.users().count(c);
  }));
  if (users > 0) return {};

  CRM_TRY_ASSIGN(std::vector<Role> roles, service_.list_roles());
  NewUser admin{.username = "admin", .display_name = "Administrator"};
  for (const Role& role : roles) {
    if (role.name == kAdminRole) admin.role_ids.push_back(role.id);
  }
  const std::optional<std::string> configured = config_.find("admin_password");
  admin.password = configured && !configured->empty()
                       ? *configured
                       : random_password(service_.random(), service_.settings().current());
  auto created = service_.create_user(admin, audit::AuditEntry{.actor_name = "system"});
  if (!created && configured && !configured->empty()) {
    Error error = std::move(created).error();
    error.message = "admin_password (SHOPCRM_ADMIN_PASSWORD) is not accepted: " + error.message;
    return error;
  }
  CRM_TRY(std::move(created));
  log::info("auth.admin_created", {{"username", "admin"}});
  if (!configured || configured->empty()) {
    std::printf("Created the administrator account: username admin, password %s — change it "
                "after logging in.\n",
                admin.password.c_str());
  } else {
    std::printf("Created the administrator account: username admin, with the configured "
                "password — change it after logging in.\n");
  }
  std::fflush(stdout);
  return {};
}

}  // namespace crm::auth
