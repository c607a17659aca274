-- expect: 超出指令预算|运行超时
-- Deep __index chains read in a loop.
function validate(event)
  local t = {}
  for i = 1, 1900 do t = setmetatable({}, { __index = t }) end
  while true do local _ = t.x end
end
