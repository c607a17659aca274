-- expect: 超出指令预算|运行超时
-- A catastrophic pattern: twenty nested quantifiers against five thousand "a"s.
function validate(event)
  local s = string.rep("a", 5000)
  return s:find(string.rep("a*", 20) .. "b")
end
