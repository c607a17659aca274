-- expect: 超出指令预算|运行超时
-- gmatch of the empty pattern over a long string, forever.
function validate(event)
  local s = string.rep("x", 4000000)
  while true do for _ in s:gmatch("") do end end
end
