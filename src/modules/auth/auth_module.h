// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "modules/audit/audit_service.h"
#include "modules/auth/admin_routes.h"
#include "modules/auth/auth_routes.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/captcha.h"
#include "modules/auth/password_hasher.h"
#include "modules/auth/session_service.h"
#include "modules/auth/totp_service.h"
#include "modules/module.h"
#include "modules/settings/settings_service.h"

namespace crm::auth {

// Staff accounts (issue 3): users, roles, sessions, captchas, API tokens, the login log.
// Depends on audit and settings. Config: auth.max_concurrent_hashes (default 2),
// auth.test_captcha (fixed captcha answer; the app allows it only on loopback), http.trust_proxy
// (Secure cookie), admin_password (the first administrator's password). Needs the context's
// keyring (TOTP secrets are sealed with it).
// The app must call service().set_catalogue(modules) after building every module, before start().
class AuthModule final : public modules::Module {
 public:
  AuthModule(modules::ModuleContext& context, audit::AuditService& audit,
             settings::SettingsService& settings,
             PasswordHasher::Strength strength = PasswordHasher::Strength::kInteractive);

  std::string_view name() const override { return "auth"; }
  std::span<const storage::MigrationFile> migrations() const override;
  std::span<const modules::PermissionInfo> permissions() const override;
  // Adds the routes and installs the authenticator on `router`.
  void add_routes(http::Router& router) override;
  // Creates/updates the built-in roles; with no users, creates `admin` and prints its password
  // once on stdout. Errors: storage errors; auth.weak_password for a weak admin_password.
  Result<void> start() override;

  AuthService& service() { return service_; }
  SessionService& sessions() { return sessions_; }

 private:
  const Config& config_;
  PasswordHasher hasher_;
  CaptchaService captcha_;
  AuthService service_;
  const Keyring& keyring_;
  TotpService totp_;
  SessionService sessions_;
  AuthRoutes auth_routes_;
  AdminRoutes admin_routes_;
};

}  // namespace crm::auth
