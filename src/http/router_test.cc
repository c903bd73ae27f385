// SPDX-License-Identifier: Apache-2.0
#include "http/router.h"

#include <gtest/gtest.h>

namespace crm::http {
namespace {

Result<Response> echo_id(Request& request) {
  return Response::text(Status::kOk, std::string(request.path_param("id").value_or("-")));
}

Router make_router() {
  Router router;
  router.get("/api/v1/customers", "customers.view",
             [](Request&) -> Result<Response> { return Response::text(Status::kOk, "list"); });
  router.get("/api/v1/customers/{id}", "customers.view", echo_id);
  router.del("/api/v1/customers/{id}", "customers.delete", echo_id);
  router.get("/healthz", std::string(kPublic),
             [](Request&) -> Result<Response> { return Response::text(Status::kOk, "ok"); },
             RouteOptions{.run_inline = true});
  router.get("/api/v1/me", std::string(kAuthenticated),
             [](Request& r) -> Result<Response> {
               return Response::text(Status::kOk, r.context().actor()->username);
             });
  return router;
}

void sign_in(Router& router, std::set<std::string, std::less<>> permissions) {
  router.set_authenticator([permissions](Request& request) -> Result<void> {
    if (request.header("authorization") != "Bearer good") {
      return Error{ErrorKind::kUnauthenticated, "auth.invalid_token", "Bad token."};
    }
    request.context().set_actor(Actor{.user_id = 7, .username = "ann"}, permissions);
    return {};
  });
}

TEST(Router, PublicRouteNeedsNoActor) {
  Router router = make_router();
  Request request = Request::for_test(Method::kGet, "/healthz");
  const RouteMatch match = router.match(request);
  EXPECT_TRUE(match.run_inline);
  auto response = router.dispatch(request, match);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body(), "ok");
  EXPECT_EQ(request.context().route_pattern(), "/healthz");
}

TEST(Router, WithoutAuthenticatorNonPublicRoutesAre401) {
  Router router = make_router();
  Request request = Request::for_test(Method::kGet, "/api/v1/customers");
  auto response = router.dispatch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, "auth.required");
  EXPECT_EQ(response.error().kind, ErrorKind::kUnauthenticated);
}

TEST(Router, AuthenticatorErrorIsReturned) {
  Router router = make_router();
  sign_in(router, {"customers.view"});
  Request request = Request::for_test(Method::kGet, "/api/v1/customers");
  EXPECT_EQ(router.dispatch(request).error().code, "auth.invalid_token");
}

TEST(Router, ChecksPermissionsAndFillsPathParams) {
  Router router = make_router();
  sign_in(router, {"customers.view"});
  const HeaderList auth = {{"Authorization", "Bearer good"}};
  Request show = Request::for_test(Method::kGet, "/api/v1/customers/12", {}, auth);
  const RouteMatch match = router.match(show);
  EXPECT_FALSE(match.run_inline);
  auto shown = router.dispatch(show, match);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->body(), "12");
  EXPECT_EQ(*show.path_id("id"), 12);
  EXPECT_EQ(show.context().route_pattern(), "/api/v1/customers/{id}");

  Request remove = Request::for_test(Method::kDelete, "/api/v1/customers/12", {}, auth);
  auto removed = router.dispatch(remove);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, "auth.forbidden");

  Request me = Request::for_test(Method::kGet, "/api/v1/me", {}, auth);
  EXPECT_EQ(router.dispatch(me)->body(), "ann");
}

TEST(Router, DecodesPathParams) {
  Router router = make_router();
  sign_in(router, {"customers.view"});
  Request request = Request::for_test(Method::kGet, "/api/v1/customers/a%2Fb", {},
                                      {{"Authorization", "Bearer good"}});
  EXPECT_EQ(router.dispatch(request)->body(), "a/b");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405) {
  Router router = make_router();
  Request missing = Request::for_test(Method::kGet, "/api/v1/nothing");
  auto not_found = router.dispatch(missing);
  ASSERT_FALSE(not_found);
  EXPECT_EQ(not_found.error().code, "http.not_found");
  Request empty_param = Request::for_test(Method::kGet, "/api/v1/customers/");
  EXPECT_EQ(router.dispatch(empty_param).error().code, "http.not_found");

  Request wrong = Request::for_test(Method::kPost, "/api/v1/customers/3");
  auto not_allowed = router.dispatch(wrong);
  ASSERT_TRUE(not_allowed);
  EXPECT_EQ(not_allowed->status(), Status::kMethodNotAllowed);
  EXPECT_EQ(not_allowed->header("allow"), "GET, HEAD, DELETE");
  EXPECT_EQ(Json::parse(not_allowed->body())["error"]["code"], "http.method_not_allowed");
}

TEST(Router, HeadUsesGetRoute) {
  Router router = make_router();
  Request head = Request::for_test(Method::kHead, "/healthz");
  EXPECT_EQ(router.dispatch(head)->body(), "ok");
}

TEST(Router, ListsRoutes) {
  const auto routes = make_router().routes();
  ASSERT_EQ(routes.size(), 5u);
  EXPECT_EQ(routes[2].method, Method::kDelete);
  EXPECT_EQ(routes[2].pattern, "/api/v1/customers/{id}");
  EXPECT_EQ(routes[2].permission, "customers.delete");
}

}  // namespace
}  // namespace crm::http
