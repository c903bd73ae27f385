// SPDX-License-Identifier: Apache-2.0
// A minimal blocking HTTP/1.1 client over one keep-alive connection (Boost.Beast) for the
// orders intake benchmark. Reconnects once when the server closed an idle connection.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace crm::bench {

struct HttpReply {
  int status = 0;
  std::string body;
  std::string set_cookie;
};

class HttpConnection {
 public:
  HttpConnection(std::string host, std::string port)
      : host_(std::move(host)), port_(std::move(port)) {}

  HttpReply request(const std::string& method, const std::string& target, const std::string& body,
                    const std::vector<std::pair<std::string, std::string>>& headers) {
    namespace http = boost::beast::http;
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host_ + ":" + port_);
    req.keep_alive(true);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty() || method == "POST") {
      req.body() = body;
      req.prepare_payload();
    }
    for (int attempt = 0;; ++attempt) {
      try {
        if (!stream_.socket().is_open()) connect();
        http::write(stream_, req);
        boost::beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(256u << 20);
        http::read(stream_, buffer, parser);
        auto& res = parser.get();
        HttpReply reply{static_cast<int>(res.result_int()), std::move(res.body()), {}};
        if (auto it = res.find(http::field::set_cookie); it != res.end()) {
          reply.set_cookie = std::string(it->value());
        }
        if (!res.keep_alive()) close();
        return reply;
      } catch (const boost::system::system_error&) {
        close();
        if (attempt >= 1) throw;  // the second failure is real, not a stale keep-alive socket
      }
    }
  }

 private:
  void connect() {
    boost::asio::ip::tcp::resolver resolver(io_);
    stream_.connect(resolver.resolve(host_, port_));
    stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true));
  }
  void close() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  std::string host_, port_;
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_{io_};
};

}  // namespace crm::bench
