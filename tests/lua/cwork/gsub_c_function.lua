-- expect: 超出指令预算|运行超时|内存超出上限
-- gsub with a C function as the replacement.
function validate(event)
  local s = string.rep("ab", 500000)
  while true do s:gsub("%w", string.upper) end
end
