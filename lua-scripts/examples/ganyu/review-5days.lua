-- 赣榆区：接入申请的审核期限由 10 个工作日缩短为 5 个工作日（Art 11 规定的是上限）。
-- 规则只能缩短法定期限，不能延长：返回比法定更长的天数会被忽略。
--
-- 添加：govnet rules add lua-scripts/examples/ganyu/review-5days.lua --org 赣榆区
-- 测试：govnet rules test lua-scripts/examples/ganyu/review-5days.lua

local REVIEW_DAYS = 5

-- Art 11 有两个期限：审核（10 个工作日）与接入实施（30 个工作日）；只缩短审核。
local function is_review(deadline)
  return deadline.article == "Art 11" and (deadline.what == "审核" or deadline.days == 10)
end

function deadline(event, days)
  if event.plugin == "access" and is_review(event.deadline) then
    return math.min(days, REVIEW_DAYS)
  end
end

local function asked(verb, article, days, what)
  return govnet.event{ plugin = "access", verb = verb, org = "赣榆区",
                       deadline = { article = article, days = days, what = what } }, days
end

function test_review_is_five_working_days()
  assert(deadline(asked("submit", "Art 11", 10, "审核")) == 5)
end

function test_resubmission_restarts_at_most_five()
  assert(deadline(asked("resubmit", "Art 11", 10, "审核")) == 5)
end

function test_implementation_deadline_is_untouched()
  assert(deadline(asked("approve", "Art 11", 30, "接入实施")) == nil)
end

function test_revocation_deadline_is_untouched()
  assert(deadline(asked("forward", "Art 17", 10, "撤销实施")) == nil)
end
