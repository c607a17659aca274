-- expect: 超出指令预算|运行超时
-- A linear C function over a large string, called in a loop.
function validate(event)
  local s = string.rep("a", 2 * 1024 * 1024)
  while true do utf8.len(s) end
end
