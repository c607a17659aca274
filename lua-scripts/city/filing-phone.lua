-- 全市默认规则：责任人备案的电话须是能拨通的号码——手机号，或带区号的座机（Art 12）。
--
-- 添加：govnet rules add lua-scripts/city/filing-phone.lua --org 320700

local function digits(s)
  return (s:gsub("[%s%-]", ""))
end

local function dialable(phone)
  local d = digits(phone)
  return d:match("^1%d%d%d%d%d%d%d%d%d%d$") ~= nil     -- 手机：11 位
      or d:match("^0%d%d%d?%d%d%d%d%d%d%d%d?$") ~= nil -- 座机：区号 + 7 或 8 位
end

function validate(event)
  if event.plugin == "access" and event.verb == "filing set" then
    local phone = event.record.phone or ""
    if not dialable(phone) then
      return false, "责任人电话 \"" .. phone .. "\" 不是可拨通的号码：请填手机号或带区号的座机（Art 12）"
    end
  end
end

function test_mobile_and_landline_pass()
  for _, phone in ipairs{ "13805130001", "138 0513 0001", "0518-85820001", "051885820001" } do
    assert(validate(govnet.event{ plugin = "access", verb = "filing set", record = { phone = phone } }) == nil,
           phone)
  end
end

function test_extension_only_is_refused()
  local ok, msg = validate(govnet.event{ plugin = "access", verb = "filing set", record = { phone = "8001" } })
  assert(ok == false and msg:find("Art 12", 1, true))
end
