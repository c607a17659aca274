-- 全市默认规则：接入申请的预测流量须为 1 到 100000 Mbps 之间的整数（Art 10）。
-- 0 或离谱的数值多半是单位写错（例如把 kbps 当成 Mbps）。
--
-- 添加：govnet rules add lua-scripts/city/traffic-sane.lua --org 320700

local MAX_MBPS = 100000

function validate(event)
  if event.plugin ~= "access" or event.verb ~= "new" then
    return
  end
  local traffic = event.record.traffic
  if math.type(traffic) ~= "integer" or traffic < 1 then
    return false, "预测流量（--traffic）应为至少 1 Mbps 的整数（Art 10）"
  end
  if traffic > MAX_MBPS then
    return false, string.format("预测流量 %d Mbps 超过 %d Mbps：请核对单位是否为 Mbps（Art 10）",
                                traffic, MAX_MBPS)
  end
end

function test_ordinary_traffic_passes()
  assert(validate(govnet.event{ plugin = "access", verb = "new", record = { traffic = 300 } }) == nil)
end

function test_zero_traffic_is_refused()
  local ok, msg = validate(govnet.event{ plugin = "access", verb = "new", record = { traffic = 0 } })
  assert(ok == false and msg:find("至少 1 Mbps", 1, true))
end

function test_absurd_traffic_is_refused()
  local ok, msg = validate(govnet.event{ plugin = "access", verb = "new", record = { traffic = 2000000 } })
  assert(ok == false and msg:find("2000000 Mbps", 1, true))
end

function test_other_actions_are_left_alone()
  assert(validate(govnet.event{ plugin = "access", verb = "approve", record = { traffic = 0 } }) == nil)
end
