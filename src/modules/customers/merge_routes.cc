// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/merge_routes.h"

#include <fmt/format.h>

#include "core/text.h"

namespace crm::customers {

namespace {

constexpr std::string_view kEdit = "customers.edit";

Json optional_int_json(const std::optional<int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Result<int64_t> required_id(const Json& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null()) {
    return invalid_input("validation.required", std::string(key) + " is required.", key);
  }
  if (!body.at(key).is_number_integer() || body.at(key).get<int64_t>() < 1) {
    return invalid_input("validation.type", std::string(key) + " must be a customer id.", key);
  }
  return body.at(key).get<int64_t>();
}

Result<MergePair> pair_from(const Json& body) {
  if (!body.is_object()) return invalid_input("validation.type", "A pair must be an object.", "pairs");
  MergePair pair;
  CRM_TRY_ASSIGN(pair.survivor_id, required_id(body, "survivor_id"));
  CRM_TRY_ASSIGN(pair.merged_id, required_id(body, "merged_id"));
  return pair;
}

Json error_json(size_t index, const Error& error) {
  return {{"index", index}, {"code", error.code}, {"message", error.message}};
}

}  // namespace

Json merge_json(const MergeRecord& m) {
  return {{"id", m.id},
          {"survivor_id", m.survivor_id},
          {"merged_id", m.merged_id},
          {"survivor_number", m.survivor_number},
          {"merged_number", m.merged_number},
          {"merged_at", m.merged_at_ms},
          {"merged_by", m.merged_by},
          {"undone_at", optional_int_json(m.undone_at_ms)},
          {"undone_by", optional_int_json(m.undone_by)},
          {"moved", moved_counts(m.moved)}};
}

Result<std::pair<int, std::optional<std::string>>> page_params(const http::Request& request) {
  int limit = 50;
  if (const auto text = request.query("limit"); text && !text->empty()) {
    const auto value = parse_int64(*text);
    if (!value || *value < 1 || *value > 200) {
      return invalid_input("validation.limit", "limit must be an integer from 1 to 200.", "limit");
    }
    limit = static_cast<int>(*value);
  }
  std::optional<std::string> after = request.query("after");
  if (after && after->empty()) after.reset();
  return std::pair{limit, after};
}

void MergeRoutes::add_to(http::Router& router) {
  using http::Request;
  using http::Response;
  using http::Status;
  router.post("/api/v1/customer-merges", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                CRM_TRY_ASSIGN(MergePair pair, pair_from(body));
                CRM_TRY_ASSIGN(MergeRecord merge, service_.merge(Caller::from(request), pair));
                Response response = Response::json(Status::kCreated, merge_json(merge));
                response.set_header("Location", fmt::format("/api/v1/customer-merges/{}", merge.id));
                return response;
              });
  router.post("/api/v1/customer-merges/bulk", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(Json body, request.json_body());
                if (!body.contains("pairs") || !body.at("pairs").is_array()) {
                  return invalid_input("validation.required", "pairs must be a list.", "pairs");
                }
                // A malformed pair is that pair's error, like a failed check.
                std::vector<MergePair> pairs;
                std::vector<size_t> positions;  // request index of each entry of `pairs`
                Json errors = Json::array();
                const Json& list = body.at("pairs");
                if (list.size() > MergeService::kMaxBulkPairs) {
                  return invalid_input("validation.too_many", "At most 5000 pairs at a time.",
                                       "pairs");
                }
                for (size_t i = 0; i < list.size(); ++i) {
                  auto pair = pair_from(list[i]);
                  if (!pair) {
                    errors.push_back(error_json(i, pair.error()));
                    continue;
                  }
                  pairs.push_back(*pair);
                  positions.push_back(i);
                }
                BulkMergeResult result;
                if (!pairs.empty()) {
                  CRM_TRY_ASSIGN(result, service_.bulk_merge(Caller::from(request), pairs));
                } else if (list.empty()) {
                  return invalid_input("validation.required", "pairs is empty.", "pairs");
                }
                for (const auto& e : result.errors) {
                  errors.push_back(error_json(positions[e.index], e.error));
                }
                std::sort(errors.begin(), errors.end(), [](const Json& a, const Json& b) {
                  return a.at("index").get<size_t>() < b.at("index").get<size_t>();
                });
                return Response::json(Status::kOk, {{"merged", result.merge_ids.size()},
                                                    {"merge_ids", result.merge_ids},
                                                    {"errors", errors}});
              });
  router.get("/api/v1/customer-merges", std::string(kEdit),
             [this](Request& request) -> Result<Response> {
               std::optional<int64_t> customer_id;
               if (const auto text = request.query("customer_id"); text && !text->empty()) {
                 customer_id = parse_int64(*text);
                 if (!customer_id) {
                   return invalid_input("validation.type", "customer_id must be an id.",
                                        "customer_id");
                 }
               }
               CRM_TRY_ASSIGN(auto page, page_params(request));
               CRM_TRY_ASSIGN(auto merges, service_.list(Caller::from(request), customer_id,
                                                         page.first, page.second));
               Json items = Json::array();
               for (const auto& merge : merges.items) items.push_back(merge_json(merge));
               return Response::json(
                   Status::kOk,
                   {{"items", items},
                    {"total", merges.total},
                    {"next_after", merges.next_after ? Json(*merges.next_after) : Json(nullptr)}});
             });
  router.post("/api/v1/customer-merges/{id}/undo", std::string(kEdit),
              [this](Request& request) -> Result<Response> {
                CRM_TRY_ASSIGN(const int64_t id, request.path_id("id"));
                CRM_TRY_ASSIGN(MergeRecord merge, service_.undo(Caller::from(request), id));
                return Response::json(Status::kOk, merge_json(merge));
              });
}

}  // namespace crm::customers
