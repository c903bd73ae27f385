// SPDX-License-Identifier: Apache-2.0
#include "demo/interaction_writer.h"

#include <algorithm>
#include <map>

#include "demo/bulk_insert.h"

namespace crm::demo {

namespace {

constexpr uint64_t kTalkStream = 0x54414C4B'00000000ULL;  // "TALK"

struct Topic {
  std::string_view channel, subject, content, outcome;
};
constexpr Topic kTopics[] = {
    {"在线聊天", "售前咨询", "咨询尺码和材质，推荐了合适的款式", "已下单"},
    {"在线聊天", "物流查询", "查询包裹位置，已告知预计送达时间", "客户满意"},
    {"电话", "售后回访", "回访商品使用情况，客户反馈良好", "邀请评价"},
    {"电话", "大促活动通知", "告知双11预售活动和专属优惠券", "有兴趣"},
    {"电子邮件", "会员权益介绍", "发送会员等级与积分说明", "已读"},
    {"在线聊天", "退换货咨询", "说明退换货流程和运费规则", "已解决"},
    {"电话", "生日关怀", "送上生日祝福和生日礼券", "客户感谢"},
    {"面谈", "门店到访", "到店试穿并了解新品", "待跟进"},
};

}  // namespace

Result<int64_t> write_interactions(storage::Database& db, const DemoOptions& o,
                                   const DemoPlan& plan, const DemoStore& store) {
  Rng rng(o.seed, kTalkStream);
  return db.transaction([&](storage::Connection& tx) -> Result<int64_t> {
    std::map<std::string, int64_t, std::less<>> channel_ids;
    CRM_TRY_ASSIGN(auto rows, tx.query("SELECT id, name FROM interaction_channels"));
    for (const auto& r : rows) channel_ids[r.get_string(1)] = r.get_int(0);
    BulkInsert talks(tx,
        "INSERT INTO interactions (customer_id, customer_owner_id, at_ms, channel_id, subject, "
        "content, outcome, staff_id, staff_name, created_at_ms, updated_at_ms)", 11, 300);
    for (size_t i = 0; i < store.customers.size(); ++i) {
      const PlannedCustomer& planned = plan.customers[i];
      const WrittenCustomer& c = store.customers[i];
      const int64_t wanted = planned.orders == 0 ? (rng.chance(0.3) ? 1 : 0)
                                                 : rng.between(0, std::min(4, 1 + planned.orders / 3));
      for (int64_t k = 0; k < wanted; ++k) {
        const Topic& topic = kTopics[rng.below(std::size(kTopics))];
        const auto channel = channel_ids.find(topic.channel);
        if (channel == channel_ids.end()) continue;  // a channel renamed since the migration
        const int64_t at = c.created_at_ms +
                           static_cast<int64_t>(rng.real() * static_cast<double>(o.now_ms - c.created_at_ms));
        size_t owner = 0;
        while (owner + 1 < o.owner_ids.size() && o.owner_ids[owner] != c.owner_id) ++owner;
        const std::string staff = owner < o.owner_names.size() ? o.owner_names[owner] : "客服";
        CRM_TRY(talks.add(c.id, c.owner_id, at, channel->second, topic.subject, topic.content,
                          topic.outcome, c.owner_id, staff, at, at));
      }
    }
    CRM_TRY(talks.flush());
    return talks.rows();
  });
}

}  // namespace crm::demo
