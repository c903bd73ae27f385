// SPDX-License-Identifier: Apache-2.0
// shopcrm: the command line. Every command takes --db and --config; flags beat the environment
// (SHOPCRM_*), which beats shopcrm.toml.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <string>

#include "app/commands.h"
#include "app/version.h"
#include "core/config.h"
#include "core/log.h"

namespace {

using crm::app::fail;

struct Flags {
  std::string db, config_file = "shopcrm.toml", listen, web_root, log_level, backup_file, restore_file;
  std::string test_captcha;
};

// --db, --config and --log-level belong to every command.
void add_common_options(CLI::App& command, Flags& f) {
  command.add_option("--db", f.db,
                     "database: sqlite:<file> or postgresql://… (env SHOPCRM_DB, default "
                     "sqlite:data/shopcrm.db)");
  command.add_option("--config", f.config_file,
                     "settings file (default shopcrm.toml when it exists)");
  command.add_option("--log-level", f.log_level,
                     "debug, info, warn or error (env SHOPCRM_LOG_LEVEL, default info)");
}

bool given(const CLI::App& command, const char* option) {
  const CLI::Option* found = command.get_option_no_throw(option);
  return found != nullptr && found->count() > 0;
}

// Only the flags actually given, so that they override the environment and the file.
std::map<std::string, std::string> given_flags(const CLI::App& command, const Flags& f) {
  std::map<std::string, std::string> out;
  if (given(command, "--db")) out["db"] = f.db;
  if (given(command, "--log-level")) out["log_level"] = f.log_level;
  if (given(command, "--listen")) out["listen"] = f.listen;
  if (given(command, "--web-root")) out["web_root"] = f.web_root;
  if (given(command, "--test-captcha")) out["auth.test_captcha"] = f.test_captcha;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"shopcrm — a fast, self-hosted CRM for e-commerce merchants", "shopcrm"};
  cli.require_subcommand(1);
  Flags f;

  auto* serve = cli.add_subcommand("serve", "serve the API and the web console");
  add_common_options(*serve, f);
  serve->add_option("--listen", f.listen,
                    "<host>:<port> to listen on; port 0 picks a free port (env SHOPCRM_LISTEN, "
                    "default 127.0.0.1:8080)");
  serve->add_option("--web-root", f.web_root, "folder of the built console (default web/dist)");
  serve->add_option("--test-captcha", f.test_captcha,
                    "FOR AUTOMATED TESTS ONLY: every captcha answer is this text; refused unless "
                    "listening on a loopback address");
  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations and exit");
  add_common_options(*migrate, f);
  auto* backup = cli.add_subcommand("backup", "write an online backup of the SQLite database");
  add_common_options(*backup, f);
  backup->add_option("file", f.backup_file, "backup file to create (must not exist)")->required();
  auto* restore = cli.add_subcommand(
      "restore", "replace the SQLite database with a backup (stop the server first)");
  add_common_options(*restore, f);
  restore->add_option("file", f.restore_file, "backup file written by `shopcrm backup`")
      ->required()
      ->check(CLI::ExistingFile);
  crm::app::UserCommand user_args;
  auto* user = cli.add_subcommand("user", "manage staff accounts (passwords are read from stdin)");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create a staff user");
  add_common_options(*user_add, f);
  user_add->add_option("username", user_args.username, "login name (3-32 of a-z 0-9 _ . -)")->required();
  user_add->add_option("--display-name", user_args.display_name, "name shown in the console");
  user_add->add_option("--role", user_args.roles,
                       "role name, repeatable: admin, salesperson, customer_service, marketer, "
                       "analyst or a custom role");
  user_add->add_option("--email", user_args.email, "bound email (for password recovery)");
  user_add->add_option("--phone", user_args.phone, "bound mobile number (for password recovery)");
  user_add->add_option("--department", user_args.department, "department");
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password; ends their sessions");
  add_common_options(*user_passwd, f);
  user_passwd->add_option("username", user_args.username, "login name")->required();
  auto* user_list = user->add_subcommand("list", "list staff users");
  add_common_options(*user_list, f);
  auto* user_disable = user->add_subcommand("disable", "disable a user; ends their sessions");
  add_common_options(*user_disable, f);
  user_disable->add_option("username", user_args.username, "login name")->required();

  int key_batch = 500;
  auto* keys = cli.add_subcommand("keys", "manage the personal-data key");
  keys->require_subcommand(1);
  auto* keys_rotate = keys->add_subcommand(
      "rotate", "re-encrypt personal data under a new key, then retire the old one (stop the "
                "server first; resumable)");
  add_common_options(*keys_rotate, f);
  keys_rotate->add_option("--batch", key_batch, "rows per transaction (default 500)");

  crm::app::DemoCommand demo_args;
  auto* demo = cli.add_subcommand(
      "demo", "fill an EMPTY database with a generated demo store (see docs/demo.md)");
  add_common_options(*demo, f);
  demo->add_option("--customers", demo_args.customers, "customers (default 50000)");
  demo->add_option("--orders", demo_args.orders, "orders (default 200000)");
  demo->add_option("--products", demo_args.products, "products (default 500)");
  demo->add_option("--years", demo_args.years, "years of order history up to today (default 3)");
  demo->add_option("--seed", demo_args.seed, "the same seed gives the same store (default 1)");
  demo->add_flag("--if-empty", demo_args.if_empty,
                 "skip quietly (exit 0) when the database already has data (make run DEMO=1)");

  auto* routes = cli.add_subcommand("routes", "list every API route with the permission it needs");
  add_common_options(*routes, f);
  cli.add_subcommand("version", "print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "shopcrm: error: %s (see shopcrm --help)\n", e.what());
    return 2;
  }

  if (cli.got_subcommand("version")) {
    std::printf("shopcrm %s\n", crm::app::kVersion);
    return 0;
  }

  const CLI::App* command_ptr = cli.get_subcommands().front();
  if (command_ptr->get_name() == "user") {
    user_args.action = command_ptr->get_subcommands().front()->get_name();
    command_ptr = command_ptr->get_subcommands().front();
  } else if (command_ptr->get_name() == "keys") {
    command_ptr = command_ptr->get_subcommands().front();
  }
  const CLI::App& command = *command_ptr;
  auto config = crm::Config::load(f.config_file, given(command, "--config"),
                                  crm::Config::process_environment(), given_flags(command, f));
  if (!config) return fail(config.error().message);
  if (auto level = config->find("log_level")) {
    auto parsed = crm::log::parse_level(*level);
    if (!parsed) return fail(parsed.error().message);
    crm::log::set_level(*parsed);
  }

  if (cli.got_subcommand("serve")) return crm::app::serve_command(*config);
  if (cli.got_subcommand("migrate")) return crm::app::migrate_command(*config);
  if (cli.got_subcommand("user")) return crm::app::user_command(*config, user_args);
  if (cli.got_subcommand("routes")) return crm::app::routes_command(*config);
  if (cli.got_subcommand("backup")) return crm::app::backup_command(*config, f.backup_file);
  if (cli.got_subcommand("restore")) return crm::app::restore_command(*config, f.restore_file);
  if (cli.got_subcommand("keys")) return crm::app::keys_rotate_command(*config, key_batch);
  if (cli.got_subcommand("demo")) return crm::app::demo_command(*config, demo_args);
  return fail("unknown command");
}
