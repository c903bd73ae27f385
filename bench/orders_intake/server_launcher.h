// SPDX-License-Identifier: Apache-2.0
// Starts `shopcrm serve` on 127.0.0.1:0 for the orders intake benchmark, reads the port from
// its "server.listening" log line, and stops it (SIGTERM, then SIGKILL) on destruction.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace crm::bench {

class ServerLauncher {
 public:
  // env: extra "NAME=value" entries. Logs go to <dir>/shopcrm.stderr.
  ServerLauncher(const std::string& binary, const std::string& db_url, const std::string& dir,
                 const std::vector<std::string>& env)
      : log_path_(dir + "/shopcrm.stderr") {
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int out = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int null = open("/dev/null", O_WRONLY);
      if (out < 0 || null < 0 || chdir(dir.c_str()) != 0) _exit(127);
      dup2(null, STDOUT_FILENO);
      dup2(out, STDERR_FILENO);
      for (const std::string& entry : env) putenv(const_cast<char*>(entry.c_str()));
      execl(binary.c_str(), binary.c_str(), "serve", "--db", db_url.c_str(), "--listen",
            "127.0.0.1:0", "--test-captcha", "2468", static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("shopcrm exited during startup; see " + log_path_ + ":\n" +
                                 tail());
      }
      std::ifstream log(log_path_);
      for (std::string line; std::getline(log, line);) {
        if (line.find("\"server.listening\"") == std::string::npos) continue;
        const std::string key = "\"address\"";
        auto at = line.find(key);
        if (at == std::string::npos) continue;
        at = line.find('"', line.find(':', at + key.size()) + 1);
        const auto end = line.find('"', at + 1);
        std::string address = line.substr(at + 1, end - at - 1);
        if (address.rfind("http://", 0) == 0) address = address.substr(7);
        port_ = address.substr(address.rfind(':') + 1);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("no server.listening line within 120 s:\n" + tail());
  }
  ServerLauncher(const ServerLauncher&) = delete;
  ServerLauncher& operator=(const ServerLauncher&) = delete;

  ~ServerLauncher() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

  const std::string& port() const { return port_; }

  // User + system CPU seconds of the server process so far (/proc/<pid>/stat).
  double cpu_seconds() const {
    std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close_paren = text.rfind(')');
    if (close_paren == std::string::npos) return 0;
    std::istringstream fields(text.substr(close_paren + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state
      if (i == 14) utime = std::stod(field);
      if (i == 15) {
        stime = std::stod(field);
        break;
      }
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }

  std::string tail() const {
    std::ifstream log(log_path_);
    std::vector<std::string> lines;
    for (std::string line; std::getline(log, line);) lines.push_back(line);
    std::string out;
    for (size_t i = lines.size() > 20 ? lines.size() - 20 : 0; i < lines.size(); ++i) {
      out += lines[i] + "\n";
    }
    return out;
  }

 private:
  std::string log_path_;
  std::string port_;
  pid_t pid_ = -1;
};

}  // namespace crm::bench
