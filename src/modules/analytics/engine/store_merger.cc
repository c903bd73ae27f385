// SPDX-License-Identifier: Apache-2.0
// ColumnStore::freeze(): merges the pending rows into the sorted, indexed columns.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>

#include "modules/analytics/engine/column_store.h"

namespace crm::analytics {

class StoreMerger {
 public:
  explicit StoreMerger(ColumnStore& store) : s_(store) {}

  Result<FreezeStats> run() {
    auto checked = check_and_sort();
    if (!checked) {
      clear_pending();
      return std::move(checked).error();
    }
    merge_customers();
    build_lookup();
    if (add_placeholder_customers()) {
      // Rare: a second customer merge for the placeholders, composing the index maps.
      std::vector<uint32_t> first_map = std::move(old_customer_to_new_);
      merge_customers();
      for (uint32_t& index : first_map) index = old_customer_to_new_[index];
      old_customer_to_new_ = std::move(first_map);
      build_lookup();
    }
    renumbered_ = false;
    for (size_t c = 0; c < old_customer_to_new_.size() && !renumbered_; ++c) {
      renumbered_ = old_customer_to_new_[c] != c;
    }
    merge_categories();
    match_items();
    const size_t old_orders = s_.order_ids_.size();
    const bool append = can_append();
    if (append) {
      append_orders();
    } else {
      merge_orders();
    }
    // The staged rows and the merge scratch go before the CSR is rebuilt, so they never
    // coexist with it (lower peak memory).
    clear_pending();
    if (append && !renumbered_) {
      extend_customer_orders(old_orders);
    } else {
      build_customer_orders();
    }
    stats_.customers = s_.customer_ids_.size();
    stats_.orders = s_.order_ids_.size();
    stats_.items = s_.item_category_.size();
    return stats_;
  }

 private:
  using PendingOrder = ColumnStore::PendingOrder;

  // Sorts the staged rows (skipping sorts the loader's order already satisfies) and rejects
  // ids that are staged twice or already frozen.
  Result<void> check_and_sort() {
    auto& customers = s_.pending_customers_;
    sort_if_needed(customers, [](const auto& a, const auto& b) { return a.id < b.id; });
    const int64_t max_customer = s_.customer_ids_.empty() ? 0 : s_.customer_ids_.back();
    for (size_t i = 0; i < customers.size(); ++i) {
      if ((i > 0 && customers[i - 1].id == customers[i].id) ||
          (customers[i].id <= max_customer && s_.find_customer(customers[i].id))) {
        return conflict("analytics.duplicate_customer",
                        "Customer " + std::to_string(customers[i].id) + " was added twice.", "id");
      }
    }
    auto& orders = s_.pending_orders_;
    sort_if_needed(orders, [](const auto& a, const auto& b) { return a.day != b.day ? a.day < b.day : a.id < b.id; });
    by_id_.resize(orders.size());
    for (uint32_t j = 0; j < orders.size(); ++j) by_id_[j] = j;
    sort_if_needed(by_id_, [&](uint32_t a, uint32_t b) { return orders[a].id < orders[b].id; });
    const size_t frozen = s_.order_ids_.size();
    const int64_t max_order = frozen == 0 ? 0 : s_.order_ids_[s_.order_by_id_at(frozen - 1)];
    for (size_t k = 0; k < by_id_.size(); ++k) {
      const int64_t id = orders[by_id_[k]].id;
      if ((k > 0 && orders[by_id_[k - 1]].id == id) || (id <= max_order && s_.find_order(id))) {
        return conflict("analytics.duplicate_order", "Order " + std::to_string(id) + " was added twice.", "id");
      }
    }
    auto& items = s_.pending_items_;
    const auto by_order = [](const auto& a, const auto& b) { return a.order_id < b.order_id; };
    if (!std::is_sorted(items.begin(), items.end(), by_order)) std::stable_sort(items.begin(), items.end(), by_order);
    return {};
  }

  // Room for n rows: the reserve when there is one, else 1/16 more than now (each regrowth
  // copies one column; growing by a little keeps the unused capacity small).
  template <typename Column>
  static void grow(Column& column, size_t n) {
    if (column.capacity() < n) column.reserve(std::max(n, column.capacity() + column.capacity() / 16));
  }

  template <typename T, typename Less>
  static void sort_if_needed(std::vector<T>& rows, Less less) {
    if (!std::is_sorted(rows.begin(), rows.end(), less)) std::sort(rows.begin(), rows.end(), less);
  }

  // Customer id -> dense index for the merged customers. Ids are mostly dense (autoincrement),
  // so a direct table replaces ~20 cache-missing binary-search steps per order; sparse ids fall
  // back to the binary search.
  void build_lookup() {
    const auto& ids = s_.customer_ids_;
    lookup_.clear();
    if (ids.empty()) return;
    lookup_min_ = ids.front();
    const auto span = static_cast<uint64_t>(ids.back() - ids.front()) + 1;
    if (span > 4 * ids.size() + 1024) return;
    lookup_.assign(span, kNoCustomer);
    for (uint32_t c = 0; c < ids.size(); ++c) lookup_[static_cast<size_t>(ids[c] - lookup_min_)] = c;
  }

  std::optional<uint32_t> customer_index(int64_t id) const {
    if (lookup_.empty()) return s_.find_customer(id);
    if (id < lookup_min_ || static_cast<uint64_t>(id - lookup_min_) >= lookup_.size()) return std::nullopt;
    const uint32_t c = lookup_[static_cast<size_t>(id - lookup_min_)];
    if (c == kNoCustomer) return std::nullopt;
    return c;
  }

  // An order's customer that was never added gets a placeholder (acquired on its first order
  // day, region and channel unknown), so no counted sale is lost. Leaves the placeholders as the
  // pending customers and returns true when there are any.
  bool add_placeholder_customers() {
    std::vector<ColumnStore::PendingCustomer> missing;
    for (const auto& order : s_.pending_orders_) {
      if (!customer_index(order.customer_id)) missing.push_back({order.customer_id, order.day, 0, 0});
    }
    if (missing.empty()) return false;
    std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) {
      return a.id != b.id ? a.id < b.id : a.created_day < b.created_day;
    });
    missing.erase(std::unique(missing.begin(), missing.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
                  missing.end());
    stats_.placeholder_customers = missing.size();
    s_.pending_customers_ = std::move(missing);
    return true;
  }

  void merge_customers() {
    const auto& pending = s_.pending_customers_;
    const size_t old_n = s_.customer_ids_.size();
    old_customer_to_new_.resize(old_n);
    if (pending.empty() || old_n == 0 || s_.customer_ids_.back() < pending.front().id) {
      // Every staged customer sorts after the frozen ones (or there are none): grow in place.
      std::iota(old_customer_to_new_.begin(), old_customer_to_new_.end(), 0u);
      const size_t n = old_n + pending.size();
      grow(s_.customer_ids_, n), grow(s_.customer_created_day_, n);
      grow(s_.customer_region_, n), grow(s_.customer_channel_, n);
      for (const auto& row : pending) {
        s_.customer_ids_.push_back(row.id), s_.customer_created_day_.push_back(row.created_day);
        s_.customer_region_.push_back(row.region), s_.customer_channel_.push_back(row.channel);
      }
      return;
    }
    std::vector<int64_t> ids;
    std::vector<int32_t> created;
    std::vector<uint16_t> region, channel;
    const size_t n = old_n + pending.size();
    ids.reserve(n), created.reserve(n), region.reserve(n), channel.reserve(n);
    size_t i = 0, j = 0;
    while (i < old_n || j < pending.size()) {
      if (j == pending.size() || (i < old_n && s_.customer_ids_[i] < pending[j].id)) {
        old_customer_to_new_[i] = static_cast<uint32_t>(ids.size());
        ids.push_back(s_.customer_ids_[i]), created.push_back(s_.customer_created_day_[i]);
        region.push_back(s_.customer_region_[i]), channel.push_back(s_.customer_channel_[i]);
        ++i;
      } else {
        ids.push_back(pending[j].id), created.push_back(pending[j].created_day);
        region.push_back(pending[j].region), channel.push_back(pending[j].channel);
        ++j;
      }
    }
    s_.customer_ids_.swap(ids);
    s_.customer_created_day_.swap(created);
    s_.customer_region_.swap(region);
    s_.customer_channel_.swap(channel);
  }

  // Categories of customers that are not in the store are dropped.
  void merge_categories() {
    const size_t old_n = old_customer_to_new_.size();
    if (s_.pending_categories_.empty() && !renumbered_) {
      // Nothing staged and nobody moved: the new customers (at the end) have no categories.
      const uint32_t end = s_.customer_category_offsets_.back();
      grow(s_.customer_category_offsets_, s_.customer_ids_.size() + 1);
      s_.customer_category_offsets_.resize(s_.customer_ids_.size() + 1, end);
      return;
    }
    std::vector<std::pair<uint32_t, uint16_t>> pairs;
    for (size_t c = 0; c < old_n; ++c) {
      for (uint32_t k = s_.customer_category_offsets_[c]; k < s_.customer_category_offsets_[c + 1]; ++k) {
        pairs.emplace_back(old_customer_to_new_[c], s_.customer_category_codes_[k]);
      }
    }
    for (const auto& pending : s_.pending_categories_) {
      if (auto c = customer_index(pending.customer_id)) pairs.emplace_back(*c, pending.category);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<uint32_t> offsets(s_.customer_ids_.size() + 1, 0);
    std::vector<uint16_t> codes;
    codes.reserve(pairs.size());
    for (const auto& [c, code] : pairs) ++offsets[c + 1], codes.push_back(code);
    for (size_t c = 1; c < offsets.size(); ++c) offsets[c] += offsets[c - 1];
    s_.customer_category_offsets_.swap(offsets);
    s_.customer_category_codes_.swap(codes);
  }

  // Matches the staged items (sorted by order id) to the staged orders (by_id_) with one walk;
  // items of an already frozen order become late items, the rest are orphans.
  void match_items() {
    const auto& items = s_.pending_items_;
    const auto& orders = s_.pending_orders_;
    pending_item_range_.assign(orders.size(), {0, 0});
    size_t k = 0, b = 0;
    while (k < items.size()) {
      const int64_t order_id = items[k].order_id;
      size_t group_end = k;
      while (group_end < items.size() && items[group_end].order_id == order_id) ++group_end;
      while (b < by_id_.size() && orders[by_id_[b]].id < order_id) ++b;
      const auto range = std::pair{static_cast<uint32_t>(k), static_cast<uint32_t>(group_end)};
      if (b < by_id_.size() && orders[by_id_[b]].id == order_id) {
        pending_item_range_[by_id_[b]] = range;
      } else if (auto old = s_.find_order(order_id)) {
        late_items_.push_back({*old, range});
      } else {
        stats_.orphan_items += group_end - k;
      }
      k = group_end;
    }
    std::sort(late_items_.begin(), late_items_.end());
  }

  void append_items(std::pair<uint32_t, uint32_t> range, std::vector<uint16_t>& category,
                    NarrowColumn<int16_t>& quantity, MoneyColumn& amount, MoneyColumn& cost) {
    for (uint32_t k = range.first; k < range.second; ++k) {
      const auto& item = s_.pending_items_[k];
      category.push_back(item.category), quantity.push_back(item.quantity);
      amount.push_back(item.amount_fen), cost.push_back(item.cost_fen);
    }
  }

  // The order id index after a merge: the old index of old_n orders (moved to new positions;
  // null = unchanged)
  // merged by id with the staged orders' new positions.
  std::vector<uint32_t> merged_id_index(size_t old_n, const std::vector<uint32_t>* old_to_new,
                                        const std::vector<uint32_t>& pending_to_new) const {
    const auto& pending = s_.pending_orders_;
    std::vector<uint32_t> by_id;
    by_id.reserve(old_n + by_id_.size());
    size_t a = 0, b = 0;
    while (a < old_n || b < by_id_.size()) {
      if (b == by_id_.size() ||
          (a < old_n && s_.order_ids_[s_.order_by_id_at(a)] < pending[by_id_[b]].id)) {
        const uint32_t old = s_.order_by_id_at(a++);
        by_id.push_back(old_to_new ? (*old_to_new)[old] : old);
      } else {
        by_id.push_back(pending_to_new[by_id_[b++]]);
      }
    }
    return by_id;
  }

  // An id index equal to the store order is kept as the empty vector (order_by_id_at).
  static void drop_if_identity(std::vector<uint32_t>& by_id) {
    for (uint32_t k = 0; k < by_id.size(); ++k) {
      if (by_id[k] != k) return;
    }
    by_id = {};
  }

  // The common case (the loader reads orders by (placed_at, id), events bring new orders): every
  // staged order sorts after the last frozen one and no item belongs to a frozen order, so the
  // columns grow in place instead of being copied.
  bool can_append() const {
    if (!late_items_.empty()) return false;
    if (s_.order_ids_.empty() || s_.pending_orders_.empty()) return true;
    const auto& first = s_.pending_orders_.front();
    const int32_t last_day = s_.order_day_.back();
    return last_day < first.day || (last_day == first.day && s_.order_ids_.back() < first.id);
  }

  void append_orders() {
    const auto& pending = s_.pending_orders_;
    const size_t old_n = s_.order_ids_.size();
    const size_t n = old_n + pending.size();
    if (renumbered_) {
      for (uint32_t& c : s_.order_customer_) c = old_customer_to_new_[c];
    }
    grow(s_.order_ids_, n), grow(s_.order_customer_, n), grow(s_.order_day_, n);
    grow(s_.order_status_, n), grow(s_.order_channel_, n), grow(s_.order_region_, n);
    grow(s_.order_total_, n), grow(s_.order_discount_, n), grow(s_.order_refunded_, n);
    grow(s_.order_item_offsets_, n + 1);
    const size_t item_n = s_.item_category_.size() + s_.pending_items_.size() - stats_.orphan_items;
    grow(s_.item_category_, item_n), grow(s_.item_quantity_, item_n);
    grow(s_.item_amount_, item_n), grow(s_.item_cost_, item_n);
    const int64_t old_max_id = old_n == 0 ? 0 : s_.order_ids_[s_.order_by_id_at(old_n - 1)];
    std::vector<uint32_t> pending_to_new(pending.size());
    for (size_t j = 0; j < pending.size(); ++j) {
      const PendingOrder& row = pending[j];
      pending_to_new[j] = static_cast<uint32_t>(s_.order_ids_.size());
      s_.order_ids_.push_back(row.id), s_.order_customer_.push_back(*customer_index(row.customer_id));
      s_.order_day_.push_back(row.day), s_.order_status_.push_back(row.status);
      s_.order_channel_.push_back(row.channel), s_.order_region_.push_back(row.region);
      s_.order_total_.push_back(row.total_fen), s_.order_discount_.push_back(row.discount_fen);
      s_.order_refunded_.push_back(row.refunded_fen);
      append_items(pending_item_range_[j], s_.item_category_, s_.item_quantity_, s_.item_amount_, s_.item_cost_);
      s_.order_item_offsets_.push_back(static_cast<uint32_t>(s_.item_category_.size()));
    }
    const bool ids_ascend = old_n == 0 || by_id_.empty() || old_max_id < pending[by_id_.front()].id;
    bool staged_in_id_order = true;  // the staged orders' (day, id) order is their id order
    for (uint32_t k = 0; k < by_id_.size() && staged_in_id_order; ++k) staged_in_id_order = by_id_[k] == k;
    if (ids_ascend && staged_in_id_order && s_.order_by_id_.empty()) return;  // still the identity
    if (ids_ascend) {
      if (s_.order_by_id_.empty()) {  // materialise the identity of the frozen orders
        s_.order_by_id_.resize(old_n);
        std::iota(s_.order_by_id_.begin(), s_.order_by_id_.end(), 0u);
      }
      grow(s_.order_by_id_, n);
      for (uint32_t j : by_id_) s_.order_by_id_.push_back(pending_to_new[j]);
    } else {
      s_.order_by_id_ = merged_id_index(old_n, nullptr, pending_to_new);
    }
    drop_if_identity(s_.order_by_id_);
  }

  void merge_orders() {
    const auto& pending = s_.pending_orders_;
    const uint32_t old_n = static_cast<uint32_t>(s_.order_ids_.size());
    const size_t n = old_n + pending.size();
    std::vector<uint32_t> old_to_new(old_n), pending_to_new(pending.size());
    NarrowColumn<int32_t> ids;
    std::vector<uint32_t> customer;
    std::vector<int32_t> day;
    std::vector<uint8_t> status;
    std::vector<uint16_t> channel, region;
    MoneyColumn total, discount, refunded;
    std::vector<uint32_t> item_offsets{0};
    ids.reserve(n), customer.reserve(n), day.reserve(n), status.reserve(n), channel.reserve(n);
    region.reserve(n), total.reserve(n), discount.reserve(n), refunded.reserve(n), item_offsets.reserve(n + 1);
    const size_t item_n = s_.item_category_.size() + s_.pending_items_.size();
    std::vector<uint16_t> item_category;
    NarrowColumn<int16_t> item_quantity;
    MoneyColumn item_amount, item_cost;
    item_category.reserve(item_n), item_quantity.reserve(item_n), item_amount.reserve(item_n), item_cost.reserve(item_n);

    size_t late = 0;
    uint32_t i = 0;
    size_t j = 0;
    while (i < old_n || j < pending.size()) {
      const bool take_old = j == pending.size() ||
                            (i < old_n && (s_.order_day_[i] != pending[j].day ? s_.order_day_[i] < pending[j].day
                                                                              : s_.order_ids_[i] < pending[j].id));
      const auto position = static_cast<uint32_t>(ids.size());
      if (take_old) {
        old_to_new[i] = position;
        ids.push_back(s_.order_ids_[i]), customer.push_back(old_customer_to_new_[s_.order_customer_[i]]);
        day.push_back(s_.order_day_[i]), status.push_back(s_.order_status_[i]);
        channel.push_back(s_.order_channel_[i]), region.push_back(s_.order_region_[i]);
        total.push_back(s_.order_total_[i]), discount.push_back(s_.order_discount_[i]);
        refunded.push_back(s_.order_refunded_[i]);
        for (uint32_t k = s_.item_begin(i); k < s_.item_end(i); ++k) {
          item_category.push_back(s_.item_category_[k]), item_quantity.push_back(s_.item_quantity_[k]);
          item_amount.push_back(s_.item_amount_[k]), item_cost.push_back(s_.item_cost_[k]);
        }
        for (; late < late_items_.size() && late_items_[late].first == i; ++late) {
          append_items(late_items_[late].second, item_category, item_quantity, item_amount, item_cost);
        }
        ++i;
      } else {
        const PendingOrder& row = pending[j];
        pending_to_new[j] = position;
        ids.push_back(row.id), customer.push_back(*customer_index(row.customer_id));
        day.push_back(row.day), status.push_back(row.status), channel.push_back(row.channel);
        region.push_back(row.region), total.push_back(row.total_fen), discount.push_back(row.discount_fen);
        refunded.push_back(row.refunded_fen);
        append_items(pending_item_range_[j], item_category, item_quantity, item_amount, item_cost);
        ++j;
      }
      item_offsets.push_back(static_cast<uint32_t>(item_category.size()));
    }

    std::vector<uint32_t> by_id = merged_id_index(old_n, &old_to_new, pending_to_new);
    drop_if_identity(by_id);
    s_.order_ids_ = std::move(ids), s_.order_customer_.swap(customer), s_.order_day_.swap(day);
    s_.order_status_.swap(status), s_.order_channel_.swap(channel), s_.order_region_.swap(region);
    s_.order_total_ = std::move(total), s_.order_discount_ = std::move(discount);
    s_.order_refunded_ = std::move(refunded), s_.order_item_offsets_.swap(item_offsets);
    s_.order_by_id_.swap(by_id);
    s_.item_category_.swap(item_category), s_.item_quantity_ = std::move(item_quantity);
    s_.item_amount_ = std::move(item_amount), s_.item_cost_ = std::move(item_cost);
  }

  // CSR by counting sort; orders are visited in (day, id) order so each list stays sorted.
  void build_customer_orders() {
    const size_t customers = s_.customer_ids_.size();
    std::vector<uint32_t> offsets(customers + 1, 0);
    for (uint32_t c : s_.order_customer_) ++offsets[c + 1];
    for (size_t c = 1; c <= customers; ++c) offsets[c] += offsets[c - 1];
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    std::vector<uint32_t> orders(s_.order_customer_.size());
    for (uint32_t o = 0; o < s_.order_customer_.size(); ++o) orders[next[s_.order_customer_[o]]++] = o;
    s_.customer_order_offsets_.swap(offsets);
    s_.customer_orders_.swap(orders);
  }

  // The append case: orders [first_new, n) were appended and no customer moved, so every old
  // list keeps its entries and only gains the new orders at its end. The lists move up to their
  // new offsets in place (last customer first, each moves up or stays), then the new orders are
  // written after them: no second copy of the index is ever allocated.
  void extend_customer_orders(size_t first_new) {
    const size_t customers = s_.customer_ids_.size();
    const size_t n = s_.order_customer_.size();
    const std::vector<uint32_t>& old_offsets = s_.customer_order_offsets_;
    const size_t old_customers = old_offsets.size() - 1;
    const auto old_length = [&](size_t c) { return c < old_customers ? old_offsets[c + 1] - old_offsets[c] : 0u; };
    std::vector<uint32_t> offsets(customers + 1, 0);
    for (size_t o = first_new; o < n; ++o) ++offsets[s_.order_customer_[o] + 1];
    for (size_t c = 0; c < customers; ++c) offsets[c + 1] += offsets[c] + old_length(c);
    auto& lists = s_.customer_orders_;
    grow(lists, n);
    lists.resize(n);
    for (size_t c = old_customers; c-- > 0;) {
      if (offsets[c] == old_offsets[c]) break;  // this list and all before it stay where they are
      std::copy_backward(lists.begin() + old_offsets[c], lists.begin() + old_offsets[c + 1],
                         lists.begin() + offsets[c] + old_length(c));
    }
    std::vector<uint32_t> next(customers);
    for (size_t c = 0; c < customers; ++c) next[c] = offsets[c] + old_length(c);
    for (size_t o = first_new; o < n; ++o) lists[next[s_.order_customer_[o]]++] = static_cast<uint32_t>(o);
    s_.customer_order_offsets_.swap(offsets);
  }

  // The staged rows and the merge scratch, freed (not just cleared: their capacity goes too).
  void clear_pending() {
    s_.pending_customers_ = {};
    s_.pending_orders_ = {};
    s_.pending_items_ = {};
    s_.pending_categories_ = {};
    by_id_ = {};
    lookup_ = {};
    pending_item_range_ = {};
    late_items_ = {};
  }

  ColumnStore& s_;
  FreezeStats stats_;
  std::vector<uint32_t> by_id_;  // pending order positions sorted by order id
  std::vector<uint32_t> old_customer_to_new_;
  bool renumbered_ = false;  // some frozen customer got a new dense index
  static constexpr uint32_t kNoCustomer = UINT32_MAX;
  int64_t lookup_min_ = 0;
  std::vector<uint32_t> lookup_;
  std::vector<std::pair<uint32_t, uint32_t>> pending_item_range_;  // per staged order (sorted order)
  std::vector<std::pair<uint32_t, std::pair<uint32_t, uint32_t>>> late_items_;  // (frozen order, items)
};

Result<FreezeStats> ColumnStore::freeze() { return StoreMerger(*this).run(); }

}  // namespace crm::analytics
