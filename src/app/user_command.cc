// SPDX-License-Identifier: Apache-2.0
// `shopcrm user add|passwd|list|disable`: staff accounts from the command line, for the first
// set-up and for recovery when nobody can log in. Passwords come from standard input (or
// SHOPCRM_USER_PASSWORD), never from a flag, so they stay out of the shell history.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/app.h"
#include "app/commands.h"
#include "modules/auth/auth_module.h"

namespace crm::app {

namespace {

// The password: SHOPCRM_USER_PASSWORD, else one line of standard input (not echoed on a terminal).
std::string read_password(const std::string& prompt) {
  if (const char* from_env = std::getenv("SHOPCRM_USER_PASSWORD")) return from_env;
  const bool terminal = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    std::fprintf(stderr, "%s", prompt.c_str());
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

audit::AuditEntry cli_actor() {
  audit::AuditEntry actor;
  const char* user = std::getenv("USER");
  actor.actor_name = std::string("cli:") + (user != nullptr ? user : "unknown");
  return actor;
}

// Opens the database, migrates, and readies the auth module (catalogue and built-in roles).
Result<std::unique_ptr<App>> open_for_users(const Config& config) {
  CRM_TRY_ASSIGN(std::unique_ptr<App> app, App::open(config));
  CRM_TRY(app->migrate());
  auto* auth = app->modules().find<auth::AuthModule>();
  if (auth == nullptr) return internal_error("the auth module is not in the module list");
  CRM_TRY(auth->service().sync_builtin_roles());
  return app;
}

}  // namespace

int user_command(const Config& config, const UserCommand& command) {
  auto app = open_for_users(config);
  if (!app) return fail(app.error().message);
  auth::AuthService& users = (*app)->modules().find<auth::AuthModule>()->service();

  if (command.action == "list") {
    auto page = users.list_users({.limit = 200});
    if (!page) return fail(page.error().message);
    std::printf("%-20s %-24s %-9s %s\n", "USERNAME", "DISPLAY NAME", "STATUS", "ROLES");
    for (const auto& user : page->items) {
      std::string roles;
      for (const auto& role : user.roles) roles += (roles.empty() ? "" : ",") + role.name;
      std::printf("%-20s %-24s %-9s %s\n", user.username.c_str(), user.display_name.c_str(),
                  user.status.c_str(), roles.c_str());
    }
    return 0;
  }

  if (command.action == "add") {
    auth::NewUser user{.username = command.username,
                       .display_name = command.display_name.empty() ? command.username
                                                                    : command.display_name,
                       .password = read_password("Password for " + command.username + ": "),
                       .phone = command.phone,
                       .email = command.email,
                       .department = command.department};
    auto roles = users.list_roles();
    if (!roles) return fail(roles.error().message);
    for (const auto& wanted : command.roles) {
      bool found = false;
      for (const auto& role : *roles) {
        if (role.name == wanted) {
          user.role_ids.push_back(role.id);
          found = true;
        }
      }
      if (!found) return fail("no role named '" + wanted + "' (see the console's role list)");
    }
    auto created = users.create_user(user, cli_actor());
    if (!created) return fail(created.error().message);
    std::printf("created user %s (id %lld)\n", created->username.c_str(),
                static_cast<long long>(created->id));
    return 0;
  }

  if (command.action == "passwd") {
    auto done = users.set_password(command.username,
                                   read_password("New password for " + command.username + ": "),
                                   cli_actor());
    if (!done) return fail(done.error().message);
    std::printf("password of %s changed; their sessions have ended\n", command.username.c_str());
    return 0;
  }

  if (command.action == "disable") {
    auto done = users.disable_user(command.username, cli_actor());
    if (!done) return fail(done.error().message);
    std::printf("user %s disabled; their sessions have ended\n", command.username.c_str());
    return 0;
  }
  return fail("unknown user command");
}

}  // namespace crm::app
