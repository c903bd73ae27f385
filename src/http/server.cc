// SPDX-License-Identifier: Apache-2.0
// The only translation unit that sees Boost.Beast and Asio (through beast_pch.h).
#include "http/server.h"

#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "http/beast_pch.h"
#include "core/log.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace crm::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kReadChunk = 4096;

std::chrono::milliseconds ms(int value) { return std::chrono::milliseconds(value); }

double seconds_since(SteadyTime start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One accepted connection. `idle` is true while waiting for the first byte of a request; it is
// read and written only on the connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = false;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, const Router& route_table, Metrics& metrics,
       const StaticFiles* static_files)
      : options(std::move(server_options)),
        pipeline(options, route_table, metrics, static_files),
        router(route_table),
        io(std::max(1, options.io_threads)),
        acceptor(io),
        signals(io),
        workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

  ~Impl() {
    workers.join();  // before `io` goes: worker completions post to it
    std::lock_guard lock(connections_mutex);
    connections.clear();  // streams must die before `io`; sessions still pending die with it
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection, std::string remote);
  asio::awaitable<Response> handle(BeastRequest& beast_request, const std::string& remote,
                                   std::string& request_id, std::string& route,
                                   int64_t& user_id);
  asio::awaitable<bool> write(Connection& connection, Response response, bool head,
                              bool keep_alive);
  asio::awaitable<void> drain(SteadyTime deadline);
  void begin_shutdown();

  ServerOptions options;
  Pipeline pipeline;
  const Router& router;
  std::mutex connections_mutex;  // declared before `io`: sessions unregister while it dies
  std::unordered_set<std::shared_ptr<Connection>> connections;
  std::atomic<bool> stopping{false};
  std::atomic<int> active_requests{0};
  bool listening = false;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool workers;
};

asio::awaitable<void> Server::Impl::accept_loop() {
  while (!stopping.load()) {
    tcp::socket socket(asio::make_strand(io));
    auto [ec] = co_await acceptor.async_accept(socket, kNoThrow);
    if (ec) {
      if (stopping.load() || ec == asio::error::operation_aborted) co_return;
      log::warn("http.accept_failed", {{"reason", ec.message()}});
      asio::steady_timer pause(io, ms(50));  // e.g. out of file descriptors: do not spin
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const auto endpoint = socket.remote_endpoint(ignored);
    std::string remote = ignored ? std::string() : endpoint.address().to_string();
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex);
      connections.insert(connection);
    }
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, session(connection, std::move(remote)),
                   [](std::exception_ptr error) {
                     if (!error) return;
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       log::error("http.session_failed", {{"what", e.what()}});
                     } catch (...) {
                     }
                   });
  }
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> connection,
                                            std::string remote) {
  struct Unregister {
    Impl& impl;
    std::shared_ptr<Connection>& connection;
    ~Unregister() {
      std::lock_guard lock(impl.connections_mutex);
      impl.connections.erase(connection);
    }
  } unregister{*this, connection};

  beast::flat_buffer buffer;
  auto& stream = connection->stream;
  while (!stopping.load()) {
    if (buffer.size() == 0) {  // idle until the first byte of the next request
      connection->idle = true;
      stream.expires_after(ms(options.idle_timeout_ms));
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kNoThrow);
      connection->idle = false;
      if (ec) break;
      buffer.commit(n);
    }
    const SteadyTime start = std::chrono::steady_clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // The parser checks Content-Length against its limit when the header completes, so the
    // limit is lifted for the header and applied here: an upload route may take more.
    parser.body_limit(boost::none);
    stream.expires_after(ms(options.read_timeout_ms));
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
    if (!ec) {
      const auto method = parse_method(parser.get().method_string());
      const std::string_view target = parser.get().target();
      const size_t route_limit =
          method ? router.max_body_bytes(*method, target.substr(0, target.find('?'))) : 0;
      const size_t limit = route_limit > 0 ? route_limit : options.max_body_bytes;
      const auto length = parser.content_length();
      if (length && *length > limit) {
        ec = bhttp::error::body_limit;
      } else {
        parser.body_limit(limit);  // chunked bodies are counted as they arrive
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      }
    }
    if (ec) {
      std::optional<Error> error;
      if (ec == bhttp::error::header_limit) {
        error = Error{ErrorKind::kInvalidInput, "http.header_too_large",
                      "The request headers are too large."};
      } else if (ec == bhttp::error::body_limit) {
        error = Error{ErrorKind::kPayloadTooLarge, "http.body_too_large",
                      "The request body is too large."};
      } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        error = invalid_input("http.bad_request", "The request is not valid HTTP.");
      }
      if (error) {
        const std::string request_id = Pipeline::request_id_for(std::nullopt);
        Response response = error_response(*error, request_id);
        pipeline.decorate(response, request_id, {});
        co_await write(*connection, std::move(response), false, false);
        pipeline.record({request_id, "-", "unparsed", "", remote, 0}, to_int(status_for(*error)),
                        seconds_since(start));
        // Read (and drop) what the client is still sending for a moment, so that closing does
        // not reset the connection before it has read the answer.
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(ms(500));
        std::array<char, kReadChunk> sink;
        for (int i = 0; i < 256; ++i) {
          auto [drain_ec, drained] = co_await stream.async_read_some(asio::buffer(sink), kNoThrow);
          if (drain_ec) break;
        }
      }
      break;
    }
    BeastRequest& beast_request = parser.get();
    const bool head = beast_request.method() == bhttp::verb::head;
    std::string request_id;
    std::string route;
    int64_t user_id = 0;
    pipeline.metrics().add_in_flight(1);
    Response response = co_await handle(beast_request, remote, request_id, route, user_id);
    pipeline.metrics().add_in_flight(-1);
    const int status = to_int(response.status());
    const bool keep_alive = beast_request.keep_alive() && !stopping.load();
    const bool written = co_await write(*connection, std::move(response), head, keep_alive);
    pipeline.record({request_id, beast_request.method_string(), route,
                     std::string_view(beast_request.target()).substr(
                         0, beast_request.target().find('?')),
                     remote, user_id},
                    status, seconds_since(start));
    if (!written || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.close();
}

asio::awaitable<Response> Server::Impl::handle(BeastRequest& beast_request,
                                               const std::string& remote,
                                               std::string& request_id, std::string& route,
                                               int64_t& user_id) {
  HeaderList headers;
  headers.reserve(8);
  std::optional<std::string_view> incoming_id;
  for (const auto& field : beast_request) {
    headers.emplace_back(field.name_string(), field.value());
    if (iequals(field.name_string(), "x-request-id")) incoming_id = field.value();
  }
  request_id = Pipeline::request_id_for(incoming_id);
  route = "unmatched";
  const std::string_view raw_target = beast_request.target();
  const std::string_view path = raw_target.substr(0, raw_target.find('?'));

  const auto method = parse_method(beast_request.method_string());
  if (!method) {
    Response response = error_response(
        Error{ErrorKind::kInvalidInput, "http.method_not_allowed", "Unsupported method."},
        request_id);
    pipeline.decorate(response, request_id, path);
    co_return response;
  }
  auto created = Request::create(
      *method, std::string(raw_target), std::move(beast_request.body()), std::move(headers),
      RequestContext(request_id, remote, steady_now_ms() + options.request_timeout_ms));
  if (!created) {
    Response response = error_response(created.error(), request_id);
    pipeline.decorate(response, request_id, path);
    co_return response;
  }
  Request& request = *created;
  request.set_json_depth_limit(options.max_json_depth);

  struct ActiveGuard {
    std::atomic<int>& count;
    ~ActiveGuard() { count.fetch_sub(1); }
  } active{active_requests};
  Response response;
  if (active_requests.fetch_add(1) >= options.max_concurrent_requests) {
    response = error_response(unavailable("http.overloaded", "The server is busy; retry soon."),
                              request_id);
  } else {
    Pipeline::Plan plan = pipeline.plan(request);
    if (plan.immediate) {
      response = std::move(*plan.immediate);
      route = "static";
    } else if (plan.match.run_inline) {
      response = pipeline.run(request, plan.match);
    } else {
      response = co_await asio::co_spawn(
          workers,
          [&]() -> asio::awaitable<Response> { co_return pipeline.run(request, plan.match); },
          asio::use_awaitable);
    }
    if (!request.context().route_pattern().empty()) route = request.context().route_pattern();
  }
  if (const auto& actor = request.context().actor()) user_id = actor->user_id;
  pipeline.decorate(response, request_id, request.path());
  co_return response;
}

asio::awaitable<bool> Server::Impl::write(Connection& connection, Response response, bool head,
                                          bool keep_alive) {
  BeastResponse out;
  out.result(static_cast<unsigned>(to_int(response.status())));
  out.version(11);
  for (auto& [name, value] : response.headers()) out.insert(name, value);
  const Status status = response.status();
  if (status != Status::kNoContent && status != Status::kNotModified) {
    out.set(bhttp::field::content_length, std::to_string(response.body().size()));
    if (!head) out.body() = std::move(response.mutable_body());
  }
  out.keep_alive(keep_alive);
  connection.stream.expires_after(ms(options.read_timeout_ms));
  auto [ec, n] = co_await bhttp::async_write(connection.stream, out, kNoThrow);
  co_return !ec;
}

void Server::Impl::begin_shutdown() {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex);
    open.assign(connections.begin(), connections.end());
  }
  for (auto& connection : open) {
    // On the connection's strand: close it if idle; a busy one closes after its response.
    asio::post(connection->stream.get_executor(), [connection] {
      if (connection->idle) connection->stream.cancel();
    });
  }
  asio::co_spawn(io, drain(std::chrono::steady_clock::now() + ms(options.shutdown_grace_ms)),
                 asio::detached);
}

asio::awaitable<void> Server::Impl::drain(SteadyTime deadline) {
  asio::steady_timer timer(io);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(connections_mutex);
      if (connections.empty()) co_return;
    }
    timer.expires_after(ms(10));
    co_await timer.async_wait(kNoThrow);
  }
  log::warn("http.shutdown_grace_expired", {{"grace_ms", options.shutdown_grace_ms}});
  io.stop();
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics,
               const StaticFiles* static_files, const Clock& /*clock*/)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, static_files)) {}

Server::~Server() = default;

Result<std::string> Server::listen() {
  auto& impl = *impl_;
  boost::system::error_code ec;
  const auto fail = [&](std::string_view step) -> Error {
    return unavailable("http.listen_failed",
                       fmt::format("Cannot listen on {}:{} ({}: {}).", impl.options.host,
                                   impl.options.port, step, ec.message()));
  };
  const auto address = asio::ip::make_address(impl.options.host, ec);
  if (ec) return fail("address");
  const tcp::endpoint endpoint(address, impl.options.port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  impl.acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  impl.listening = true;
  const auto local = impl.acceptor.local_endpoint(ec);
  return fmt::format("{}:{}", local.address().to_string(), local.port());
}

void Server::run() {
  auto& impl = *impl_;
  if (!impl.listening) return;
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.options.io_threads; ++i) threads.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->io, [impl = impl_.get()] { impl->begin_shutdown(); });
}

void Server::stop_on_signals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    log::info("http.stopping", {{"signal", signal_number}});
    stop();
  });
}

uint16_t Server::port() const {
  boost::system::error_code ec;
  const auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

}  // namespace crm::http
