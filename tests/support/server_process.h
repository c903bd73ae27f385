// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace crm::test {

// The path of the shopcrm binary under test (set by CMake).
std::string shopcrm_binary();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the shopcrm binary to completion with `args` and extra environment variables.
CommandResult run_shopcrm(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

// Runs any command (argv[0] looked up in PATH) to completion.
CommandResult run_command(const std::vector<std::string>& argv);

// A real `shopcrm serve` on 127.0.0.1 with a free port, stopped (SIGTERM) when destroyed.
class ServerProcess {
 public:
  // Starts the server and waits until it logs "server.listening"; fails the calling test when it
  // does not within the timeout (the server's log is printed).
  static std::unique_ptr<ServerProcess> start(const std::vector<std::string>& extra_args,
                                              const std::map<std::string, std::string>& env = {});
  ~ServerProcess();

  const std::string& address() const { return address_; }  // "127.0.0.1:43219"
  std::string base_url() const { return "http://" + address_; }
  pid_t pid() const { return pid_; }
  std::string log() const;

  void send_signal(int signal);
  // Waits for the process to exit and returns its exit code (-signal when killed).
  int wait_for_exit(int timeout_ms = 20000);

 private:
  pid_t pid_ = -1;
  std::string address_;
  std::string log_path_;
  bool exited_ = false;
};

// A scratch directory removed when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace crm::test
