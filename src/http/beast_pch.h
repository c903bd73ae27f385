// SPDX-License-Identifier: Apache-2.0
// Precompiled header for the server translation units only (the rest of http never sees Beast).
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
