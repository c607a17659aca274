-- 全市默认规则：同时涉及市、县两级的接入申请由市政务办受理（Art 10）。
--
-- 添加：govnet rules add lua-scripts/city/cross-level.lua --org 320700

local CITY_OFFICE = "市政务办"

function route(event)
  if event.plugin == "access" and event.record.cross_level then
    return CITY_OFFICE
  end
end

function test_cross_level_goes_to_the_city_office()
  local e = govnet.event{ plugin = "access", verb = "submit", org = "东海县",
                          record = { traffic = 100, cross_level = true } }
  assert(route(e) == CITY_OFFICE)
end

function test_county_requests_stay_with_the_county()
  local e = govnet.event{ plugin = "access", verb = "submit", org = "东海县",
                          record = { traffic = 100, cross_level = false } }
  assert(route(e) == nil)
end

function test_other_plugins_are_not_routed()
  assert(route(govnet.event{ plugin = "org", verb = "add", record = { cross_level = true } }) == nil)
end
