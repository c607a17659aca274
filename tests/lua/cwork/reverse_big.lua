-- expect: 超出指令预算|运行超时|内存超出上限
-- string.reverse and string.byte over a long string, over and over.
function validate(event)
  local s = string.rep("x", 3000000)
  while true do s:reverse(); s:byte(1, 100000) end
end
