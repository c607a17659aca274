-- expect: 运行超时|超出指令预算|内存超出上限
-- gsub looking every match up through an __index chain.
function validate(event)
  local t = {}
  for i = 1, 1900 do t = setmetatable({}, { __index = t }) end
  local s = string.rep("a", 1000000)
  while true do s:gsub(".", t) end
end
