-- 东海县：预测流量超过 1000 Mbps 的接入申请，须随附技术方案（--annex）。
--
-- 添加：govnet rules add lua-scripts/examples/donghai/traffic-annex.lua --org 东海县
-- 测试：govnet rules test lua-scripts/examples/donghai/traffic-annex.lua

local LIMIT_MBPS = 1000

function validate(event)
  if event.plugin ~= "access" or event.verb ~= "new" then
    return
  end
  local r = event.record
  local annex = r.annex
  if (r.traffic or 0) > LIMIT_MBPS and (annex == nil or annex == "") then
    return false, string.format("东海县规定：预测流量 %d Mbps 超过 %d Mbps 的申请须随附技术方案（--annex 文件）",
                                r.traffic, LIMIT_MBPS)
  end
end

local function request(traffic, annex)
  return govnet.event{ plugin = "access", verb = "new", org = "东海县",
                       record = { traffic = traffic, annex = annex } }
end

function test_big_request_without_annex_is_refused()
  local ok, msg = validate(request(1500))
  assert(ok == false, "应当拒绝")
  assert(msg:find("1500 Mbps", 1, true) and msg:find("--annex", 1, true), msg)
end

function test_big_request_with_annex_passes()
  assert(validate(request(1500, "9f2c… 技术方案.pdf")) == nil)
end

function test_exactly_the_limit_passes()
  assert(validate(request(1000)) == nil)
end

function test_empty_annex_does_not_count()
  assert(validate(request(2000, "")) == false)
end

function test_other_verbs_are_left_alone()
  assert(validate(govnet.event{ plugin = "access", verb = "submit", record = { traffic = 5000 } }) == nil)
end
