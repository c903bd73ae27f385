// SPDX-License-Identifier: Apache-2.0
#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace crm::test {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// fork + exec with stdout/stderr redirected to files; returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const std::string& out_path, const std::string& err_path, bool search_path) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // A server outlives no test: if the test process dies (a crash, an abort), so does the server.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int in = open("/dev/null", O_RDONLY);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  if (search_path) execvp(args[0], args.data());
  else execv(args[0], args.data());
  _exit(127);
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

CommandResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                  bool search_path) {
  TempDir dir;
  const std::string out_path = dir.path() + "/out";
  const std::string err_path = dir.path() + "/err";
  const pid_t pid = spawn(argv, env, out_path, err_path, search_path);
  int status = 0;
  waitpid(pid, &status, 0);
  return {exit_code_of(status), read_file(out_path), read_file(err_path)};
}

}  // namespace

std::string shopcrm_binary() { return CRM_SHOPCRM_BIN; }

CommandResult run_shopcrm(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{shopcrm_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env, false);
}

CommandResult run_command(const std::vector<std::string>& argv) { return run(argv, {}, true); }

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "shopcrm-test.XXXXXX").string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<ServerProcess> ServerProcess::start(const std::vector<std::string>& extra_args,
                                                    const std::map<std::string, std::string>& env) {
  auto server = std::unique_ptr<ServerProcess>(new ServerProcess());
  char pattern[] = "/tmp/shopcrm-server-log.XXXXXX";
  const int fd = mkstemp(pattern);
  close(fd);
  server->log_path_ = pattern;
  std::vector<std::string> argv{shopcrm_binary(), "serve", "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  server->pid_ = spawn(argv, env, "/dev/null", server->log_path_, false);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::istringstream lines(read_file(server->log_path_));
    for (std::string line; std::getline(lines, line);) {
      const auto json = nlohmann::json::parse(line, nullptr, false);
      if (!json.is_discarded() && json.value("msg", "") == "server.listening") {
        server->address_ = json.value("address", "");
        return server;
      }
    }
    int status = 0;
    if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->exited_ = true;
      ADD_FAILURE() << "shopcrm serve exited early with " << exit_code_of(status) << ":\n"
                    << server->log();
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "shopcrm serve did not start listening:\n" << server->log();
  return nullptr;
}

ServerProcess::~ServerProcess() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGTERM);
    if (wait_for_exit(20000) == -1000) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::filesystem::remove(log_path_);
}

std::string ServerProcess::log() const { return read_file(log_path_); }

void ServerProcess::send_signal(int signal) { kill(pid_, signal); }

int ServerProcess::wait_for_exit(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return exit_code_of(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1000;
}

}  // namespace crm::test
