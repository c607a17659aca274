-- 全市默认规则：接入申请被批准或不予批准时，通知“接入审批”频道。
-- 通知随更改在同一事务中排队，由 govnet notify run 投递。先建好频道：
--   govnet notify channel add 接入审批 --kind webhook --url …
-- 频道不存在时 on 出错：错误记入规则日志，更改照常生效。
--
-- 添加：govnet rules add lua-scripts/city/notify-decisions.lua --org 320700

local WORDS = { approve = "已批准", reject = "未予批准" }

local function message(event)
  return string.format("%s的接入申请 #%d %s（%s，%s）", event.org and event.org.name or "?",
                       event.id or 0, WORDS[event.verb], event.actor.login, event.today)
end

function on(event)
  if event.plugin == "access" and WORDS[event.verb] then
    govnet.notify("接入审批", message(event))
  end
end

function test_message_names_the_decision()
  local e = govnet.event{ plugin = "access", verb = "reject", id = 7, org = { name = "东海县教育局" },
                          actor = { login = "dh_zwb", role = "office" }, today = "2026-09-21" }
  local text = message(e)
  assert(text:find("未予批准", 1, true) and text:find("#7", 1, true) and text:find("dh_zwb", 1, true), text)
end

function test_on_does_not_fail_without_notifications()
  on(govnet.event{ plugin = "access", verb = "approve", id = 1, org = { name = "东海县教育局" } })
end
