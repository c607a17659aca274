-- 灌南县：责任人备案（Art 12）须留手机号码，以便夜间与节假日联系到人。
--
-- 添加：govnet rules add lua-scripts/examples/guannan/filing-mobile.lua --org 灌南县
-- 测试：govnet rules test lua-scripts/examples/guannan/filing-mobile.lua

local function is_mobile(phone)
  local d = (phone or ""):gsub("[%s%-]", "")
  return d:match("^1[3-9]%d%d%d%d%d%d%d%d%d$") ~= nil
end

function validate(event)
  if event.plugin == "access" and event.verb == "filing set" and not is_mobile(event.record.phone) then
    return false, string.format("灌南县规定：责任人（%s）须留 11 位手机号码，\"%s\" 不是（Art 12）",
                                event.record.person or "?", event.record.phone or "")
  end
end

local function filing(phone)
  return govnet.event{ plugin = "access", verb = "filing set", org = "灌南县",
                       record = { leader = "张副局长", unit = "办公室", person = "孔科员", phone = phone } }
end

function test_mobile_number_passes()
  assert(validate(filing("13805130006")) == nil)
  assert(validate(filing("138-0513-0006")) == nil)
end

function test_landline_is_refused()
  local ok, msg = validate(filing("0518-83220001"))
  assert(ok == false and msg:find("手机", 1, true) and msg:find("孔科员", 1, true), msg)
end

function test_missing_phone_is_refused()
  assert(validate(filing(nil)) == false)
end

function test_other_actions_are_left_alone()
  assert(validate(govnet.event{ plugin = "access", verb = "new", record = { phone = "x" } }) == nil)
end
